import { summarised } from '../outcome-summary';
import { SQL_SUMMARIES } from './sql-summaries';
import { DateTime } from 'luxon';
import type {
  Changes,
  Connector,
  ExportPart,
  Match,
  Outcome,
  PlanItem,
  PlanRequest,
  RectifyRequest,
  RestrictRequest,
  RestrictScope,
  RetentionRules,
  Subject,
  SummaryText,
  SurveyedRecord,
  SystemContext,
} from '../connector';
import { DispositionTally } from '../disposition-tally';
import { DsrConnector } from '../dsr-connector';
import { inTransaction, type SqlSession } from './sql-database';
import { executeItems, surveyRows } from './sql-plan';
import { heldBy, labelOf, SqlRecords, type FoundRow } from './sql-records';
import { checkSqlConnection, readSqlSettings, tableId, type SqlSettings } from './sql-settings';
import { deleteRow } from './sql-statements';

export interface SqlConnectorOptions {
  /** The clock for "today" in hold decisions. */
  now?: () => Date;
  /** The company's time zone (default Europe/Oslo). */
  timeZone?: string;
}

/**
 * An in-house database (PostgreSQL, MySQL/MariaDB, SQL Server) described in the data map: which
 * tables hold the person, by which columns, and what erasure, correction and restriction do to each
 * (README.md). Every statement is built from names checked against the live catalogue and bound
 * values; reads run in a read-only transaction, changes in one transaction per task.
 */
@DsrConnector('sql', { rateLimit: { max: 120, durationMs: 60_000 } })
export class SqlConnector implements Connector {
  readonly type = 'sql';
  private readonly now: () => Date;
  private readonly timeZone: string;

  constructor(options: SqlConnectorOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.timeZone = options.timeZone ?? 'Europe/Oslo';
  }

  checkConnection(connection: Record<string, unknown>): string[] {
    return checkSqlConnection(connection);
  }

  /** The boot check: every table and column the data map names, in one catalogue query. */
  async checkNames(ctx: SystemContext): Promise<SummaryText[]> {
    const settings = readSqlSettings(ctx);
    return inTransaction(settings.dialect, settings.url, true, (session) => new SqlRecords(session, settings).catalogueProblems());
  }

  async find(ctx: SystemContext, subject: Subject): Promise<Match[]> {
    const rows = await this.read(ctx, subject);
    return rows
      .filter((found) => found.table.match)
      .map((found) => ({ externalId: found.ref, kind: tableId(found.table), label: labelOf(found), holds: heldBy(found) }));
  }

  /** The person's rows per table (the data map's `export` columns), read in a read-only transaction. */
  async export(ctx: SystemContext, subject: Subject): Promise<ExportPart> {
    const rows = await this.read(ctx, subject);
    const tables: Record<string, Array<Record<string, unknown>>> = {};
    const disclosed = new DispositionTally();
    for (const found of rows) {
      const columns = found.table.export === 'all' ? Object.keys(found.row) : found.table.export;
      (tables[tableId(found.table)] ??= []).push(Object.fromEntries(columns.map((column) => [column, plain(found.row[column])])));
      disclosed.add({ kind: 'disclosed', what: found.table.recordType });
    }
    return {
      systemId: ctx.systemId,
      data: tables,
      tables,
      recordCount: rows.length,
      dispositions: rows.length ? disclosed.list() : [{ kind: 'not_held', reason: 'not_found' }],
    };
  }

  async survey(ctx: SystemContext, subject: Subject, request: PlanRequest, retention: RetentionRules): Promise<SurveyedRecord[]> {
    const settings = readSqlSettings(ctx);
    const rows = await this.readWith(settings, subject);
    return surveyRows(rows, request, retention, settings);
  }

  /** The approved items, in one transaction: all of it happens or none (a retry starts clean). */
  async execute(ctx: SystemContext, subject: Subject, request: PlanRequest, items: PlanItem[], retention: RetentionRules): Promise<Outcome> {
    const settings = readSqlSettings(ctx);
    return inTransaction(settings.dialect, settings.url, false, async (session) => {
      const rows = await this.checked(session, settings).then((records) => records.subjectRows(subject));
      if (!rows.length && !items.some((item) => item.action !== 'none')) return notFound(settings);
      return executeItems(session, settings, rows, request, items, retention);
    });
  }

