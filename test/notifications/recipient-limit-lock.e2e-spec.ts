import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { OutboxRows, type NewOutboxRow } from '../../src/notifications/outbox-rows';
import { recipientUnderLimit } from '../../src/notifications/recipient-limit';
import { waitUntil } from '../support/service-process';
import { createTestDatabase } from '../support/test-database';

const ADDRESS = 'laas.grense@example.no';

const verificationRow = (dedupeKey: string): NewOutboxRow => ({
  dedupeKey,
  kind: 'requester-verification',
  caseId: null,
  toAddress: ADDRESS,
  subject: 'Bekreft forespørselen',
  textBody: 'Bekreft',
  htmlBody: null,
  replyTo: null,
  secrets: null,
  status: 'pending',
  attempts: 0,
  lastError: null,
  secretsRemovedAt: null,
});

/**
 * The per-recipient limit under a race that the HTTP-level spec (test/security/recipient-email-limit)
 * cannot force: a first e-mail to an address is stored but its transaction has not committed when
 * a second render asks. Counting alone would not see the uncommitted row and let the second through;
 * the address lock makes it wait for the first to commit and then count it.
 */
describe('per-recipient limit: two renders for one address at the same moment (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let rows: OutboxRows;

  beforeAll(async () => {
    const { url } = await createTestDatabase('reciplock');
    dataSource = await new DataSource(dataSourceOptions(url)).initialize();
    rows = new OutboxRows(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('makes the second wait for the first to commit, then refuses it when the first used the last place', async () => {
    const now = new Date();
    const first = dataSource.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    const admitted = await rows.insertIf(first.manager, verificationRow('lock-first'), undefined, recipientUnderLimit(ADDRESS, 1, now));
    expect(admitted).toMatchObject({ created: true });

    let secondDone = false;
    const second = rows.insertIf(dataSource.manager, verificationRow('lock-second'), undefined, recipientUnderLimit(ADDRESS, 1, now)).finally(() => {
      secondDone = true;
    });
    // The second is waiting on the address's lock while the first is uncommitted.
    await waitUntil(
      async () =>
        (
          (await dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%recipient_limit_admits%'`,
          )) as Array<{ n: number }>
        )[0].n === 1,
      10_000,
      'the second render waiting for the address lock',
    );
    expect(secondDone).toBe(false);

    await first.commitTransaction();
    await first.release();
    expect(await second).toBeNull();
    const stored = (await dataSource.query(`SELECT dedupe_key FROM outbound_emails WHERE to_address = $1`, [ADDRESS])) as Array<{ dedupe_key: string }>;
    expect(stored.map((row) => row.dedupe_key)).toEqual(['lock-first']);
  }, 30_000);
});
