/** A case token: 16 random bytes as 32 lowercase hex digits (e-mail local parts are matched
 *  without regard to case by many servers, so the token has no upper case to lose). */
export const TOKEN_PATTERN = /^[0-9a-f]{32}$/;

/** `personvern@firma.no` + token → `personvern+<token>@firma.no` (plus-addressing). */
export function replyAddress(base: string, token: string): string {
  const at = base.lastIndexOf('@');
  return `${base.slice(0, at)}+${token}${base.slice(at)}`;
}

/** The token of the first address that is the reply address plus a token, or null. The local
 *  part and domain are compared without regard to case; anything else around them is no match. */
export function tokenIn(base: string, addresses: Array<string | null | undefined>): string | null {
  const at = base.lastIndexOf('@');
  const local = base.slice(0, at).toLowerCase();
  const domain = base.slice(at + 1).toLowerCase();
  for (const address of addresses) {
    const text = (address ?? '').trim().toLowerCase();
    const split = text.lastIndexOf('@');
    if (split < 0 || text.slice(split + 1) !== domain) continue;
    const [name, token, ...rest] = text.slice(0, split).split('+');
    if (name === local && token !== undefined && rest.length === 0 && TOKEN_PATTERN.test(token)) return token;
  }
  return null;
}