  /** Without a reviewed plan: the data map's rule per table, as a survey would propose it. */
  async erase(ctx: SystemContext, subject: Subject, retention: RetentionRules): Promise<Outcome> {
    return this.asProposed(ctx, subject, { action: 'erase', reference: '', today: this.today() }, retention);
  }

  async rectify(ctx: SystemContext, subject: Subject, changes: Changes, request?: RectifyRequest): Promise<Outcome> {
    return this.asProposed(ctx, subject, { action: 'rectify', changes, reference: request?.reference ?? '', today: this.today() }, { legalHolds: [] });
  }

  async restrict(ctx: SystemContext, subject: Subject, scope: RestrictScope, request?: RestrictRequest): Promise<Outcome> {
    if (scope === 'marketing') {
      // The data map names restriction columns only; which column means "no marketing" is the company's.
      return { status: 'manual', ...summarised(SQL_SUMMARIES.stopMarketingByHand(ctx.systemId)) };
    }
    if (!readSqlSettings(ctx).tables.some((table) => table.restrict)) {
      return { status: 'manual', ...summarised(SQL_SUMMARIES.restrictByHand(ctx.systemId)) };
    }
    const planned: PlanRequest = {
      action: 'restrict',
      reference: request?.reference ?? '',
      today: this.today(),
      ...(request?.fields ? { contested: request.fields } : {}),
    };
    return this.asProposed(ctx, subject, planned, { legalHolds: [] });
  }

  /** At the end of a hold: deletes the rows it kept, by the keys recorded with it. */
  async eraseRetained(ctx: SystemContext, externalIds: Record<string, unknown>): Promise<Outcome> {
    const settings = readSqlSettings(ctx);
    const kept = (externalIds.rows ?? {}) as Record<string, unknown[]>;
    return inTransaction(settings.dialect, settings.url, false, async (session) => {
      await this.checked(session, settings);
      const erased = new DispositionTally();
      const done: string[] = [];
      // Children (later in the list) first, as in execute.
      for (const table of [...settings.tables].reverse()) {
        for (const key of kept[tableId(table)] ?? []) {
          const { affected } = await session.run(deleteRow({ dialect: settings.dialect, ...table }, table.keyColumn, key), `delete from ${tableId(table)}`);
          if (!affected) continue;
          erased.add({ kind: 'erased', what: table.recordType });
          done.push(`${tableId(table)}:${String(key)}`);
        }
      }
      if (!done.length) return notFound(settings);
      return { status: 'done', ...summarised(SQL_SUMMARIES.holdEnded(settings.systemId, done)), dispositions: erased.list() };
    });
  }

  private async asProposed(ctx: SystemContext, subject: Subject, request: PlanRequest, retention: RetentionRules): Promise<Outcome> {
    const plan = await this.survey(ctx, subject, request, retention);
    if (!plan.length) return notFound(readSqlSettings(ctx));
    const items: PlanItem[] = plan.map((row) => ({
      ref: row.ref,
      recordType: row.recordType,
      action: row.proposed,
      ...(row.keep ? { keep: row.keep } : {}),
      ...(row.fields ? { fields: row.fields } : {}),
      ...(row.parent ? { parent: row.parent } : {}),
      asProposed: true,
    }));
    return this.execute(ctx, subject, request, items, retention);
  }

  private read(ctx: SystemContext, subject: Subject): Promise<FoundRow[]> {
    return this.readWith(readSqlSettings(ctx), subject);
  }

  private readWith(settings: SqlSettings, subject: Subject): Promise<FoundRow[]> {
    return inTransaction(settings.dialect, settings.url, true, async (session) => (await this.checked(session, settings)).subjectRows(subject));
  }

  private async checked(session: SqlSession, settings: SqlSettings): Promise<SqlRecords> {
    const records = new SqlRecords(session, settings);
    await records.checkCatalogue();
    return records;
  }

  private today(): string {
    return DateTime.fromJSDate(this.now()).setZone(this.timeZone).toISODate() as string;
  }
}

function notFound(settings: SqlSettings): Outcome {
  return {
    status: 'not_found',
    ...summarised(SQL_SUMMARIES.noRow(settings.systemId)),
    dispositions: [{ kind: 'not_held', reason: 'not_found' }],
  };
}

/** JSON-safe: a Buffer becomes base64, a bigint text; dates stay Dates (JSON writes them ISO). */
function plain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  return value;
}
