import { hkdfSync, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { keyringCipher, type PackageCipher, type PackageSecrets } from '../../../common/crypto/package-cipher';
import { HandoverFileEntity } from './handover-file.entity';

/** A file for the package (handed over by a person, or exported by a connector), opened. */
export interface OpenedHandoverFile {
  systemId: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** What the carrier stores: a hand-over's checked file, or a connector export's file. */
export interface CarriedFile {
  name: string;
  /** The content type (a hand-over's is established from the content; a connector's as its system states it). */
  type: string;
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

/**
 * Seals and stores a task's files inside the caller's transaction (a re-recorded task's old files
 * go first, so a re-run never doubles them). The package's one carrier for binary files: a
 * person's hand-over and a connector export's files (ExportPart.files) alike.
 */
export async function storeHandoverFiles(
  manager: EntityManager,
  cipher: PackageCipher,
  task: { id: string; caseId: string; systemId: string },
  files: CarriedFile[],
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
    contentType: row.contentType,
    bytes: cipher.open({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag }, row.id),
  }));
}

/** Deletes the case's handed-over files (the package holds its copy, sealed); returns how many. */
export async function deleteHandoverFiles(manager: EntityManager, caseId: string): Promise<number> {
  const result = await manager.delete(HandoverFileEntity, { caseId });
  return result.affected ?? 0;
}
