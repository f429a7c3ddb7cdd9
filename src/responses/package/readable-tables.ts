import type { Language } from '../../common/case-types';
import { tablesOf } from './csv';
import { builtInLabel, humanise, labelKey } from './field-labels';

type Row = Record<string, unknown>;

export interface ReadableColumn {
  label: string;
  /** No label in the data map or the built-in list: humanised from the system's field name. */
  guessed: boolean;
}

/** One record type of a system, labelled in the person's language. */
export interface ReadableTable {
  label: string;
  guessed: boolean;
  columns: ReadableColumn[];
  rows: string[][];
}

/** A file an owner handed over, as listed in the readable copy (the file itself is in the zip). */
export interface ListedFile {
  name: string;
  type: string;
  size: string;
}

/** The system's own (data-map) labels in one language, by field or record-type name. */
export type FieldLabels = Record<string, string>;

/** A field that holds a link to the vendor's API or site, by its name. */
const LINK_FIELD = /(url|uri|href|links?)$/i;
/** A value that is a link and nothing else. */
const LINK_VALUE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

const YES_NO: Record<Language, [string, string]> = { nb: ['ja', 'nei'], en: ['yes', 'no'] };

/**
 * A system's data as tables a person can read: one per record type (the connector's tables, or
 * tables flattened from its data), columns labelled from the data map, then the built-in labels,
 * else humanised and flagged. Links (API URLs) and empty columns are left out; the JSON and CSV in
 * the package keep everything.
 */
export function readableTables(
  system: { tables: Record<string, Row[]>; data: Record<string, unknown> },
  labels: FieldLabels,
  language: Language,
): ReadableTable[] {
  const source = tablesOf(system);
  const label = labeller(labels, language);
  const tables: ReadableTable[] = [];
  for (const [name, rows] of Object.entries(source)) {
    if (!rows.length) continue;
    const keys = shownColumns(rows);
    if (!keys.length) continue;
    tables.push({
      ...label(name),
      columns: keys.map((key) => label(key)),
      rows: rows.map((row) => keys.map((key) => cellText(row[key], language))),
    });
  }
  return tables;
}

function labeller(labels: FieldLabels, language: Language): (name: string) => { label: string; guessed: boolean } {
  const own = new Map(Object.entries(labels).map(([name, text]) => [labelKey(name), text]));
  return (name) => {
    // A flattened field ("address.city") is labelled by its whole path, else by its last part.
    for (const candidate of [name, name.split('.').pop() as string]) {
      const found = own.get(labelKey(candidate)) ?? builtInLabel(candidate, language);
      if (found) return { label: found, guessed: false };
    }
    return { label: humanise(name), guessed: true };
  };
}

/** Columns worth showing: not links, not empty; a HubSpot-style `property` name goes when a `label` says it. */
function shownColumns(rows: Row[]): string[] {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return keys.filter((key) => {
    if (LINK_FIELD.test(key.split('.').pop() as string)) return false;
    if (key === 'property' && keys.includes('label')) return false;
    const values = rows.map((row) => row[key]).filter((value) => value !== null && value !== undefined && value !== '');
    if (!values.length) return false;
    return !values.some((value) => typeof value === 'string' && LINK_VALUE.test(value.trim()));
  });
}

function cellText(value: unknown, language: Language): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return YES_NO[language][value ? 0 : 1];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? '';
}

/** The files of a system in the package, read from an optional `files` list on its data. */
export function listedFiles(system: object): ListedFile[] {
  const files = (system as { files?: unknown }).files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((file: Record<string, unknown>) => {
    if (!file || typeof file.name !== 'string') return [];
    const type = typeof file.contentType === 'string' ? file.contentType : typeof file.type === 'string' ? file.type : '';
    const bytes =
      typeof file.sizeBytes === 'number' ? file.sizeBytes : typeof file.size === 'number' ? file.size : Buffer.isBuffer(file.bytes) ? file.bytes.length : null;
    return [{ name: file.name, type, size: bytes === null ? '' : sizeInWords(bytes) }];
  });
}

function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
