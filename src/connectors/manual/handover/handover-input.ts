import type { Disposition } from '../../../common/dispositions/disposition';
import type { FieldProblem } from '../../../common/domain-error';
import { csvRows } from './csv-rows';
import { asText, handoverTypeOf } from './handover-file-type';
import { HANDOVER_LIMITS, type HandoverFile, type HandoverRow, type UploadedFile } from './handover-limits';

/** What a person handed over with a manual outcome, as the API and the staff form receive it. */
export interface HandoverInput {
  files?: UploadedFile[];
  /** Records as JSON rows: [{field: value, …}, …]. */
  records?: unknown;
  /** Records pasted as CSV, the first line naming the columns. */
  recordsCsv?: string;
  /** Art 15(4): what of other people's data was redacted from what is handed over. */
  redactionNote?: string;
}

/** The export a hand-over makes, in the shape a connector's export has, plus its files. */
export interface Handover {
  data: Record<string, unknown>;
  tables: Record<string, HandoverRow[]>;
  files: HandoverFile[];
  /** Rows and files: what the package says was handed over. */
  recordCount: number;
  /** What the upload itself establishes, for an outcome that names no dispositions. */
  disclosed: Disposition[];
}

/** The key of the Art 15(4) note in the system's data (data/<system>.json and the readable copy). */
export const REDACTION_KEY = 'othersDataRedacted';

/** Whether anything at all was handed over (an outcome without a hand-over is recorded as before). */
export function hasHandover(input: HandoverInput): boolean {
  const records = Array.isArray(input.records) ? input.records.length > 0 : input.records !== undefined;
  return Boolean(input.files?.length || records || input.recordsCsv?.trim() || input.redactionNote?.trim());
}

/**
 * Checks a hand-over and turns it into tables and files. Every problem names its field:
 * `files[2]`, `records[4].city`, `recordsCsv`, `redactionNote`. CSV files, and JSON files holding
 * rows, become tables named after the file (the package writes them as JSON and CSV); every other
 * file is handed over as it is.
 */
export function checkHandover(input: HandoverInput): { ok: true; handover: Handover } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const tables: Record<string, HandoverRow[]> = {};
  const files: HandoverFile[] = [];
  const addRows = (table: string, rows: HandoverRow[]) => (tables[table] = [...(tables[table] ?? []), ...rows]);

  if (input.records !== undefined) {
    const checked = jsonRows(input.records, 'records');
    if ('problem' in checked) problems.push(checked.problem);
    else addRows('records', checked.rows);
  }
  if (input.recordsCsv?.trim()) {
    const parsed = csvRows(input.recordsCsv, HANDOVER_LIMITS.rows);
    if (!parsed.ok) problems.push({ field: 'recordsCsv', problem: parsed.problem });
    else {
      problems.push(...columnProblems(parsed.rows, 'recordsCsv'));
      addRows('records', parsed.rows);
    }
  }
  const note = input.redactionNote?.trim() ?? '';
  if (note.length > HANDOVER_LIMITS.redactionNoteLength)
    problems.push({ field: 'redactionNote', problem: `is longer than ${HANDOVER_LIMITS.redactionNoteLength} characters` });

  const uploads = input.files ?? [];
  if (uploads.length > HANDOVER_LIMITS.files) problems.push({ field: 'files', problem: `at most ${HANDOVER_LIMITS.files} files` });
  const total = uploads.reduce((sum, file) => sum + file.bytes.length, 0);
  if (total > HANDOVER_LIMITS.totalBytes)
    problems.push({ field: 'files', problem: `are ${megabytes(total)} together; at most ${megabytes(HANDOVER_LIMITS.totalBytes)}` });
  const names = new Set<string>();
  for (const [index, upload] of uploads.entries()) {
    const field = `files[${index}]`;
    if (upload.bytes.length > HANDOVER_LIMITS.fileBytes) {
      problems.push({ field, problem: `is ${megabytes(upload.bytes.length)}; at most ${megabytes(HANDOVER_LIMITS.fileBytes)} each` });
      continue;
    }
    const name = uniqueName(safeFileName(upload.originalName), names);
    const typed = handoverTypeOf(name, upload.bytes, upload.declaredType);
    if ('problem' in typed) {
      problems.push({ field, problem: typed.problem });
      continue;
    }
    const table = tableOf(name, typed.type, upload.bytes, field);
    if (table && 'problem' in table) problems.push(table.problem);
    else if (table) addRows(baseName(name), table.rows);
    else files.push({ name, type: typed.type, bytes: upload.bytes });
  }
  const rowCount = Object.values(tables).reduce((sum, rows) => sum + rows.length, 0);
  if (rowCount > HANDOVER_LIMITS.rows) problems.push({ field: 'records', problem: `more than ${HANDOVER_LIMITS.rows} rows in all` });
  if (!rowCount && !files.length && !problems.length) problems.push(nothingHandedOver(input, note));
  if (problems.length) return { ok: false, problems };

  const disclosed: Disposition[] = [
    ...(rowCount ? [{ kind: 'disclosed' as const, what: 'record', count: rowCount }] : []),
    ...(files.length ? [{ kind: 'disclosed' as const, what: 'file', count: files.length }] : []),
  ];
  const data: Record<string, unknown> = { ...tables, ...(note ? { [REDACTION_KEY]: { article: 'GDPR Art. 15(4)', note } } : {}) };
  return { ok: true, handover: { data, tables, files, recordCount: rowCount + files.length, disclosed } };
}

