import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { conflict, notFound } from '../../common/domain-error';
import { AuditService } from '../../audit/audit.service';
import { CaseEntity } from '../../cases/case.entity';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DeadlineService } from '../../deadlines/deadline.service';
import { dayInWords } from '../../common/request-type-words';
import { OutboxService } from '../../notifications/outbox.service';
import { SystemsService } from '../../systems/systems.service';
import { AnswerPackageEntity } from '../package/answer-package.entity';
import { PackageBuilderService } from '../package/package-builder.service';
import { AnswerLinkSigner } from './answer-link-signer';
import { DownloadCodeEntity } from './download-code.entity';
import { answerAddress } from '../../representation/answer-address';
import { codeMail, lockedMail, unlockedMail } from './download-mail';
import { PackageDownloadEntity } from './package-download.entity';
import { CasesReader } from '../../cases/cases-reader';

export const MAX_WRONG_CODES = 3;

/** What a download link leads to; only `ready` lets anything further happen. */
export type LinkState = { state: 'invalid' } | { state: 'expired' | 'locked' | 'ready'; entity: CaseEntity; row: AnswerPackageEntity };

export type DownloadResult =
  | { result: 'ok'; zip: Buffer; filename: string; entity: CaseEntity }
  | { result: 'invalid' }
  | { result: 'expired' | 'locked' | 'code-expired' | 'code-used' | 'no-code'; entity: CaseEntity }
  | { result: 'wrong'; entity: CaseEntity; attemptsLeft: number };

/**
 * The secure download: the status page links here; a one-time code goes to the verified e-mail;
 * the right code yields the decrypted package once; three wrong codes lock it and tell the person.
 */
