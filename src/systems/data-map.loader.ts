import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataMapSchema, type DataMap } from './data-map.schema';

export class DataMapError extends Error {}

/** Reads and validates the data map; every problem is listed with its path in the file. */
export function loadDataMap(file: string): DataMap {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataMapError(`SYSTEMS_FILE ${file}: cannot read it as YAML (${(error as Error).message})`);
  }
  const parsed = dataMapSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${where(raw, issue.path)}: ${issue.message}`);
    throw new DataMapError(`SYSTEMS_FILE ${file} is not a valid data map:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** An issue's place in the file, with the system's id when it is inside one ("systems[2] (id "cctv").retention.period"). */
function where(raw: unknown, path: PropertyKey[]): string {
  if (path[0] !== 'systems' || typeof path[1] !== 'number') return path.map(String).join('.') || '(top)';
  const id = (raw as { systems?: Array<{ id?: unknown }> }).systems?.[path[1]]?.id;
  const system = `systems[${path[1]}]${typeof id === 'string' ? ` (id "${id}")` : ''}`;
  return [system, ...path.slice(2).map(String)].join('.');
}
