import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config';
import { TaskExportCipher } from '../../src/connectors/tasks/task-export-cipher';
import { TaskExportsRetention } from '../../src/connectors/tasks/task-exports.retention';
import { TaskOutcomesReader } from '../../src/connectors/tasks/task-outcomes.reader';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { SealedExportsAndMailSecrets1796200000000 } from '../../src/database/migrations/1796200000000-SealedExportsAndMailSecrets';
import { REMOVED_SECRET } from '../../src/notifications/mail-secrets';
import { createTestDatabase } from '../support/test-database';

const TOKEN = 'AQKxTn8vQ0aX3m4uY2b1c9d8e7f6g5h4i3j2k1l0m9n8o7p';
const CONFIG = { PACKAGE_KEY: Buffer.alloc(32, 4).toString('base64'), APP_SECRET: 'x'.repeat(32) } as AppConfig;

/** A database from before sealing: plaintext exports and sent e-mails with their codes and links. */
describe('sealed exports and mail secrets migration (real PostgreSQL)', () => {
  let dataSource: DataSource;
  const migration = new SealedExportsAndMailSecrets1796200000000();

  beforeAll(async () => {
    const { url } = await createTestDatabase('sealing');
    dataSource = await new DataSource(dataSourceOptions(url)).initialize();
    const runner = dataSource.createQueryRunner();
    await migration.down(runner);
    await runner.release();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('moves plaintext exports aside for the app to seal, and cuts codes and link tokens from finished e-mails only', async () => {
    const [entity] = await dataSource.query(
      `INSERT INTO cases (reference, type, channel, status, origin, language, subject_email, details, received_at, received_on, statutory_due, effective_due, send_by, version)
       VALUES ('DSR-2026-770001', 'access', 'web', 'in_progress', 'staff', 'nb', 'kari@example.no', '{}'::jsonb, now(), '2026-03-05', '2026-04-07', '2026-04-07', '2026-04-04', 1)
       RETURNING id`,
    );
    const [task] = await dataSource.query(
      `INSERT INTO case_tasks (case_id, system_id, connector_type, action, status) VALUES ($1, 'visma', 'visma', 'export', 'done') RETURNING id`,
      [entity.id],
    );
    await dataSource.query(
      `INSERT INTO case_task_exports (task_id, case_id, system_id, data, tables, record_count) VALUES ($1, $2, 'visma', '{"customer": {"email": "kari@example.no"}}', NULL, 1)`,
      [task.id, entity.id],
    );
    const mail = (key: string, kind: string, status: string, text: string) =>
      dataSource.query(
        `INSERT INTO outbound_emails (dedupe_key, case_id, kind, to_address, subject, text_body, html_body, status) VALUES ($1, $2, $3, 'kari@example.no', 's', $4, $4, $5)`,
        [key, entity.id, kind, text, status],
      );
    await mail('m1', 'answer-download-code', 'sent', 'Your one-time code is: 12345678');
    await mail('m2', 'proof-code', 'failed', 'Enter this code: 1234 5678');
    await mail('m3', 'requester-receipt', 'sent', `Status: http://localhost:3000/status/${TOKEN}\nReference DSR-2026-770001`);
    await mail('m4', 'answer-download-code', 'pending', 'Your one-time code is: 87654321');

    const runner = dataSource.createQueryRunner();
    await migration.up(runner);
    await runner.release();

    const [moved] = await dataSource.query(`SELECT ciphertext, legacy_plaintext FROM case_task_exports WHERE task_id = $1`, [task.id]);
    expect(moved).toEqual({ ciphertext: null, legacy_plaintext: { data: { customer: { email: 'kari@example.no' } }, tables: null } });
    const bodies = Object.fromEntries(
      (await dataSource.query(`SELECT dedupe_key, text_body, html_body FROM outbound_emails ORDER BY dedupe_key`)).map(
        (row: { dedupe_key: string; text_body: string; html_body: string }) => [row.dedupe_key, [row.text_body, row.html_body]],
      ),
    );
    expect(bodies).toEqual({
      m1: [`Your one-time code is: ${REMOVED_SECRET}`, `Your one-time code is: ${REMOVED_SECRET}`],
      m2: [`Enter this code: ${REMOVED_SECRET}`, `Enter this code: ${REMOVED_SECRET}`],
      m3: [
        `Status: http://localhost:3000/status/${REMOVED_SECRET}\nReference DSR-2026-770001`,
        `Status: http://localhost:3000/status/${REMOVED_SECRET}\nReference DSR-2026-770001`,
      ],
      m4: ['Your one-time code is: 87654321', 'Your one-time code is: 87654321'],
    });

    // The app seals the moved row (the retention sweep, at worker start-up) and reads it the same.
    const cipher = new TaskExportCipher(CONFIG);
    expect(await new TaskExportsRetention(dataSource, cipher).sealLegacy()).toBe(1);
    const [sealed] = await dataSource.query(`SELECT to_jsonb(e)::text AS row FROM case_task_exports e WHERE task_id = $1`, [task.id]);
    expect(sealed.row).not.toContain('kari@example.no');
    const [opened] = await new TaskOutcomesReader(dataSource, cipher).exports(dataSource.manager, entity.id);
    expect(opened.data).toEqual({ customer: { email: 'kari@example.no' } });
    // Exactly one form per row: plaintext next to ciphertext is refused.
    await expect(dataSource.query(`UPDATE case_task_exports SET legacy_plaintext = '{}'::jsonb WHERE task_id = $1`, [task.id])).rejects.toThrow(/one_form/);
  });
});
