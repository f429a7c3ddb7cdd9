import type { Disposition } from '../../common/dispositions/disposition';
import {
  notePrevious,
  type KeepDecision,
  type Outcome,
  type PlanItem,
  type PlanRequest,
  type PreviousValues,
  type RetainedRecords,
  type RetentionRules,
  type SurveyedRecord,
  type SummaryText,
} from '../connector';
import { ConnectorError } from '../connector-errors';
import { DispositionTally } from '../disposition-tally';
import { holdProposal } from '../plan/hold-prefill';
import { labelled, noted } from '../plan/plan-texts';
import { labelTextOf, SQL_PLAN } from './sql-plan-texts';
import type { SqlSession } from './sql-database';
import { isoDate, labelOf, type FoundRow } from './sql-records';
import { tableId, tableLabel, type SqlSettings, type SqlTable } from './sql-settings';
import { SQL_STEPS, sqlRunSummary } from './sql-summaries';
import { summarised } from '../outcome-summary';
import { deleteRow, updateRow } from './sql-statements';

type LegalHold = RetentionRules['legalHolds'][number];

/** The legal hold a kept table names (by its `records` text), or the system stops with the name. */
export function holdOf(table: SqlTable, retention: RetentionRules, systemId: string): LegalHold {
  const wanted = table.keep!.hold.trim().toLowerCase();
  const hold = retention.legalHolds.find((candidate) => candidate.records.trim().toLowerCase() === wanted);
  if (!hold) {
    throw new ConnectorError(
      `system "${systemId}": table "${tableId(table)}" is kept under the legal hold "${table.keep!.hold}", which the system's legalHolds do not list`,
      false,
    );
  }
  return hold;
}

/** What erasing a row means for its table, for the handler's note. */
function eraseNote(table: SqlTable): SummaryText {
  return table.erase === 'anonymise' ? SQL_PLAN.anonymised(Object.keys(table.anonymise ?? {})) : SQL_PLAN.deleted;
}

/** One plan row per found row, with the table's rule as the proposal; changes nothing. */
export function surveyRows(rows: FoundRow[], request: PlanRequest, retention: RetentionRules, settings: SqlSettings): SurveyedRecord[] {
  return rows.map((found) => {
    const { table } = found;
    const date = table.keep?.dateColumn ? isoDate(found.row[table.keep.dateColumn]) : undefined;
    const base: SurveyedRecord = {
      ref: found.ref,
      recordType: table.recordType,
      ...labelled(labelTextOf(found), labelOf(found)),
      ...(date ? { date } : {}),
      ...(found.parent ? { parent: found.parent } : {}),
      proposed: 'none',
    };
    if (request.action === 'erase') {
      if (table.erase !== 'keep') return { ...base, proposed: 'erase', ...noted(eraseNote(table)) };
      const proposal = holdProposal(holdOf(table, retention, settings.systemId), date ?? '', request.today);
      return proposal.action === 'keep'
        ? { ...base, proposed: 'keep', keep: proposal.keep, note: proposal.note, noteText: proposal.noteText }
        : { ...base, proposed: 'erase', note: `${proposal.note} (the row is deleted)`, noteText: SQL_PLAN.pastHold(proposal.noteText) };
    }
    if (request.action === 'restrict') {
      if (!table.restrict) return { ...base, ...noted(SQL_PLAN.noRestrictColumns) };
      return { ...base, proposed: 'restrict', ...(request.contested?.length ? { fields: request.contested } : {}) };
    }
    const fields = Object.keys(request.changes ?? {}).filter((field) => table.rectify?.[field]);
    if (!fields.length) return { ...base, ...noted(SQL_PLAN.noFieldsToCorrect) };
    return { ...base, proposed: 'rectify', fields };
  });
}

interface Run {
  settings: SqlSettings;
  session: SqlSession;
  tally: DispositionTally;
  done: SummaryText[];
  left: SummaryText[];
  retained: RetainedRecords[];
  previous: PreviousValues;
}

/**
 * Does exactly the approved items, inside the caller's transaction, against the rows found for the
 * subject now (an item whose row is gone — done by an earlier attempt — is reported, not redone).
 * Deletions go children first (tables later in the data map's list), so a foreign key from a
 * child to its parent never blocks them.
 */
export async function executeItems(
  session: SqlSession,
  settings: SqlSettings,
  rows: FoundRow[],
  request: PlanRequest,
  items: PlanItem[],
  retention: RetentionRules,
): Promise<Outcome> {
  const run: Run = { settings, session, tally: new DispositionTally(), done: [], left: [], retained: [], previous: {} };
  const byRef = new Map(rows.map((row) => [row.ref, row]));
  const gone: string[] = [];
  const ordered = items.map((item) => ({ item, found: byRef.get(item.ref) })).sort((a, b) => (b.found?.index ?? -1) - (a.found?.index ?? -1));
  for (const { item, found } of ordered) {
    if (!found) {
      if (item.action !== 'none') gone.push(item.ref);
      continue;
    }
    if (item.action === 'erase') await erase(run, found);
    else if (item.action === 'keep' && item.keep) await keep(run, found, item.keep, retention);
    else if (item.action === 'restrict') await restrict(run, found);
    else if (item.action === 'rectify') await rectify(run, found, request.changes ?? {}, item.fields);
  }
  return outcomeOf(run, gone);
}

