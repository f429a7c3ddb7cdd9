import autocannon from 'autocannon';

/** One POST body per request; autocannon replaces `[<id>]` with a unique id, so every request is
 *  a new person (and a new idempotency claim). `tag` marks which part of the run a case is from. */
export function intakeBody(tag: string): string {
  return JSON.stringify({ type: 'access', email: `${tag}-[<id>]@example.no`, name: 'Flom Testesen', language: 'nb' });
}

export interface FloodResult {
  seconds: number;
  accepted: number;
  acceptedPerSecond: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  /** Connection errors, time-outs included. */
  errors: number;
  timeouts: number;
}

function summary(result: autocannon.Result): FloodResult {
  return {
    seconds: result.duration,
    accepted: result['2xx'],
    acceptedPerSecond: Math.round(result['2xx'] / result.duration),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * autocannon POSTing `body` to `url` for `seconds` on `connections` connections. `accepted`, when
 * given, collects the reference of every 202. `stop`, when given, receives a function that ends
 * the flood at once (for the stop-right-after-the-flood check; then `seconds` is only a ceiling).
 */
export function flood(
  url: string,
  options: { seconds: number; connections: number; body: string; accepted?: string[]; stop?: (end: () => void) => void },
): Promise<FloodResult> {
  const { accepted } = options;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        duration: options.seconds,
        connections: options.connections,
        headers: { 'content-type': 'application/json' },
        body: options.body,
        idReplacement: true,
        ...(accepted
          ? {
              requests: [
                {
                  onResponse: (status: number, responseBody: string) => {
                    if (status === 202) accepted.push((JSON.parse(responseBody) as { reference: string }).reference);
                  },
                },
              ],
            }
          : {}),
      },
      (error, result) => (error ? reject(error as Error) : resolve(summary(result))),
    );
    options.stop?.(() => instance.stop());
  });
}
