/**
 * Decodes base64url only when the text is the one canonical encoding of its bytes. Node's decoder
 * ignores the unused low bits of the last character, so up to four spellings decode to the same
 * bytes; a signed link must have exactly one spelling, or a "changed" link would still open.
 */
export function decodeCanonicalBase64url(text: string): Buffer | null {
  const raw = Buffer.from(text, 'base64url');
  return raw.toString('base64url') === text ? raw : null;
}
