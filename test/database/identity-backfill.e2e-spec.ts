import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { IdentityBackfill1796030000000 } from '../../src/database/migrations/1796030000000-IdentityBackfill';
import { createTestDatabase } from '../support/test-database';

/** Cases from before the identity model get identifiers established as the new rules would have. */
describe('identity backfill migration (real PostgreSQL)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const { url } = await createTestDatabase('backfill');
    dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  async function legacyCase(n: number, origin: string, verified: boolean, method: string | null): Promise<string> {
    const [row] = await dataSource.query(
      `INSERT INTO cases (reference, type, channel, status, origin, language, subject_email, subject_phone, subject_customer_number, subject_name, details,
                          received_at, received_on, statutory_due, effective_due, send_by, verified_at, verification_method, version)
       VALUES ($1, 'access', 'web', 'in_progress', $2, 'nb', 'Kari@Example.no', '0047 912 34 567', '10042', 'Kari  Nordmann', '{}'::jsonb,
               now(), '2026-03-05', '2026-04-07', '2026-04-07', '2026-04-04', $3, $4, 1)
       RETURNING id`,
      [`DSR-2026-88${String(n).padStart(4, '0')}`, origin, verified ? new Date('2026-03-05T10:00:00Z') : null, method],
    );
    return row.id as string;
  }
  const identifiers = async (caseId: string) =>
    Object.fromEntries(
      ((await dataSource.query('SELECT kind, value, basis, method FROM case_identifiers WHERE case_id = $1', [caseId])) as Array<Record<string, string>>).map(
        (row) => [row.kind, row],
      ),
    );

  it('proves only the e-mail of a link-verified intake case, confirms what staff checked, and leaves the rest claimed', async () => {
    const intake = await legacyCase(1, 'intake', true, 'e-mail link');
    const staff = await legacyCase(2, 'staff', true, 'called back the number on file');
    const unverified = await legacyCase(3, 'intake', false, null);

    const runner = dataSource.createQueryRunner();
    await new IdentityBackfill1796030000000().up(runner);
    await new IdentityBackfill1796030000000().up(runner); // a second run adds nothing
    await runner.release();

    expect(await identifiers(intake)).toEqual({
      email: { kind: 'email', value: 'kari@example.no', basis: 'proven', method: 'link sent to this address' },
      phone: { kind: 'phone', value: '+4791234567', basis: 'claimed', method: null },
      customer_number: { kind: 'customer_number', value: '10042', basis: 'claimed', method: null },
      name: { kind: 'name', value: 'Kari Nordmann', basis: 'claimed', method: null },
    });
    const confirmed = await identifiers(staff);
    for (const kind of ['email', 'phone', 'customer_number', 'name']) {
      expect(confirmed[kind]).toMatchObject({ basis: 'staff_confirmed', method: 'called back the number on file' });
    }
    expect(Object.values(await identifiers(unverified)).map((row) => row.basis)).toEqual(['claimed', 'claimed', 'claimed', 'claimed']);
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM case_identifiers');
    expect(n).toBe(12);
  });
});
