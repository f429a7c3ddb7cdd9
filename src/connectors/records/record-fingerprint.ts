import { createHash } from 'node:crypto';

/** The identity of an exact set of records: sha256 of the sorted "system/externalId" lines, and
 *  with a plan its decided lines. An approval counts only while the records the engine would act on
 *  (and what it would do to each) still have this fingerprint. Without plan lines it is the same
 *  hash as before plans existed, so earlier approvals stand. */
export function recordSetFingerprint(records: Array<{ systemId: string; externalId: string }>, plan: string[] = []): string {
  const lines = [...records.map((record) => `${record.systemId}/${record.externalId}`), ...plan].sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** One line per plan item: system, record, decided action, keep decision and fields. */
export function planLines(items: Array<{ systemId: string; ref: string; action: string; keep: unknown; decidedFields: string[] | null }>): string[] {
  return items.map((item) => `plan ${item.systemId}/${item.ref} ${item.action} ${JSON.stringify(item.keep ?? null)} ${(item.decidedFields ?? []).join(',')}`);
}
