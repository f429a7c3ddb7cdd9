/**
 * HTTP answers from the providers, counted by the connector clients: per provider and status
 * class, and every 429 (also the ones a client waits out inline, which never reach the task
 * runner). The clients are plain objects built per call, so they count into this process-wide
 * tally; the worker takes it when a job ends and adds it to a Redis hash with its job counts, in
 * one pipeline a second (worker/measured-processors.ts), and /metrics reads that hash, as it does
 * the other worker counters.
 */
/** A connector type (the `@DsrConnector` type of the client's connector). */
export type ConnectorProvider = string;

export const connectorHttpKey = (prefix: string) => `${prefix}:metrics:connector-http`;

/** Hash fields: `<provider>|2xx` … `<provider>|5xx`, and `<provider>|429` for rate-limit answers. */
const tally = new Map<string, number>();

export function countConnectorResponse(provider: ConnectorProvider, status: number): void {
  const add = (field: string) => tally.set(field, (tally.get(field) ?? 0) + 1);
  add(`${provider}|${Math.floor(status / 100)}xx`);
  if (status === 429) add(`${provider}|429`);
}

/** Hands over what was counted since the last call and starts again from zero. */
export function takeConnectorResponses(): Array<[field: string, count: number]> {
  const counted = [...tally];
  tally.clear();
  return counted;
}
