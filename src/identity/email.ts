/**
 * E-mail addresses compare case-insensitively and otherwise exactly: "+tags", dots and
 * sub-strings make a different address (the person proved one mailbox, not a family of them).
 */
export function normaliseEmail(text: string | null | undefined): string | null {
  const trimmed = text?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = normaliseEmail(a);
  return left !== null && left === normaliseEmail(b);
}
