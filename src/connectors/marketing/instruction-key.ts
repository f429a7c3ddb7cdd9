import { createHash } from 'node:crypto';

/** The outbox key of one instruction: one per case, system and processor. The name is hashed, as
 *  BullMQ job ids built from the key may not contain ':' and a company name may. */
export function instructionKey(caseId: string, systemId: string, processorName: string): string {
  const processor = createHash('sha256').update(processorName.trim().toLowerCase()).digest('hex').slice(0, 16);
  return `marketing-instruction-${caseId}-${systemId}-${processor}`;
}
