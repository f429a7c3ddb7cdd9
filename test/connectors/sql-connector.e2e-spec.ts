import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { RetentionRules, SystemContext } from '../../src/connectors/connector';
import { ConnectorError } from '../../src/connectors/connector-errors';
import { SqlConnector } from '../../src/connectors/sql/sql.connector';
import { plainText, type LocalizedText } from '../../src/systems/localized-text';
import { webshopDatabase, type ScratchDatabase } from './sql-scratch';

const TODAY = '2026-11-22';
const example = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'webshop-sql.yaml'), 'utf8')).systems[0];
// The engine's rules read each hold's plain (English) text, as the loader gives it (the example
// writes its texts in nb and en).
const RULES: RetentionRules = {
  legalHolds: (example.legalHolds as Array<{ records: LocalizedText; basis: LocalizedText; keepFor: string }>).map((hold) => ({
    ...hold,
    records: plainText(hold.records),
    basis: plainText(hold.basis),
  })),
};

/** The connector on its own against the example web shop: what the API specs cannot show cheaply. */
describe.each(['postgres', 'mysql'] as const)('sql connector on %s: names checked, phones matched, repeats harmless', (dialect) => {
  let db: ScratchDatabase;
  const connector = new SqlConnector({ now: () => new Date(`${TODAY}T10:00:00Z`) });
  const context = (tables: unknown[] = example.connection.tables): SystemContext => ({
    systemId: 'webshop-db',
    connection: { dialect, urlEnv: 'SHOP_DB_URL', tables },
    secret: (name) => (name === 'SHOP_DB_URL' ? db.url : ''),
  });

  beforeAll(async () => {
    db = await webshopDatabase(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('a column or table the database does not have stops the system with a message naming it, before anything is read', async () => {
    const [customers, orders, signups] = example.connection.tables;
    const wrong = [{ ...customers, match: { ...customers.match, email: 'e_mail' } }, { ...orders, name: 'order' }, signups];
    const failure = await connector.find(context(wrong), { email: 'ola.nordmann@example.no' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).retryable).toBe(false);
    expect((failure as Error).message).toBe(
      'system "webshop-db": table "customers" has no column "e_mail" (connection.tables[0].match.email); table "order" (connection.tables[1]) is not in the database',
    );
    // The case page's words: the same names, the sentence around them in Norwegian.
    expect((failure as ConnectorError).text).toEqual({
      en: (failure as Error).message,
      nb: 'systemet «webshop-db»: tabellen «customers» har ingen kolonne «e_mail» (connection.tables[0].match.email); tabellen «order» (connection.tables[1]) finnes ikke i databasen',
    });
  });

  it('finds a customer by a phone number written another way, and reports what the row holds', async () => {
    const matches = await connector.find(context(), { phone: '+4791234567' });
    expect(matches).toEqual([
      {
        externalId: 'customers:1',
        kind: 'customers',
        label: 'Customer 1',
        holds: { emails: ['ola.nordmann@example.no'], phones: ['+4791234567'], customerNumbers: ['K-1001'], names: ['Ola Nordmann'] },
      },
    ]);
    expect(await connector.find(context(), { phone: '+4791234568' })).toEqual([]);
  });

  it('a restriction sets the restriction columns on the person’s rows (a repeat leaves them so); marketing is the owner’s task', async () => {
    const subject = { email: 'ola.nordmann@example.no' };
    const how = 'marked restricted in the database (processing_restricted): stored, not otherwise used';
    const outcome = await connector.restrict(context(), subject, 'processing', { reference: 'DSR-2026-00007' });
    expect(outcome).toMatchObject({ status: 'done' });
    expect((outcome as { dispositions: unknown[] }).dispositions).toEqual([
      { kind: 'restricted', what: 'order', count: 2, how },
      { kind: 'restricted', what: 'customer', count: 1, how },
    ]);
    const flag = (value: boolean) => (dialect === 'mysql' ? Number(value) : value);
    const flags =
      'SELECT c.processing_restricted AS customer, o.processing_restricted AS order_flag FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY o.id';
    const restricted = [
      { customer: flag(true), order_flag: flag(true) },
      { customer: flag(true), order_flag: flag(true) },
      { customer: flag(false), order_flag: flag(false) },
    ];
    expect(await db.query(flags)).toEqual(restricted);
    await connector.restrict(context(), subject, 'processing', { reference: 'DSR-2026-00007' });
    expect(await db.query(flags)).toEqual(restricted);
    expect((await connector.restrict(context(), subject, 'marketing')).status).toBe('manual');
  });

  it('an erasure run twice (a retry) does the work once and then claims nothing', async () => {
    const subject = { email: 'kari.hansen@example.no' };
    const first = await connector.erase(context(), subject, RULES);
    expect(first.status).toBe('retained');
    expect(first).toMatchObject({ retained: [{ records: 'orders and invoices', until: '2030-12-31', externalIds: { rows: { orders: [103] } } }] });
    // Row refs as the database has them; the date in the reader's words.
    expect(first.summaryText?.en).toMatch(/^Done in \S+: .*orders:103 kept until 31 Dec 2030/);
    expect(first.summaryText?.nb).toMatch(/^Utført i \S+: .*orders:103 beholdt til 31\. des\. 2030/);
    expect(first.summary).toBe(first.summaryText?.en);
    expect(await db.query('SELECT id FROM orders WHERE customer_id = 2')).toEqual([{ id: 103 }]);

    const again = await connector.erase(context(), subject, RULES);
    expect(again).toMatchObject({ status: 'not_found', dispositions: [{ kind: 'not_held', reason: 'not_found' }] });
    expect(await db.query('SELECT email FROM newsletter_signups')).toEqual([{ email: 'ola.nordmann@example.no' }]);

    // The hold ends: the kept order goes, once.
    const ended = await connector.eraseRetained(context(), { rows: { orders: [103] } });
    expect(ended).toMatchObject({ status: 'done', dispositions: [{ kind: 'erased', what: 'order', count: 1 }] });
    expect(ended.summaryText?.nb).toMatch(/^Oppbevaringsplikten er over; slettet i \S+: orders:103\.$/);
    expect(await db.query('SELECT id FROM orders WHERE customer_id = 2')).toEqual([]);
    expect((await connector.eraseRetained(context(), { rows: { orders: [103] } })).status).toBe('not_found');
  });
});
