import { Inject, Injectable } from '@nestjs/common';
import { hkdfSync } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { keyringCipher, packageKey, type PackageCipher, type PackageSecrets, type SealedPackage } from '../../common/crypto/package-cipher';

/** What a system's export holds: the data by record type and its tables for the CSV files. */
export interface ExportContent {
  data: Record<string, unknown>;
  tables: Record<string, Array<Record<string, unknown>>> | null;
}

/** The key for exports: HKDF with its own label over the package key (PACKAGE_KEY, else derived
 *  from APP_SECRET), so exports and packages never share a key and there is no second secret. */
export function taskExportKey(config: Pick<AppConfig, 'PACKAGE_KEY' | 'APP_SECRET'>): Buffer {
  return exportKeyFrom(packageKey(config.PACKAGE_KEY, config.APP_SECRET).key);
}

function exportKeyFrom(packageKeyBytes: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', packageKeyBytes, 'dsr-task-exports', 'aes-256-gcm task export key', 32));
}

/**
 * Seals a task's export before it reaches PostgreSQL and opens it for the package builder.
 * AES-256-GCM with a fresh IV per write; the task id is the additional data, so a ciphertext
 * copied onto another task's row does not open.
 */
@Injectable()
export class TaskExportCipher {
  private readonly cipher: PackageCipher;

  constructor(@Inject(APP_CONFIG) config: PackageSecrets) {
    this.cipher = keyringCipher(config, exportKeyFrom);
  }

  seal(taskId: string, content: ExportContent): SealedPackage {
    return this.cipher.seal(Buffer.from(JSON.stringify({ data: content.data, tables: content.tables })), taskId);
  }

  open(taskId: string, sealed: SealedPackage): ExportContent {
    const parsed = JSON.parse(this.cipher.open(sealed, taskId).toString('utf8')) as ExportContent;
    return { data: parsed.data ?? {}, tables: parsed.tables ?? null };
  }
}
