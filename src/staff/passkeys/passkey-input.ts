import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { PasskeyRefusal } from './passkey-refusal';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Credential ids are at most 1023 bytes (WebAuthn level 3): 1364 base64url characters. */
const MAX_ID_LENGTH = 1400;
export const MAX_PASSKEY_NAME_LENGTH = 100;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const base64url = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max && BASE64URL.test(value);

/** The shape every credential answer shares; the library checks the contents. Throws naming the field. */
function credentialShape(body: unknown, fields: string[]): Record<string, unknown> {
  const credential = isObject(body) ? body.credential : undefined;
  if (!isObject(credential)) throw new PasskeyRefusal('invalid', 'credential');
  if (!base64url(credential.id, MAX_ID_LENGTH) || credential.rawId !== credential.id) throw new PasskeyRefusal('invalid', 'credential.id');
  if (credential.type !== 'public-key') throw new PasskeyRefusal('invalid', 'credential.type');
  const response = credential.response;
  if (!isObject(response)) throw new PasskeyRefusal('invalid', 'credential.response');
  for (const field of fields) if (!base64url(response[field], 100_000)) throw new PasskeyRefusal('invalid', `credential.response.${field}`);
  if (credential.clientExtensionResults !== undefined && !isObject(credential.clientExtensionResults)) {
    throw new PasskeyRefusal('invalid', 'credential.clientExtensionResults');
  }
  return { ...credential, clientExtensionResults: credential.clientExtensionResults ?? {} };
}

/** `{ credential }` of a sign-in, as the browser library sends it. */
export function authenticationInput(body: unknown): AuthenticationResponseJSON {
  return credentialShape(body, ['clientDataJSON', 'authenticatorData', 'signature']) as unknown as AuthenticationResponseJSON;
}

/** `{ credential, name }` of a new passkey. */
export function registrationInput(body: unknown): { credential: RegistrationResponseJSON; name: string } {
  const name = passkeyName(body);
  return { credential: credentialShape(body, ['clientDataJSON', 'attestationObject']) as unknown as RegistrationResponseJSON, name };
}

/** The user's name for the passkey: printable, 1–100 characters once trimmed. */
export function passkeyName(body: unknown): string {
  const raw = isObject(body) ? body.name : undefined;
  const name = typeof raw === 'string' ? raw.trim() : '';
  // eslint-disable-next-line no-control-regex
  if (!name || name.length > MAX_PASSKEY_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(name)) throw new PasskeyRefusal('invalid', 'name');
  return name;
}
