import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Most of our users' requesters and records are Norwegian: a number without a country code is Norwegian. */
export const DEFAULT_PHONE_REGION = 'NO';

/**
 * The number in E.164 form ("+4791234567"), or null when the text is not a valid phone number.
 * "+47 912 34 567", "0047 91234567" and "912 34 567" are one number; a number that does not parse
 * is kept as claimed text by the caller and never searched or compared as a number.
 */
export function toE164(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  // "0047…" is the international prefix written out; libphonenumber reads it only with a default region.
  const parsed = parsePhoneNumberFromString(trimmed, DEFAULT_PHONE_REGION);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** True when both texts are valid numbers and the same number. Invalid text never matches. */
export function samePhone(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = toE164(a);
  return left !== null && left === toE164(b);
}
