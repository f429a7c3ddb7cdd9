import type { FixedClock } from '../support/fixed-clock';
import type { TestApp } from '../support/test-app';

/** "Now" for the report specs: Monday 15 June 2026, midday in Oslo. The default period is then
 *  2025-06-16 to 2026-06-15 and "due within 7 days" runs to 2026-06-22. */
export const REPORT_NOW = '2026-06-15T10:00:00Z';

/** A formula a spreadsheet would run, stored as a completed case's answer letter kind (any cell
 *  of the report must come out neutralised, whatever the column). */
export const FORMULA = `=cmd|' /C calc'!A0`;

export interface SeededCases {
  /** Open now. */
  unconfirmed: string;
  handled: string;
  approval: string;
  paused: string;
  review: string;
  extended: string;
  /** Closed. */
  completedOnTime: string;
  completedLate: string;
  refusedOnTime: string;
  withdrawn: string;
  neverConfirmed: string;
  answeredLongAgo: string;
  receivedBeforeAnsweredIn: string;
}

/**
 * Cases in every open stage, several types and channels, answered on time and late, refused,
 * withdrawn and closed as never confirmed, registered and moved through the real API with the
 * clock set to each moment; only what needs the whole fan-out (completion, settling for review,
 * the closing of an unconfirmed request) is written to the row directly, as those steps store it.
 *
 * Expected (default period 2025-06-16 – 2026-06-15):
 *  open 6 — awaiting verification 2 (access ×2), awaiting approval 1 (erasure), paused 1
 *  (rectification), being handled 1 (access), awaiting review 1 (objection); overdue 1, due within 7 days 2.
 *  received in the period 11: email 3, phone 2, web 2, letter 2, sms 1, in person 1.
 *  answered in the period 4 (days 10, 18, 19, 36), on time 3, median 18.5.
 */
export async function seedReportCases(stack: TestApp, clock: FixedClock, auth: { Authorization: string }): Promise<SeededCases> {
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  let person = 0;
  const register = async (type: string, channel: string, receivedAt: string, extra: Record<string, unknown> = {}) => {
    clock.set(new Date(new Date(receivedAt).getTime() + 3_600_000));
    person += 1;
    const body = { type, channel, receivedAt, subject: { email: `person${person}@example.no`, name: `Person ${person}` }, ...extra };
    return ((await call('/api/v1/cases', body)) as { reference: string }).reference;
  };
  const verified = { identityVerified: { method: 'known customer, checked by phone' } };
  const at = async (instant: string, path: string, body: unknown) => {
    clock.set(instant);
    await call(path, body);
  };
  const sql = (query: string, params: unknown[]) => stack.dataSource.query(query, params);
  const complete = async (reference: string, closedAt: string, letterKind: string) => {
    const [row] = await sql(`UPDATE cases SET status = 'completed', closed_at = $2 WHERE reference = $1 RETURNING id`, [reference, closedAt]);
    await sql(
      `INSERT INTO case_answer_letters (case_id, kind, delivery, subject, text_body, html_body) VALUES ($1, $2, 'email', 'Svar', 'Svar', '<p>Svar</p>')`,
      [(row as Array<{ id: string }>)[0].id, letterKind],
    );
  };

  // Closed, received in the period.
  const completedOnTime = await register('access', 'email', '2026-03-02T09:00:00+01:00', verified);
  await complete(completedOnTime, '2026-03-20T12:00:00+01:00', 'access');
  const completedLate = await register('erasure', 'letter', '2026-02-02T09:00:00+01:00', verified);
  await complete(completedLate, '2026-03-10T12:00:00+01:00', FORMULA);
  const refusedOnTime = await register('rectification', 'phone', '2026-04-01T09:00:00+02:00', { details: { field: 'phone', correctedValue: '+4791234567' } });
  await at('2026-04-11T10:00:00+02:00', `/api/v1/cases/${refusedOnTime}/reject`, {
    reasonCode: 'excessive',
    reason: 'The fourth identical request this month.',
  });
  const withdrawn = await register('access', 'email', '2026-05-04T09:00:00+02:00');
  await at('2026-05-05T10:00:00+02:00', `/api/v1/cases/${withdrawn}/withdraw`, {});
  const neverConfirmed = await register('access', 'web', '2026-05-10T09:00:00+02:00');
  await sql(`UPDATE cases SET status = 'rejected', rejection_code = 'unverified', rejection_reason = 'Not confirmed.', closed_at = $2 WHERE reference = $1`, [
    neverConfirmed,
    '2026-05-18T10:00:00+02:00',
  ]);
  // Closed, received before the period: one answered before it too, one answered in it.
  const answeredLongAgo = await register('access', 'email', '2025-01-10T09:00:00+01:00', verified);
  await complete(answeredLongAgo, '2025-02-01T12:00:00+01:00', 'access');
  const receivedBeforeAnsweredIn = await register('portability', 'api', '2025-06-01T09:00:00+02:00', verified);
  await complete(receivedBeforeAnsweredIn, '2025-06-20T12:00:00+02:00', 'portability');

  // Open now.
  const approval = await register('erasure', 'web', '2026-05-01T09:00:00+02:00', verified);
  const handled = await register('access', 'phone', '2026-05-20T09:00:00+02:00', verified);
  const review = await register('objection', 'sms', '2026-05-16T09:00:00+02:00', { ...verified, details: { processing: 'direct_marketing' } });
  await sql(`UPDATE cases SET status = 'awaiting_review' WHERE reference = $1`, [review]);
  const paused = await register('rectification', 'letter', '2026-06-01T09:00:00+02:00', { details: { field: 'phone', correctedValue: '+4791234568' } });
  await at(REPORT_NOW, `/api/v1/cases/${paused}/pause`, { reason: 'Waiting for the requester to send the new number.' });
  const extended = await register('access', 'in_person', '2026-06-05T09:00:00+02:00');
  await at(REPORT_NOW, `/api/v1/cases/${extended}/extend`, { reason: 'The request covers nine years of paper archives.' });
  const unconfirmed = await register('access', 'email', '2026-06-10T09:00:00+02:00');
  clock.set(REPORT_NOW);
  return {
    unconfirmed,
    handled,
    approval,
    paused,
    review,
    extended,
    completedOnTime,
    completedLate,
    refusedOnTime,
    withdrawn,
    neverConfirmed,
    answeredLongAgo,
    receivedBeforeAnsweredIn,
  };
}
