import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { IdentifierKind } from '../../identity/identity-types';
import { DEFAULT_PHONE_REGION } from '../../identity/phone';

const DOTS = '•••';

/**
 * Masks an identifier for the case page's evidence: enough for a handler to see whether what the
 * requester typed and what a record holds look alike, not enough to read a stranger's details off
 * the screen. `+47 ••• •• 567`, `k•••@example.no`, `••••01`, `K••• N•••`.
 */
export function maskIdentifier(kind: IdentifierKind | string, value: string): string {
  const text = value.trim();
  if (!text) return '';
  switch (kind) {
    case 'email':
      return maskEmail(text);
    case 'phone':
      return maskPhone(text);
    case 'customer_number':
    case 'system_id':
      return text.length <= 2 ? DOTS : `${'•'.repeat(Math.min(4, text.length - 2))}${text.slice(-2)}`;
    case 'name':
      return text
        .split(/\s+/)
        .map((word) => `${word[0]}${DOTS}`)
        .join(' ');
    default:
      return `${text.slice(0, 3)}${DOTS}`;
  }
}

function maskEmail(text: string): string {
  const at = text.lastIndexOf('@');
  if (at < 1) return DOTS;
  return `${text[0].toLowerCase()}${DOTS}${text.slice(at).toLowerCase()}`;
}

function maskPhone(text: string): string {
  const parsed = parsePhoneNumberFromString(text, DEFAULT_PHONE_REGION);
  const digits = parsed?.isValid() ? parsed.nationalNumber : text.replace(/\D/g, '');
  if (digits.length < 4) return DOTS;
  const country = parsed?.isValid() ? `+${parsed.countryCallingCode} ` : '';
  return `${country}••• •• ${digits.slice(-3)}`;
}
