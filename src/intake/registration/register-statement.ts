import { stageSql } from '../../queues/job-outbox/job-outbox';

/**
 * The public intake's registration as ONE statement (one round trip, its own transaction): the
 * idempotency claim, the case (its reference from the year's sequence, drawn only when the claim
 * was won, so a repeat leaves no gap), its `case.registered` audit event, the identifiers the
 * person typed (claimed, not established), the verification row and the staged jobs. When another
 * submission holds the claim, nothing is written and no row comes back. A concurrent repeat's
 * claim waits on the unique key until the first commits or rolls back, as a separate INSERT would.
 *
 * Parameters, in order: see RegisterParams.
 */
export const REGISTER_SQL = `
WITH claim AS (
  INSERT INTO intake_submissions (key, case_id, claimed_at) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET case_id = EXCLUDED.case_id, claimed_at = EXCLUDED.claimed_at
  WHERE intake_submissions.case_id IS NULL
  RETURNING case_id
), registered AS (
  INSERT INTO cases (id, reference, type, channel, origin, status, language, subject_email, subject_name,
    subject_phone, subject_customer_number, details, received_at, received_on, statutory_due, promise_due,
    effective_due, send_by, version)
  SELECT case_id, $4::text || lpad(nextval($5::regclass)::text, 6, '0'), $6::varchar, $7::varchar, 'intake',
    'awaiting_verification', $8::varchar, $9::varchar, $10::varchar, $11::varchar, $12::varchar, $13::jsonb,
    $14::timestamptz, $15::date, $16::date, $17::date, $18::date, $19::date, 1
  FROM claim
  RETURNING id, reference
), audited AS (
  INSERT INTO audit_events (case_id, type, actor, data, occurred_at)
  SELECT id, 'case.registered', 'requester', jsonb_build_object('reference', reference) || $20::jsonb, $3::timestamptz FROM registered
), identified AS (
  INSERT INTO case_identifiers (case_id, kind, given, value, searchable, system_id, basis)
  SELECT registered.id, typed.kind, typed.given, typed.value, typed.searchable, '', 'claimed'
  FROM registered, unnest($21::varchar[], $22::text[], $23::text[], $24::boolean[]) AS typed(kind, given, value, searchable)
  ON CONFLICT DO NOTHING
), verification AS (
  INSERT INTO case_verifications (case_id, expires_at, remind_at) SELECT id, $25::timestamptz, $26::timestamptz FROM registered
), outbox AS (
  ${stageSql(27, 'registered')}
)
SELECT id, reference FROM registered`;