/** Something was sent but none of it holds a row or a file: a note alone, or CSV with only its header. */
function nothingHandedOver(input: HandoverInput, note: string): FieldProblem {
  if (note) return { field: 'redactionNote', problem: 'goes with records or files handed over; there are none' };
  const field = input.files?.length ? 'files' : input.recordsCsv?.trim() ? 'recordsCsv' : 'records';
  return { field, problem: 'hands over no rows and no files' };
}

/** A CSV file, or a JSON file holding rows, as a table; null for a file handed over as it is. */
function tableOf(name: string, type: string, bytes: Buffer, field: string): { rows: HandoverRow[] } | { problem: FieldProblem } | null {
  const text = (asText(bytes) ?? '').replace(/^\uFEFF/, '');
  if (type === 'text/csv') {
    const parsed = csvRows(text, HANDOVER_LIMITS.rows);
    if (!parsed.ok) return { problem: { field, problem: `${name} ${parsed.problem}` } };
    const [problem] = columnProblems(parsed.rows, field);
    return problem ? { problem } : { rows: parsed.rows };
  }
  if (type === 'application/json') {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || !value.length || !value.every(isPlainObject)) return null;
    const checked = jsonRows(value, field);
    return 'problem' in checked ? checked : { rows: checked.rows };
  }
  return null;
}

function jsonRows(value: unknown, field: string): { rows: HandoverRow[] } | { problem: FieldProblem } {
  if (!Array.isArray(value)) return { problem: { field, problem: 'must be a list of rows ({field: value})' } };
  if (value.length > HANDOVER_LIMITS.rows) return { problem: { field, problem: `has more than ${HANDOVER_LIMITS.rows} rows` } };
  for (const [index, row] of value.entries()) {
    if (!isPlainObject(row)) return { problem: { field: `${field}[${index}]`, problem: 'must be an object of field → value' } };
    for (const [key, cell] of Object.entries(row)) {
      if (cell !== null && !['string', 'number', 'boolean'].includes(typeof cell))
        return { problem: { field: `${field}[${index}].${key}`, problem: 'must be text, a number, true/false or null' } };
    }
  }
  const rows = value as HandoverRow[];
  const [problem] = columnProblems(rows, field);
  return problem ? { problem } : { rows };
}

/** Column count and name length, and cell length, within the limits. */
function columnProblems(rows: Array<Record<string, unknown>>, field: string): FieldProblem[] {
  for (const [index, row] of rows.entries()) {
    const keys = Object.keys(row);
    if (keys.length > HANDOVER_LIMITS.columns) return [{ field: `${field}[${index}]`, problem: `has more than ${HANDOVER_LIMITS.columns} fields` }];
    const long = keys.find((key) => key.length > HANDOVER_LIMITS.columnNameLength);
    if (long !== undefined) return [{ field: `${field}[${index}]`, problem: `has a field name longer than ${HANDOVER_LIMITS.columnNameLength} characters` }];
    const big = keys.find((key) => typeof row[key] === 'string' && row[key].length > HANDOVER_LIMITS.cellLength);
    if (big !== undefined) return [{ field: `${field}[${index}].${big}`, problem: `is longer than ${HANDOVER_LIMITS.cellLength} characters` }];
  }
  return [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's own name without folders or characters a zip path or a shell would read. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(-120);
  return cleaned || 'file';
}

function baseName(name: string): string {
  return name.replace(/\.[^.]*$/, '') || 'records';
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = name.replace(/(\.[^.]*)?$/, (extension) => `-${n}${extension}`);
  taken.add(candidate.toLowerCase());
  return candidate;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