@Injectable()
export class DownloadService {
  private readonly signer: AnswerLinkSigner;
  private readonly codeKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly packages: PackageBuilderService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly systems: SystemsService,
    private readonly deadlines: DeadlineService,
    private readonly clock: Clock,
  ) {
    this.signer = new AnswerLinkSigner(config.APP_SECRET, config.APP_SECRET_PREVIOUS);
    this.codeKey = createHmac('sha256', config.APP_SECRET).update('dsr-answer-download-codes').digest();
  }

  pagePath(packageId: string): string {
    return `/answer/${this.signer.sign(packageId)}`;
  }

  /** For the status page: the download page while the package can be downloaded. */
  async linkFor(caseId: string): Promise<{ url: string; expiresAt: Date } | null> {
    const row = await this.dataSource.getRepository(AnswerPackageEntity).findOne({ where: { caseId }, select: { id: true, expiresAt: true, deletedAt: true } });
    if (!row || row.deletedAt || row.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    return { url: `${this.config.PUBLIC_URL}${this.pagePath(row.id)}`, expiresAt: row.expiresAt };
  }

  async inspect(token: string): Promise<LinkState> {
    const packageId = this.signer.check(token);
    if (!packageId) return { state: 'invalid' };
    const row = await this.dataSource
      .getRepository(AnswerPackageEntity)
      .findOne({ where: { id: packageId }, select: { id: true, caseId: true, expiresAt: true, deletedAt: true, lockedAt: true, failedAttempts: true } });
    const entity = row ? await this.casesReader.byId(row.caseId) : null;
    if (!row || !entity) return { state: 'invalid' };
    if (row.deletedAt || row.expiresAt.getTime() <= this.clock.now().getTime()) return { state: 'expired', entity, row };
    if (row.lockedAt) return { state: 'locked', entity, row };
    return { state: 'ready', entity, row };
  }

  /** Sends a fresh code to the verified address; earlier unused codes stop working. */
  async sendCode(token: string): Promise<LinkState> {
    const found = await this.inspect(token);
    if (found.state !== 'ready') return found;
    const { entity, row } = found;
    // The code goes to whoever receives the answer; with no address the answer went by post.
    const to = (await answerAddress(this.dataSource.manager, entity)).to;
    if (!to) return found;
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.PACKAGE_CODE_TTL_MINUTES * 60_000);
    const outboundEmailId = await this.dataSource.transaction(async (manager) => {
      await manager.update(DownloadCodeEntity, { packageId: row.id, usedAt: IsNull() }, { expiresAt: now });
      const saved = await manager.save(manager.create(DownloadCodeEntity, { packageId: row.id, codeHash: this.hash(row.id, code), expiresAt, usedAt: null }));
      const mail = codeMail(entity, code, this.config.PACKAGE_CODE_TTL_MINUTES, this.systems.controller(), to);
      const id = await this.outbox.store(manager, 'answer-download-code', `answer-code-${saved.id}`, mail);
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'answer.code_sent',
        actor: 'requester',
        occurredAt: now,
        data: { packageId: row.id, codeId: saved.id, outboundEmailId: id },
      });
      return id;
    });
    await this.outbox.dispatch(outboundEmailId);
    return found;
  }

  /** Checks the code under the package's row lock, so parallel guesses count one by one. */
  async download(token: string, code: string): Promise<DownloadResult> {
    const packageId = this.signer.check(token);
    if (!packageId) return { result: 'invalid' };
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (manager): Promise<DownloadResult & { mailId?: string }> => {
      const row = await manager.getRepository(AnswerPackageEntity).findOne({ where: { id: packageId }, lock: { mode: 'pessimistic_write' } });
      const entity = row ? await this.casesReader.byId(row.caseId, manager) : null;
      if (!row || !entity) return { result: 'invalid' };
      if (row.deletedAt || !row.ciphertext || row.expiresAt.getTime() <= now.getTime()) return { result: 'expired', entity };
      if (row.lockedAt) return { result: 'locked', entity };
      const codes = await manager.find(DownloadCodeEntity, { where: { packageId: row.id }, order: { createdAt: 'DESC' } });
      if (!codes.length) return { result: 'no-code', entity };
      const given = /^\d{8}$/.test(code.replace(/\s/g, '')) ? code.replace(/\s/g, '') : null;
      const match = given ? codes.find((candidate) => this.same(candidate.codeHash, this.hash(row.id, given))) : undefined;
      if (match?.usedAt) return { result: 'code-used', entity };
      if (match && match.expiresAt.getTime() <= now.getTime()) return { result: 'code-expired', entity };
      if (!match) {
        row.failedAttempts += 1;
        const locked = row.failedAttempts >= MAX_WRONG_CODES;
        if (locked) row.lockedAt = now;
        await manager.update(AnswerPackageEntity, { id: row.id }, { failedAttempts: row.failedAttempts, lockedAt: row.lockedAt });
        await this.audit.append(manager, {
          caseId: entity.id,
          type: locked ? 'answer.download_locked' : 'answer.code_wrong',
          actor: 'requester',
          occurredAt: now,
          data: { packageId: row.id, failedAttempts: row.failedAttempts },
        });
        if (!locked) return { result: 'wrong', entity, attemptsLeft: MAX_WRONG_CODES - row.failedAttempts };
        const to = (await answerAddress(manager, entity)).to;
        const mailId = to
          ? await this.outbox.store(manager, 'answer-locked', `answer-locked-${row.id}-${now.getTime()}`, lockedMail(entity, this.systems.controller(), to))
          : undefined;
        return { result: 'locked', entity, mailId };
      }
      await manager.update(DownloadCodeEntity, { id: match.id }, { usedAt: now });
      await manager.update(AnswerPackageEntity, { id: row.id }, { failedAttempts: 0 });
      const download = await manager.save(manager.create(PackageDownloadEntity, { packageId: row.id, caseId: entity.id, codeId: match.id, downloadedAt: now }));
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'answer.downloaded',
        actor: 'requester',
        occurredAt: now,
        data: { packageId: row.id, downloadId: download.id, codeId: match.id, sha256: row.sha256 },
      });
      return { result: 'ok', zip: this.packages.open(row), filename: `${entity.reference}.zip`, entity };
    });
    if (outcome.mailId) await this.outbox.dispatch(outcome.mailId);
    return outcome;
  }

  /** For the case page: whether the package exists, can still be fetched, and is locked. */
  async packageState(caseId: string): Promise<{ packageId: string; expiresAt: Date; gone: boolean; lockedAt: Date | null } | null> {
    const row = await this.dataSource
      .getRepository(AnswerPackageEntity)
      .findOne({ where: { caseId }, select: { id: true, expiresAt: true, deletedAt: true, lockedAt: true } });
    if (!row) return null;
    return {
      packageId: row.id,
      expiresAt: row.expiresAt,
      gone: Boolean(row.deletedAt) || row.expiresAt.getTime() <= this.clock.now().getTime(),
      lockedAt: row.lockedAt,
    };
  }

  /**
   * Lifts the lock that three wrong codes put on a package (a handler, once satisfied it was the
   * person mistyping). The count starts again and every unused code stops working, so the
   * requester asks for a new one from the same link. Audited with who lifted it.
   */
  async unlock(reference: string, actor: string): Promise<{ packageId: string; unlockedAt: Date }> {
    const now = this.clock.now();
    const unlocked = await this.dataSource.transaction(async (manager) => {
      const entity = await this.casesReader.byReference(reference, manager);
      if (!entity) throw notFound(`Case ${reference}`);
      const row = await manager.getRepository(AnswerPackageEntity).findOne({ where: { caseId: entity.id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw conflict('Cannot unlock: the case has no answer package.', { code: 'no_package' });
      if (row.deletedAt || row.expiresAt.getTime() <= now.getTime())
        throw conflict('Cannot unlock: the answer package has expired.', { code: 'package_expired' });
      if (!row.lockedAt) throw conflict('Cannot unlock: the download is not locked.', { code: 'download_not_locked' });
      const failedAttempts = row.failedAttempts;
      await manager.update(AnswerPackageEntity, { id: row.id }, { lockedAt: null, failedAttempts: 0 });
      await manager.update(DownloadCodeEntity, { packageId: row.id, usedAt: IsNull() }, { expiresAt: now });
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'answer.download_unlocked',
        actor,
        occurredAt: now,
        data: { packageId: row.id, failedAttempts },
      });
      // The lock e-mail told the person to wait for us; this one says they can go on.
      const to = (await answerAddress(manager, entity)).to;
      const mailId = to
        ? await this.outbox.store(
            manager,
            'answer-unlocked',
            `answer-unlocked-${row.id}-${now.getTime()}`,
            unlockedMail(entity, `${this.config.PUBLIC_URL}${this.pagePath(row.id)}`, this.lastDay(row, entity.language), this.systems.controller(), to),
          )
        : null;
      return { packageId: row.id, unlockedAt: now, mailId };
    });
    if (unlocked.mailId) await this.outbox.dispatch(unlocked.mailId);
    return { packageId: unlocked.packageId, unlockedAt: unlocked.unlockedAt };
  }

  /** The last day the package can be fetched, in words, for pages. */
  lastDay(row: Pick<AnswerPackageEntity, 'expiresAt'>, language: 'nb' | 'en'): string {
    return dayInWords(this.deadlines.dayOf(new Date(row.expiresAt.getTime() - 1)), language);
  }

  private hash(packageId: string, code: string): string {
    return createHmac('sha256', this.codeKey).update(`${packageId}:${code}`).digest('hex');
  }

  private same(a: string, b: string): boolean {
    return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  }
}
