/**
 * Reads CSV as people paste or export it (RFC 4180: quoted fields, doubled quotes, line breaks
 * inside quotes; CRLF or LF), with the separator of the first line — a comma, or the semicolon
 * Norwegian spreadsheets write, or a tab. The first line names the columns. A small state machine
 * rather than a dependency: the input is bounded (HANDOVER_LIMITS) and this is all that is read.
 */
export type CsvResult = { ok: true; rows: Array<Record<string, string>> } | { ok: false; problem: string };

const SEPARATORS = [',', ';', '\t'];

export function csvRows(input: string, maxRows: number): CsvResult {
  const text = input.replace(/^\uFEFF/, '');
  if (!text.trim()) return { ok: false, problem: 'has no lines' };
  const separator = separatorOf(text);
  const lines = splitRecords(text, separator);
  if (!lines.ok) return lines;
  const records = lines.records.filter((cells) => !(cells.length === 1 && cells[0].trim() === ''));
  const [header, ...body] = records;
  if (!header) return { ok: false, problem: 'has no header line' };
  if (body.length > maxRows) return { ok: false, problem: `has more than ${maxRows} rows` };
  const columns = columnNames(header);
  const rows: Array<Record<string, string>> = [];
  for (const [index, cells] of body.entries()) {
    if (cells.length > columns.length) return { ok: false, problem: `line ${index + 2} has ${cells.length} fields but the header names ${columns.length}` };
    rows.push(Object.fromEntries(columns.map((column, at) => [column, cells[at] ?? ''])));
  }
  return { ok: true, rows };
}

/** The separator used most in the first line (outside quotes). */
function separatorOf(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '');
  const counts = SEPARATORS.map((separator) => firstLine.split(separator).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return counts[best] > 0 ? SEPARATORS[best] : ',';
}

function splitRecords(text: string, separator: string): { ok: true; records: string[][] } | { ok: false; problem: string } {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        cell += '"';
        at++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[at + 1] === '\n') at++;
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = '';
      line++;
    } else cell += char;
  }
  if (quoted) return { ok: false, problem: `has a quote opened on or before line ${line} that is never closed` };
  if (cell !== '' || cells.length) {
    cells.push(cell);
    records.push(cells);
  }
  return { ok: true, records };
}

/** The header's names, trimmed; a blank or repeated name becomes column_<n> so no value is lost. */
function columnNames(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, index) => {
    const name = raw.trim();
    const unique = name && !seen.has(name) ? name : `column_${index + 1}`;
    seen.add(unique);
    return unique;
  });
}
