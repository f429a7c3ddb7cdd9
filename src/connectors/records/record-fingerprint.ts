import { createHash } from 'node:crypto';

/** The identity of an exact set of records: sha256 of the sorted "system/externalId" lines. An
 *  approval counts only while the records the engine would act on still have this fingerprint. */
export function recordSetFingerprint(records: Array<{ systemId: string; externalId: string }>): string {
  const lines = records.map((record) => `${record.systemId}/${record.externalId}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
