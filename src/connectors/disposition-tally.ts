import type { Disposition } from '../common/dispositions/disposition';

/** Kinds that name no number of records: the same one twice is one. */
const UNCOUNTED = new Set<Disposition['kind']>(['not_held', 'failed']);

/** The longest old or new value a corrected disposition may hold (disposition.schema.ts). */
const MAX_VALUE_LENGTH = 500;

/**
 * Collects a connector's dispositions as it works, one record at a time: equal dispositions (same
 * kind, records, field and values, basis…) become one with the counts added, so an outcome says
 * "erased 3 contact persons" rather than three lines. Connectors build their outcome's
 * `dispositions` with it, so a letter states exactly what was done.
 */
export class DispositionTally {
  private readonly entries = new Map<string, Disposition & { count?: number }>();

  /** Adds `count` records (default 1) with this disposition. */
  add(disposition: Disposition, count = 1): this {
    if (count <= 0) return this;
    const { count: _ignored, ...rest } = disposition as Disposition & { count?: number };
    const key = JSON.stringify(rest);
    if (UNCOUNTED.has(disposition.kind)) {
      if (!this.entries.has(key)) this.entries.set(key, rest);
      return this;
    }
    const known = this.entries.get(key);
    if (known) known.count = (known.count ?? 0) + count;
    else this.entries.set(key, { ...rest, count });
    return this;
  }

  /** A field of `count` records changed from `old` to `new`; nothing when the value did not
   *  really change (a value that already matched is no correction). */
  corrected(what: string, field: string, old: unknown, value: unknown, count = 1): this {
    const before = clip(asText(old));
    const after = clip(asText(value));
    if (before === after) return this;
    return this.add({ kind: 'corrected', what, field, old: before, new: after }, count);
  }

  get size(): number {
    return this.entries.size;
  }

  list(): Disposition[] {
    return [...this.entries.values()].map((entry) => ({ ...entry }));
  }
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** A very long value (a free-text note) is shown shortened; the full text is in the system itself. */
function clip(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value;
}
