import fc from 'fast-check';
import { routeMatcher } from '../support/public-routes';

/** One HTTP call a generated input turns into. */
export interface FuzzCall {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What a fuzz run saw: how many calls, by status and by target route; the first 5xx with the
 *  call that caused it. */
export class FuzzTally {
  total = 0;
  readonly byStatus = new Map<number, number>();
  readonly byRoute = new Map<string, number>();
  readonly serverErrors: Array<{ status: number; call: FuzzCall; body: string }> = [];
  private readonly matchers: Array<[key: string, matches: (method: string, path: string) => boolean]>;

  /** `routes`: the route keys (`get /status/:token`) this file fuzzes, counted per call. */
  constructor(readonly routes: readonly string[] = []) {
    this.matchers = routes.map((key) => [key, routeMatcher(key)]);
    for (const key of routes) this.byRoute.set(key, 0);
  }

  record(status: number, call: FuzzCall, body: string): void {
    this.total += 1;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    const path = call.path.split('?')[0];
    for (const [key, matches] of this.matchers) if (matches(call.method, path)) this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
    if (status >= 500 && this.serverErrors.length < 5)
      this.serverErrors.push({ status, call: { ...call, body: call.body?.slice(0, 300) }, body: body.slice(0, 300) });
  }

  summary(): string {
    return [...this.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
  }

  /** The target routes that got fewer than `minimum` generated inputs, with their counts. */
  underFuzzed(minimum: number): string[] {
    return [...this.byRoute].filter(([, count]) => count < minimum).map(([key, count]) => `${key}: ${count}`);
  }
}

/** Requests in flight at once: enough to keep PostgreSQL and the event loop busy on two cores. */
const BATCH = 10;

/**
 * Runs `runs` generated inputs against the server, BATCH at a time (fast-check draws an array per
 * run, so a failing batch still shrinks). Every answer must be below 500; anything else fails the
 * property with the call that caused it.
 */
export async function fuzzHttp<T>(
  baseUrl: string,
  tally: FuzzTally,
  input: fc.Arbitrary<T>,
  toCall: (value: T) => FuzzCall | Promise<FuzzCall>,
  runs: number,
  seed?: number,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(input, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const outcomes = await Promise.all(
        batch.map(async (value) => {
          const call = await toCall(value);
          const response = await fetch(`${baseUrl}${call.path}`, { method: call.method, headers: call.headers, body: call.body, redirect: 'manual' });
          const body = await response.text();
          tally.record(response.status, call, body);
          return { status: response.status, call, body };
        }),
      );
      const broken = outcomes.find((outcome) => outcome.status >= 500 || outcome.status < 200);
      if (broken) throw new Error(`${broken.call.method} ${broken.call.path} answered ${broken.status}: ${broken.body.slice(0, 300)}`);
    }),
    { numRuns: Math.ceil(runs / BATCH), ...(seed === undefined ? {} : { seed }) },
  );
}

/** Text of every kind: ordinary, any code point, control characters, long, and tricky constants. */
export const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 6000 }),
  fc.constantFrom('', ' ', '\u0000', '%', '%E0%A4%A', '../..', '{{constructor}}', '<script>x</script>', '__proto__', 'constructor', 'a@b.no', "' OR 1=1 --"),
);

/** A JSON value of any shape, including the ones a JSON parser must refuse to treat as an object. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

/** A path segment as a client could send it: percent-encoded text, raw URL characters, or broken
 *  percent-escapes that a decoder trips on. */
export const anySegment = fc.oneof(
  fc.string({ maxLength: 80 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 80 }).map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9_~.-]{1,80}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{40,60}$/),
  fc.constantFrom('%', '%%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%2F', '..', '.', '%2e%2e', 'a%20b', '__proto__', 'constructor'),
);

/** A query string: none, a language, a repeated or odd `lang`, or random keys. */
export const anyQuery = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?lang=en', '?lang=nb', '?lang=xx', '?lang=en&lang=nb', '?lang[]=en', '?lang[a]=b', '?lang=%', '?__proto__[x]=1'),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 }), { maxKeys: 3 }).map((query) => `?${new URLSearchParams(query).toString()}`),
);

/** Content types a client might put on a POST, right or wrong. */
export const anyContentType = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded; charset=utf-16',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
);

/** Flips, drops, repeats or re-cases one character of a real token, or cuts it short. */
export function mutatedToken(tokens: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(tokens, fc.nat(), fc.constantFrom('flip', 'drop', 'double', 'case', 'cut', 'append', 'same'), fc.constantFrom(...'AZaz09_-.'.split('')))
    .map(([token, at, how, char]) => {
      const index = at % token.length;
      switch (how) {
        case 'flip':
          return token.slice(0, index) + (token[index] === char ? 'B' : char) + token.slice(index + 1);
        case 'drop':
          return token.slice(0, index) + token.slice(index + 1);
        case 'double':
          return token.slice(0, index) + token[index] + token.slice(index);
        case 'case':
          return (
            token.slice(0, index) +
            (token[index] === token[index].toUpperCase() ? token[index].toLowerCase() : token[index].toUpperCase()) +
            token.slice(index + 1)
          );
        case 'cut':
          return token.slice(0, index);
        case 'append':
          return token + char;
        default:
          return token;
      }
    });
}

/** A browser's cookies from Set-Cookie headers, as one Cookie header. */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** The `_csrf` hidden field of a page. */
export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1];
}