async function erase(run: Run, found: FoundRow): Promise<void> {
  const target = { dialect: run.session.dialect, ...found.table };
  const what = found.table.recordType;
  if (found.table.erase === 'anonymise') {
    await run.session.run(
      updateRow(target, found.table.keyColumn, found.keyValue, found.table.anonymise ?? {}),
      `anonymising update of ${tableId(found.table)}`,
    );
    run.tally.add({ kind: 'anonymised', what });
    run.done.push(SQL_STEPS.anonymised(found.ref));
    return;
  }
  const { affected } = await run.session.run(deleteRow(target, found.table.keyColumn, found.keyValue), `delete from ${tableId(found.table)}`);
  if (affected) {
    run.tally.add({ kind: 'erased', what });
    run.done.push(SQL_STEPS.deleted(found.ref));
  }
}

async function keep(run: Run, found: FoundRow, decision: KeepDecision, retention: RetentionRules): Promise<void> {
  run.tally.add(keptDisposition(found.table, decision));
  if (decision.restrict && found.table.restrict) {
    await setColumns(run, found, found.table.restrict, 'restricting update');
    run.tally.add({ kind: 'restricted', what: found.table.recordType, how: restrictedHow(found.table) });
  }
  run.done.push(SQL_STEPS.kept(found.ref, decision.until));
  if (!decision.until) return;
  // One hold per basis and end date, naming the rows, so the engine erases them when it ends.
  const hold = found.table.keep
    ? retention.legalHolds.find((candidate) => candidate.records.trim().toLowerCase() === found.table.keep!.hold.trim().toLowerCase())
    : undefined;
  const records = hold?.records ?? tableLabel(found.table);
  const basis = hold?.basis ?? decision.law ?? decision.claim ?? decision.basis;
  let entry = run.retained.find((known) => known.basis === basis && known.until === decision.until && known.records === records);
  if (!entry) {
    entry = { records, basis, until: decision.until, externalIds: { rows: {} } };
    run.retained.push(entry);
  }
  const ids = (entry.externalIds as { rows: Record<string, unknown[]> }).rows;
  (ids[tableId(found.table)] ??= []).push(found.keyValue);
}

async function restrict(run: Run, found: FoundRow): Promise<void> {
  if (!found.table.restrict) {
    run.left.push(SQL_STEPS.restrictByHand(found.ref, tableLabel(found.table)));
    return;
  }
  await setColumns(run, found, found.table.restrict, 'restricting update');
  run.tally.add({ kind: 'restricted', what: found.table.recordType, how: restrictedHow(found.table) });
  run.done.push(SQL_STEPS.restricted(found.ref));
}

async function rectify(run: Run, found: FoundRow, changes: Record<string, string>, fields: string[] | undefined): Promise<void> {
  const columns = found.table.rectify ?? {};
  const update: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    const column = columns[field];
    if (!column || (fields && !fields.includes(field))) continue;
    const old = found.row[column];
    if ((old === null || old === undefined ? '' : String(old)) === value) continue;
    notePrevious(run.previous, field, old);
    run.tally.corrected(found.table.recordType, field, old, value);
    update[column] = value;
  }
  if (!Object.keys(update).length) return;
  await run.session.run(
    updateRow({ dialect: run.session.dialect, ...found.table }, found.table.keyColumn, found.keyValue, update),
    `correcting update of ${tableId(found.table)}`,
  );
  run.done.push(SQL_STEPS.corrected(found.ref, Object.keys(update)));
}

/** Sets the columns only where they differ, so a repeat writes nothing. */
async function setColumns(run: Run, found: FoundRow, values: Record<string, unknown>, operation: string): Promise<void> {
  const differing = Object.fromEntries(Object.entries(values).filter(([column, value]) => !sameValue(found.row[column], value)));
  if (!Object.keys(differing).length) return;
  await run.session.run(
    updateRow({ dialect: run.session.dialect, ...found.table }, found.table.keyColumn, found.keyValue, differing),
    `${operation} of ${tableId(found.table)}`,
  );
}

/** MySQL has no boolean: a flag set to true reads back as 1. */
function sameValue(current: unknown, wanted: unknown): boolean {
  if (typeof wanted === 'boolean') return current === wanted || current === (wanted ? 1 : 0);
  return current === wanted || (current !== null && wanted !== null && String(current) === String(wanted));
}

export function restrictedHow(table: SqlTable): string {
  return `marked restricted in the database (${Object.keys(table.restrict ?? {}).join(', ')}): stored, not otherwise used`;
}

function keptDisposition(table: SqlTable, keep: KeepDecision): Disposition {
  return {
    kind: 'kept',
    what: table.recordType,
    basis: keep.basis,
    ...(keep.law ? { law: keep.law } : {}),
    ...(keep.claim ? { claim: keep.claim } : {}),
    ...(keep.until ? { until: keep.until } : { criterion: keep.criterion ?? 'until the reason to keep it has ended' }),
    allowedUse: keep.allowedUse,
  };
}

function outcomeOf(run: Run, gone: string[]): Outcome {
  const system = run.settings.systemId;
  if (run.left.length) return { status: 'manual', ...summarised(sqlRunSummary(system, run.done, gone, run.left)) };
  const summary = summarised(sqlRunSummary(system, run.done, gone, []));
  const details = Object.keys(run.previous).length ? { previous: run.previous } : undefined;
  const dispositions = run.tally.list();
  const erased = run.done.map((item) => item.en);
  if (run.retained.length) return { status: 'retained', ...summary, retained: run.retained, erased, dispositions, ...(details ? { details } : {}) };
  return { status: 'done', ...summary, dispositions, ...(details ? { details } : {}) };
}
