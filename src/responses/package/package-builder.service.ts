import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { CaseEntity } from '../../cases/case.entity';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { summaryIn } from '../../connectors/outcome-summary';
import { TaskOutcomesReader } from '../../connectors/tasks/task-outcomes.reader';
import { DeadlineService } from '../../deadlines/deadline.service';
import { portableBasis } from '../../systems/data-map-warnings';
import { textIn } from '../../systems/localized-text';
import { SystemsService } from '../../systems/systems.service';
import { fieldLabelsIn, processingInfo, type AccessDocument, type SystemData } from './access-document';
import { AnswerPackageEntity, type AnswerPackageKind } from './answer-package.entity';
import { keyringCipher, packageKeyring, type PackageCipher } from '../../common/crypto/package-cipher';
import { buildArchive } from './package-archive';
import { handoverCipher, openHandoverFiles } from '../../connectors/manual/handover/handover-files';

/** Builds a case's package from the exports in PostgreSQL and the data map, and stores it encrypted. */
@Injectable()
export class PackageBuilderService implements OnModuleInit {
  private readonly logger = new Logger('AnswerPackages');
  readonly cipher: PackageCipher;
  private readonly keySource: 'env' | 'derived';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
    private readonly deadlines: DeadlineService,
    private readonly outcomes: TaskOutcomesReader,
  ) {
    this.cipher = keyringCipher(config);
    this.keySource = packageKeyring(config).source;
  }

  onModuleInit(): void {
    if (this.keySource === 'derived') {
      this.logger.warn(
        'PACKAGE_KEY is not set: answer packages are encrypted with a key derived from APP_SECRET. Set PACKAGE_KEY (openssl rand -base64 32) in production.',
      );
    }
  }

  /** The readable document's content: every processing with its Art 15(1) elements and the data per system. */
  async document(manager: EntityManager, entity: CaseEntity, kind: AnswerPackageKind, at: Date): Promise<AccessDocument> {
    const exports = await this.outcomes.exports(manager, entity.id);
    const handedOver = await openHandoverFiles(manager, handoverCipher(this.config), entity.id);
    const tasks = await this.outcomes.tasks(manager, entity.id, 'export');
    const systems: SystemData[] = [];
    const searchedEmpty: string[] = [];
    for (const task of tasks) {
      const system = this.systems.system(task.systemId);
      // Art 20: only what the person provided under consent or a contract (the data map warns of the rest).
      if (kind === 'portability' && !(system?.portable && portableBasis(system.legalBasis))) continue;
      const name = system ? textIn(system.texts.name, entity.language) : task.systemId;
      const part = exports.find((row) => row.taskId === task.id);
      // An owner's own note as written; a summary the engine wrote, in the requester's language.
      const summary = summaryIn(task.outcome, entity.language);
      if (part && part.recordCount > 0) {
        const files = handedOver
          .filter((file) => file.systemId === task.systemId)
          .map(({ name: fileName, contentType, bytes }) => ({ name: fileName, contentType, bytes }));
        systems.push({
          systemId: task.systemId,
          name,
          recordCount: part.recordCount,
          data: part.data,
          tables: part.tables ?? {},
          ...(files.length ? { files } : {}),
        });
      } else if (!part && task.status === 'done' && kind === 'access') {
        // Searched by a person: what they reported is the answer for that system.
        systems.push({ systemId: task.systemId, name, recordCount: 0, data: {}, tables: {}, ...(summary ? { note: summary } : {}) });
      } else {
        searchedEmpty.push(name);
      }
    }
    const mapped = systems.map((item) => this.systems.system(item.systemId)).filter((system): system is NonNullable<typeof system> => system !== undefined);
    const processings = mapped.map((system) => processingInfo(system, entity.language));
    return {
      language: entity.language,
      reference: entity.reference,
      controller: this.systems.controller(),
      generatedOn: this.deadlines.dayOf(at),
      holdsData: systems.length > 0,
      processings,
      systems,
      searchedEmpty,
      fieldLabels: Object.fromEntries(mapped.map((system) => [system.id, fieldLabelsIn(system, entity.language)])),
    };
  }

  /** Builds, encrypts and stores the package inside the caller's transaction. */
  async build(manager: EntityManager, entity: CaseEntity, kind: AnswerPackageKind, at: Date, expiresAt: Date): Promise<AnswerPackageEntity> {
    const document = await this.document(manager, entity, kind, at);
    const { zip } = await buildArchive(document, kind, at);
    const id = randomUUID();
    const sealed = this.cipher.seal(zip, id);
    const row = manager.create(AnswerPackageEntity, {
      id,
      caseId: entity.id,
      kind,
      ...sealed,
      sha256: createHash('sha256').update(zip).digest('hex'),
      sizeBytes: zip.length,
      expiresAt,
      deletedAt: null,
      failedAttempts: 0,
      lockedAt: null,
    });
    return manager.save(row);
  }

  open(row: AnswerPackageEntity): Buffer {
    if (!row.ciphertext) throw new Error('the package was deleted');
    return this.cipher.open({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag }, row.id);
  }
}
