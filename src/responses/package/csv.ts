/**
 * RFC 4180 CSV: a header of every column seen, CRLF line ends, fields quoted when they need it.
 * A cell a spreadsheet would read as a formula (starting with =, +, -, @, tab or CR) gets a leading
 * apostrophe, so data from a system (a ticket subject "=HYPERLINK(…)") is shown, never run (CSV
 * injection, OWASP). Numbers are written as numbers: -42 stays -42.
 */
export function toCsv(rows: Array<Record<string, unknown>>): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return [columns.map(csvCell).join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))].join('\r\n') + '\r\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // Data comes from JSON: strings as they are, booleans and objects in their JSON form.
  const raw = value === null || value === undefined ? '' : typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type Row = Record<string, unknown>;

/** A system's tables: the connector's own, or flattened from its data when it gave none. */
export function tablesOf(system: { tables: Record<string, Row[]>; data: Record<string, unknown> }): Record<string, Row[]> {
  return Object.values(system.tables).some((rows) => rows.length) ? system.tables : tablesFromData(system.data);
}

/**
 * Tables from a connector's data when it gave none: one table per top-level key, a row per array
 * element (or one row for an object), nested objects flattened to dotted columns ("address.city"),
 * lists of plain values joined, lists of objects kept as JSON in their cell.
 */
export function tablesFromData(data: Record<string, unknown>): Record<string, Row[]> {
  const tables: Record<string, Row[]> = {};
  for (const [name, value] of Object.entries(data)) {
    const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    const rows = items.map((item) => (isPlainObject(item) ? flatten(item) : { value: item }));
    if (rows.length) tables[name] = rows;
  }
  return tables;
}

function flatten(object: Record<string, unknown>, prefix = ''): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(object)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) Object.assign(row, flatten(value, column));
    else if (Array.isArray(value) && value.every((item) => !isPlainObject(item) && !Array.isArray(item))) row[column] = value.join(', ');
    else row[column] = value;
  }
  return row;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
