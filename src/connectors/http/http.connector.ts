import { summarised } from '../outcome-summary';
import { HTTP_OUTCOMES, HTTP_SUMMARIES } from './http-summaries';
import {
  notePrevious,
  type Changes,
  type Connector,
  type ExportPart,
  type Match,
  type Outcome,
  type PreviousValues,
  type RectifyRequest,
  type RestrictRequest,
  type RestrictScope,
  type RetentionRules,
  type Subject,
  type SystemContext,
} from '../connector';
import { DispositionTally } from '../disposition-tally';
import { DsrConnector } from '../dsr-connector';
import { authHeaders } from './http-auth';
import { HttpApiClient, type HttpClientSettings } from './http-client';
import { checkHttpConnection, parseHttpConnection, type HttpConnection, type RecordKind } from './http-connection';
import { fieldValues, findRecords, heldBy, type FoundRecord } from './http-records';
import { splitName } from './http-template';

export interface HttpConnectorOptions {
  /** 429s (and 5xx with Retry-After) asking for at most this long are waited out in the call (default 5000). */
  maxInlineRetryWaitMs?: number;
  /** How many such answers one request may wait out before the task runner takes over (default 3). */
  maxInlineRetries?: number;
  requestTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const whatOf = (kind: RecordKind) => kind.what ?? kind.kind;
const NOT_FOUND = { kind: 'not_held', reason: 'not_found' } as const;

/**
 * Any JSON-over-HTTP API, described entirely in the data map: authentication, request templates per
 * action, pagination and JSONPaths (README.md in this folder). Stateless but for the process-wide
 * OAuth token cache.
 */
@DsrConnector('http', { rateLimit: { max: 5, durationMs: 1000 } })
export class HttpConnector implements Connector {
  readonly type = 'http';
  private readonly settings: HttpClientSettings;

  constructor(options: HttpConnectorOptions = {}) {
    this.settings = {
      maxInlineRetryWaitMs: options.maxInlineRetryWaitMs ?? 5000,
      maxInlineRetries: Math.min(options.maxInlineRetries ?? 3, 3),
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      sleep: options.sleep ?? defaultSleep,
    };
  }

  checkConnection(connection: Record<string, unknown>): string[] {
    return checkHttpConnection(connection);
  }

  async find(ctx: SystemContext, subject: Subject): Promise<Match[]> {
    const { client, connection } = this.open(ctx);
    const found = await findRecords(client, connection, subject);
    return found
      .filter((record) => !record.kind.parent)
      .map((record) => ({ externalId: record.externalId, kind: whatOf(record.kind), label: `${record.kind.kind} ${record.id}`, holds: heldBy(record) }));
  }

  async export(ctx: SystemContext, subject: Subject): Promise<ExportPart> {
    const { client, connection } = this.open(ctx);
    const found = await findRecords(client, connection, subject);
    const data: Record<string, unknown[]> = {};
    const disclosed = new DispositionTally();
    for (const record of found) {
      (data[record.kind.kind] ??= []).push(record.data);
      disclosed.add({ kind: 'disclosed', what: whatOf(record.kind) });
    }
    return {
      systemId: ctx.systemId,
      data,
      recordCount: found.length,
      dispositions: found.length ? disclosed.list() : [NOT_FOUND],
    };
  }

  async erase(ctx: SystemContext, subject: Subject, retention: RetentionRules): Promise<Outcome> {
    if (retention.legalHolds.length > 0) {
      // The templates cannot tell which records a hold covers: a person decides what to keep.
      return { status: 'manual', ...summarised(HTTP_OUTCOMES.legalHolds(retention.legalHolds.map((hold) => hold.records))) };
    }
    const { client, connection } = this.open(ctx);
    const found = await findRecords(client, connection, subject);
    if (!found.length) return { status: 'not_found', ...summarised(HTTP_SUMMARIES.nothingToErase), dispositions: [NOT_FOUND] };
    const unerasable = [...new Set(found.filter((record) => !record.kind.erase).map((record) => record.kind.kind))];
    if (unerasable.length) {
      // Nothing is changed: half an erasure would leave the owner a harder task than the whole one.
      return { status: 'manual', ...summarised(HTTP_OUTCOMES.noEraseRequest(found.length, unerasable)) };
    }
    const tally = new DispositionTally();
    const erased: Record<string, string[]> = {};
    const alreadyGone: Record<string, string[]> = {};
    // Records found under others first (orders before their customer): many APIs refuse the other order.
    for (const record of byDepth(found, connection)) {
      const erase = record.kind.erase!;
      const answer = await client.send(`records.${record.kind.kind}.erase`, erase, { id: record.id, parentId: record.parentId });
      if (answer.status === 404) {
        (alreadyGone[record.kind.kind] ??= []).push(record.id);
        continue;
      }
      (erased[record.kind.kind] ??= []).push(record.id);
      tally.add({ kind: erase.outcome ?? (erase.method === 'DELETE' ? 'erased' : 'anonymised'), what: whatOf(record.kind) });
    }
    const count = Object.values(erased).flat().length;
    const gone = Object.values(alreadyGone).flat().length;
    const perKind = Object.fromEntries(Object.entries(erased).map(([kind, ids]) => [kind, ids.length]));
    return {
      status: 'done',
      ...summarised(HTTP_OUTCOMES.erased(perKind, gone)),
      details: { erased, alreadyGone },
      dispositions: count ? tally.list() : [NOT_FOUND],
    };
  }

