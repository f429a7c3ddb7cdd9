import { Client } from 'pg';

/**
 * Inserts `count` cases straight into PostgreSQL with generate_series (a million in well under a
 * minute), spread over types, channels, statuses and a year of received dates, with realistic
 * e-mails and names to search for. Deadlines follow the 30-day promise (effective = received + 30).
 * With `intakeVerifications`, the web and API cases awaiting verification came through the public
 * intake (origin `intake`) and each has its verification row (link valid 7 days, reminder at 3, the
 * defaults), as a live system's have: reconciliation then rebuilds their reminder, expiry and
 * e-mail jobs too. Without it every case is staff-registered (origin `staff`).
 */
export async function seedCases(
  databaseUrl: string,
  count: number,
  openShare = 0.3,
  firstReceived = '2026-01-01',
  spreadDays = 330,
  intakeVerifications = false,
): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const batch = 200_000;
    for (let start = 1; start <= count; start += batch) {
      const end = Math.min(count, start + batch - 1);
      await client.query(
        `INSERT INTO cases (reference, type, channel, status, origin, language, subject_email, subject_name, subject_phone,
                            details, received_at, received_on, statutory_due, promise_due, effective_due, send_by, version)
         SELECT 'DSR-2026-' || lpad(n::text, 7, '0'),
                (ARRAY['access','rectification','erasure','objection','restriction','portability'])[1 + n % 6],
                kind.channel,
                kind.status,
                CASE WHEN $6::boolean AND kind.status = 'awaiting_verification' AND kind.channel IN ('web','api') THEN 'intake' ELSE 'staff' END,
                'nb',
                'person' || n || '@example.no',
                (ARRAY['Kari','Ola','Ingrid','Lars','Nora','Jonas','Emma','Henrik'])[1 + n % 8] || ' ' ||
                (ARRAY['Nordmann','Hansen','Johansen','Olsen','Larsen','Andersen','Pedersen','Nilsen','Berg','Haugen'])[1 + (n / 8) % 10] || ' ' || n,
                '+47 9' || lpad((n % 10000000)::text, 7, '0'),
                '{}'::jsonb,
                d::timestamptz, d, d + 33, d + 30, d + 30, d + 29, 1
         FROM generate_series($1::int, $2::int) AS n,
              LATERAL (SELECT ($4::date + ((n * 37) % $5))::date AS d) AS day,
              LATERAL (SELECT (ARRAY['web','email','phone','letter','chat','api'])[1 + (n / 7) % 6] AS channel,
                              CASE WHEN (n::bigint * 7919) % 1000 < $3::float * 1000
                                   THEN (ARRAY['awaiting_verification','in_progress','awaiting_review'])[1 + n % 3]
                                   ELSE (ARRAY['completed','rejected','withdrawn'])[1 + n % 3] END AS status) AS kind`,
        [start, end, openShare, firstReceived, spreadDays, intakeVerifications],
      );
    }
    if (intakeVerifications) {
      await client.query(
        `INSERT INTO case_verifications (case_id, expires_at, remind_at)
         SELECT id, received_at + interval '7 days', received_at + interval '3 days'
           FROM cases WHERE origin = 'intake' AND status = 'awaiting_verification'`,
      );
    }
    // Steady state: autovacuum has run, so the visibility map allows index-only scans.
    await client.query('VACUUM ANALYZE cases');
    if (intakeVerifications) await client.query('VACUUM ANALYZE case_verifications');
  } finally {
    await client.end();
  }
}
