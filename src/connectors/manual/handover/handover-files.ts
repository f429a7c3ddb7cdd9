import { hkdfSync, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { keyringCipher, type PackageCipher, type PackageSecrets } from '../../../common/crypto/package-cipher';
import { HandoverFileEntity } from './handover-file.entity';
import type { HandoverFile, HandoverType } from './handover-limits';

/** A handed-over file opened for the package. */
export interface OpenedHandoverFile {
  systemId: string;
  name: string;
  contentType: HandoverType;
  bytes: Buffer;
}

/**
 * Hand-over files are sealed like answer packages and authority documents, under a key derived
 * from the same secret (PACKAGE_KEY, or APP_SECRET when unset) with HKDF and a label of their own,
 * so one secret serves every use and no two uses share a key.
 */
export function handoverCipher(config: PackageSecrets): PackageCipher {
  return keyringCipher(config, (key) => Buffer.from(hkdfSync('sha256', key, 'dsr-handover-files', 'aes-256-gcm handover file key', 32)));
}

/** Seals and stores a task's files inside the caller's transaction (a re-recorded task's old files go first). */
export async function storeHandoverFiles(
  manager: EntityManager,
  cipher: PackageCipher,
  task: { id: string; caseId: string; systemId: string },
  files: HandoverFile[],
): Promise<void> {
  await manager.delete(HandoverFileEntity, { taskId: task.id });
  for (const file of files) {
    const id = randomUUID();
    const sealed = cipher.seal(file.bytes, id);
    await manager.insert(HandoverFileEntity, {
      id,
      caseId: task.caseId,
      taskId: task.id,
      systemId: task.systemId,
      name: file.name,
      contentType: file.type,
      sizeBytes: file.bytes.length,
      ...sealed,
    });
  }
}

/** The case's handed-over files, opened, by system and name. */
export async function openHandoverFiles(manager: EntityManager, cipher: PackageCipher, caseId: string): Promise<OpenedHandoverFile[]> {
  const rows = await manager.find(HandoverFileEntity, { where: { caseId }, order: { systemId: 'ASC', name: 'ASC' } });
  return rows.map((row) => ({
    systemId: row.systemId,
    name: row.name,
    contentType: row.contentType as HandoverType,
    bytes: cipher.open({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag }, row.id),
  }));
}

/** Deletes the case's handed-over files (the package holds its copy, sealed); returns how many. */
export async function deleteHandoverFiles(manager: EntityManager, caseId: string): Promise<number> {
  const result = await manager.delete(HandoverFileEntity, { caseId });
  return result.affected ?? 0;
}