  async rectify(ctx: SystemContext, subject: Subject, changes: Changes, request?: RectifyRequest): Promise<Outcome> {
    const { client, connection } = this.open(ctx);
    const mapped = Object.keys(changes).filter((field) => connection.records.some((kind) => kind.rectify[field]));
    const unmapped = Object.keys(changes).filter((field) => !mapped.includes(field));
    if (!mapped.length) return { status: 'manual', ...summarised(HTTP_OUTCOMES.noFieldChangeable(unmapped)) };

    let found = await findRecords(client, connection, subject);
    if (!found.length && changes.email) {
      // A repeat after the e-mail itself was changed finds the records under the new address only.
      found = await findRecords(client, connection, { email: changes.email, onlyRecords: subject.onlyRecords });
      if (found.length && found.every((record) => upToDate(record, changes, mapped))) {
        return { status: 'done', ...summarised(HTTP_OUTCOMES.upToDate([], unmapped)), dispositions: [] };
      }
      found = [];
    }
    if (!found.length) return { status: 'not_found', ...summarised(HTTP_SUMMARIES.nothingToRectify), dispositions: [NOT_FOUND] };

    const previous: PreviousValues = {};
    const corrected = new DispositionTally();
    const updated: string[] = [];
    for (const record of found) {
      for (const field of mapped) {
        const template = record.kind.rectify[field];
        if (!template) continue;
        const old = fieldValues(record.kind, field, record.data)[0] ?? '';
        if (same(field, old, changes[field])) continue;
        const answer = await client.send(`records.${record.kind.kind}.rectify.${field}`, template, {
          id: record.id,
          parentId: record.parentId,
          value: changes[field],
          ...(field === 'name' ? splitName(changes[field]) : {}),
          reference: request?.reference,
        });
        if (answer.status === 404) continue;
        notePrevious(previous, field, old);
        corrected.corrected(whatOf(record.kind), field, old, changes[field]);
        if (!updated.includes(record.externalId)) updated.push(record.externalId);
      }
    }
    return updated.length
      ? {
          status: 'done',
          ...summarised(HTTP_OUTCOMES.changed(mapped, updated.length, unmapped)),
          details: { records: updated, fields: mapped, previous },
          dispositions: corrected.list(),
        }
      : { status: 'done', ...summarised(HTTP_OUTCOMES.upToDate(mapped, unmapped)), dispositions: [] };
  }

  async restrict(ctx: SystemContext, subject: Subject, scope: RestrictScope, request?: RestrictRequest): Promise<Outcome> {
    const { client, connection } = this.open(ctx);
    const found = await findRecords(client, connection, subject);
    if (!found.length) return { status: 'not_found', ...summarised(HTTP_SUMMARIES.nothingToRestrict), dispositions: [NOT_FOUND] };
    const template = (kind: RecordKind) => (scope === 'marketing' ? kind.stopMarketing : kind.restrict);
    const covered = found.filter((record) => template(record.kind));
    const action = scope === 'marketing' ? 'stopMarketing' : 'restrict';
    if (!covered.length) {
      return { status: 'manual', ...summarised(HTTP_OUTCOMES.noRestrictRequest(scope, [...new Set(found.map((r) => r.kind.kind))])) };
    }
    const tally = new DispositionTally();
    const done: string[] = [];
    for (const record of covered) {
      const answer = await client.send(`records.${record.kind.kind}.${action}`, template(record.kind)!, {
        id: record.id,
        parentId: record.parentId,
        reference: request?.reference,
      });
      if (answer.status === 404) continue;
      done.push(record.externalId);
      if (record.kind.stopMarketing && scope === 'marketing') {
        tally.add({ kind: 'suppressed', what: whatOf(record.kind), channels: record.kind.stopMarketing.channels, minimalEntryOnly: false });
      } else if (record.kind.restrict) {
        tally.add({ kind: 'restricted', what: whatOf(record.kind), how: record.kind.restrict.how });
      }
    }
    if (!done.length) return { status: 'not_found', ...summarised(HTTP_SUMMARIES.goneBeforeRestricted), dispositions: [NOT_FOUND] };
    return {
      status: 'done',
      ...summarised(HTTP_OUTCOMES.restricted(scope, done.length, request?.fields ?? [])),
      details: { records: done, scope },
      dispositions: tally.list(),
    };
  }

  private open(ctx: SystemContext): { client: HttpApiClient; connection: HttpConnection } {
    const connection = parseHttpConnection(ctx.systemId, ctx.connection);
    const auth = authHeaders(ctx, connection.auth, connection.baseUrl, this.settings.requestTimeoutMs);
    return { client: new HttpApiClient(ctx.systemId, connection.baseUrl, connection.headers, auth, this.settings), connection };
  }
}

/** Deepest kinds first (a kind's depth is its parent's plus one). */
function byDepth(found: FoundRecord[], connection: HttpConnection): FoundRecord[] {
  const depth = (kind: RecordKind): number => {
    const parent = kind.parent ? connection.records.find((candidate) => candidate.kind === kind.parent) : undefined;
    return parent ? depth(parent) + 1 : 0;
  };
  return [...found].sort((a, b) => depth(b.kind) - depth(a.kind));
}

function same(field: string, held: string, wanted: string | undefined): boolean {
  const norm = (value: string) => (field === 'email' ? value.trim().toLowerCase() : value.trim().replace(/\s+/g, ' '));
  return norm(held) === norm(wanted ?? '');
}

function upToDate(record: FoundRecord, changes: Changes, fields: string[]): boolean {
  return fields.every((field) => !record.kind.rectify[field] || same(field, fieldValues(record.kind, field, record.data)[0] ?? '', changes[field]));
}
