import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/** Most of our users' requesters and records are Norwegian: a number without a country code is Norwegian. */
export const DEFAULT_PHONE_REGION: CountryCode = 'NO';

/** True for a two-letter region libphonenumber knows ("NO", "SE"): a connector's `defaultRegion` setting. */
export function isPhoneRegion(text: string): text is CountryCode {
  return isSupportedCountry(text);
}

/**
 * The number in E.164 form ("+4791234567"), or null when the text is not a valid phone number.
 * "+47 912 34 567", "0047 91234567" and "912 34 567" are one number; a number that does not parse
 * is kept as claimed text by the caller and never searched or compared as a number.
 */
export function toE164(text: string | null | undefined, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  // "0047…" is the international prefix written out; libphonenumber reads it only with a default region.
  // A number without a country code is read as one of `region` (a system's own region, when it has one).
  const parsed = parsePhoneNumberFromString(trimmed, region);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** True when both texts are valid numbers and the same number. Invalid text never matches. */
export function samePhone(a: string | null | undefined, b: string | null | undefined, region: CountryCode = DEFAULT_PHONE_REGION): boolean {
  const left = toE164(a, region);
  return left !== null && left === toE164(b, region);
}

/**
 * The ways people commonly write the number, for providers whose search is exact on free text
 * (a phone field is typed by hand: "912 34 567", "+47 91234567", "0047 912 34 567"). Each hit of a
 * search by these must still be confirmed with `samePhone`. Empty when the text is not a valid
 * number: such a number is never searched.
 */
export function phoneSpellings(text: string | null | undefined, region: CountryCode = DEFAULT_PHONE_REGION): string[] {
  const e164 = toE164(text, region);
  if (!e164) return [];
  const parsed = parsePhoneNumberFromString(e164)!;
  const international = parsed.formatInternational();
  const spellings = [
    e164,
    `00${e164.slice(1)}`,
    international,
    international.replace(/^\+/, '00'),
    `+${parsed.countryCallingCode} ${parsed.nationalNumber}`,
    `00${parsed.countryCallingCode} ${parsed.nationalNumber}`,
  ];
  if (parsed.country === region) {
    // Written without the country code only for numbers of the default region, where that is how
    // they are read back. Norwegian 8-digit numbers are grouped two ways by habit: 3-2-3 and 2-2-2-2.
    const national = parsed.nationalNumber;
    const groupings = [parsed.formatNational()];
    if (/^\d{8}$/.test(national))
      groupings.push(
        `${national.slice(0, 3)} ${national.slice(3, 5)} ${national.slice(5)}`,
        `${national.slice(0, 2)} ${national.slice(2, 4)} ${national.slice(4, 6)} ${national.slice(6)}`,
      );
    spellings.push(
      national,
      // The national form as bare digits keeps a trunk prefix where the region has one ("0701234567" in SE).
      parsed.formatNational().replace(/\D/g, ''),
      ...groupings,
      ...groupings.map((grouping) => `+${parsed.countryCallingCode} ${grouping}`),
      ...groupings.map((grouping) => `00${parsed.countryCallingCode} ${grouping}`),
    );
  }
  return [...new Set(spellings)];
}
