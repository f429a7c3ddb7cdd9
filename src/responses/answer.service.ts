import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CaseEntity } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { conflict, invalid } from '../common/domain-error';
import { TaskOutcomesReader } from '../connectors/tasks/task-outcomes.reader';
import { OutboundEmailEntity } from '../notifications/outbound-email.entity';
import { OutboxService } from '../notifications/outbox.service';
import { JobQueue } from '../queues/job-queue';
import { JobName, jobIds } from '../queues/queue-catalogue';
import { CaseRecordDiscoveryEntity } from '../identity/case-record-discovery.entity';
import { CaseRecordMatchEntity } from '../identity/case-record-match.entity';
import { representationGate } from '../representation/representation-gate';
import { assertApproved } from './completion-approval';
import { SystemsService } from '../systems/systems.service';
import { composeLetter, renderEditedLetter, renderLetter, type RenderedLetter } from './letters/compose-letter';
import { LetterDraftEntity } from './letters/letter-draft.entity';
import { LetterFactsService } from './letters/letter-facts.service';
import type { LetterFacts } from './letters/letter-facts';
import { assertRequiredKept, missingRequired } from './letters/letter-required';
import { LetterStore } from './letters/letter-store';
import { recipientNotice } from './notices/recipient-notice';
import { RecipientTasksService } from './notices/recipient-tasks.service';
import { PackageBuilderService } from './package/package-builder.service';
import { AnswerPackageEntity, type AnswerPackageKind } from './package/answer-package.entity';
import { CaseCompletionHook, CaseRejectionHook } from '../cases/case-hooks';

/** Outbox kinds this module writes; their rows are dispatched after the case's transaction commits. */
export const ANSWER_MAIL_KINDS = ['answer-letter', 'answer-refusal', 'art19-notice', 'answer-download-code', 'answer-locked'];

/** The reasons a refusal will give, for its preview before the case is rejected. */
export type RefusalFacts = NonNullable<LetterFacts['rejection']>;

export interface LetterPreview extends RenderedLetter {
  edited: boolean;
  notices: Array<{ name: string; email: string; system: string }>;
  /** Art 19 recipients with no e-mail contact still to be told by other means (or waived) before completion. */
  notNotified: Array<{ name: string; system: string }>;
}

/**
 * The answer: assembles the letter from the outcomes (or the handler's edited draft), builds the
 * package for access and portability, stores the letter and the Art 19 notices in the outbox, all
 * inside the completing transaction, so a case is never closed without its answer on record.
 */
@Injectable()
export class AnswerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly cases: CasesService,
    private readonly facts: LetterFactsService,
    private readonly packages: PackageBuilderService,
    private readonly outbox: OutboxService,
    private readonly letters: LetterStore,
    private readonly systems: SystemsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outcomes: TaskOutcomesReader,
    private readonly recipientTasks: RecipientTasksService,
  ) {}

  /** The letter as it would go out now (GET …/letter); `refusal` previews the refusal letter
   *  with the reasons the handler is about to give. */
  async preview(reference: string, refusal?: RefusalFacts): Promise<LetterPreview> {
    const entity = await this.cases.findByReference(reference);
    return this.dataSource.transaction((manager) => this.letterFor(manager, entity, this.downloadFor(entity), refusal));
  }

  /** Stores an edit of the answer letter, or of the refusal letter when `refusal` is given. An
   *  edit may not drop the remedies or the links (400 naming what must stay). */
  async saveDraft(reference: string, edit: { subject?: string; text?: string }, actor: string, refusal?: RefusalFacts): Promise<LetterPreview> {
    if (edit.subject === undefined && edit.text === undefined) throw invalid('body', 'needs subject or text');
    const entity = await this.cases.findByReference(reference);
    if (!['in_progress', 'awaiting_review', 'awaiting_verification'].includes(entity.status)) throw conflict('Cannot edit the letter: the case is closed.');
    if (!refusal && entity.status === 'awaiting_verification') throw conflict('Cannot edit the answer letter before the identity is verified.');
    await this.dataSource.transaction(async (manager) => {
      const assembled = await this.assemble(manager, entity, this.downloadFor(entity), refusal);
      const current = await this.letterFor(manager, entity, this.downloadFor(entity), refusal);
      if (edit.text !== undefined) assertRequiredKept(assembled.text, edit.text, entity.language);
      await manager.save(
        manager.create(LetterDraftEntity, {
          caseId: entity.id,
          kind: current.kind,
          subject: edit.subject ?? current.subject,
          text: edit.text ?? current.text,
          editedBy: actor,
          editedAt: this.clock.now(),
        }),
      );
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'answer.letter_edited',
        actor,
        occurredAt: this.clock.now(),
        data: { letterKind: current.kind, subjectEdited: edit.subject !== undefined, textEdited: edit.text !== undefined },
      });
    });
    return this.preview(reference, refusal);
  }

  /**
   * Runs inside `CasesService.complete`'s transaction, after the state check: refuses while tasks
   * are open, then builds the package (also for a case with no e-mail address: staff print or
   * post it), stores the letter and the notices, and audits each.
   */
  @CaseCompletionHook()
  async onComplete(entity: CaseEntity, manager: EntityManager, actor: string): Promise<Record<string, unknown>> {
    // A request on someone's behalf is answered only once staff accepted the authority.
    const gate = await representationGate(manager, entity.id);
    if (gate)
      throw conflict(`Cannot complete: the authority to ask on the person's behalf is ${gate === 'authority_rejected' ? 'refused' : 'not yet decided'}.`, {
        code: gate,
      });
    // An answer says what was found and done: not while the search for the person's records runs,
    // nor while a possible match waits for a handler's decision.
    const searching = await manager.count(CaseRecordDiscoveryEntity, { where: { caseId: entity.id, status: Not('done') } });
    if (searching > 0) throw conflict("Cannot complete: the search for the person's records has not finished.", { code: 'records_searching' });
    const undecided = await manager.count(CaseRecordMatchEntity, { where: { caseId: entity.id, status: 'candidate' } });
    if (undecided > 0)
      throw conflict(`Cannot complete: ${undecided} possible match(es) need a handler's decision.`, {
        code: 'matches_undecided',
        params: { count: String(undecided) },
      });
    // What the data map puts under approval is answered only once approved, for the records found
    // now (after the search and match gates: until those pass there is nothing to approve).
    await assertApproved(manager, entity, this.systems.approvalRequired(entity.type));
    const open = await this.outcomes.openCount(manager, entity.id);
    if (open > 0)
      throw conflict(`Cannot complete: ${open} task(s) are still running or waiting for a person.`, { code: 'open_tasks', params: { count: String(open) } });
    // Art 19: every recipient without an e-mail contact is told by other means, or waived, first.
    await this.recipientTasks.assertAllSettled(manager, entity);
    const now = this.clock.now();
    const kind = packageKind(entity);
    let stored: AnswerPackageEntity | null = null;
    if (kind) {
      stored = await this.packages.build(manager, entity, kind, now, this.facts.expiresAt(now));
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'answer.package_built',
        actor,
        occurredAt: now,
        data: { packageId: stored.id, kind, sizeBytes: stored.sizeBytes, sha256: stored.sha256, expiresAt: stored.expiresAt.toISOString() },
      });
    }
    const letter = await this.letterFor(manager, entity, stored);
    await this.letters.store(manager, entity, letter, actor, { outboxKind: 'answer-letter', dedupeKey: `answer-${entity.id}` });
    const data: Record<string, unknown> = { letterKind: letter.kind, ...(stored ? { packageId: stored.id } : {}) };
    Object.assign(data, await this.storeNotices(manager, entity, actor));
    return data;
  }

  /** After commit: deliver what the completion stored and arm the package's expiry. */
  async afterComplete(caseId: string): Promise<void> {
    await this.dispatchPending(caseId);
    const row = await this.dataSource.getRepository(AnswerPackageEntity).findOne({ where: { caseId }, select: { id: true, expiresAt: true, deletedAt: true } });
    if (row && !row.deletedAt) await this.scheduleExpiry(row);
  }

  /**
   * Runs inside `CasesService.reject`'s transaction: the Art 12(4) letter (the handler's edited
   * refusal if there is one) is stored with the rejection, so it cannot be lost between commit
   * and delivery. An unconfirmed e-mail address is intake's to answer.
   */
  @CaseRejectionHook()
  async onReject(entity: CaseEntity, manager: EntityManager, actor: string): Promise<Record<string, unknown>> {
    if (entity.rejectionCode === 'unverified') return {};
    const letter = await this.letterFor(manager, entity, null);
    await this.letters.store(manager, entity, letter, actor, { outboxKind: 'answer-refusal', dedupeKey: `refusal-${entity.id}` });
    return { letterKind: letter.kind, letterEdited: letter.edited };
  }

  async scheduleExpiry(row: Pick<AnswerPackageEntity, 'id' | 'expiresAt'>): Promise<void> {
    await this.jobs.enqueue(
      JobName.AnswerPackageExpiry,
      { packageId: row.id },
      { jobId: jobIds.packageExpiry(row.id), delay: Math.max(0, row.expiresAt.getTime() - this.clock.now().getTime()) },
    );
  }

  async dispatchPending(caseId: string): Promise<void> {
    const rows = await this.dataSource
      .getRepository(OutboundEmailEntity)
      .find({ where: { caseId, status: 'pending', kind: In(ANSWER_MAIL_KINDS) }, select: { id: true } });
    for (const row of rows) await this.outbox.dispatch(row.id);
  }

  private downloadFor(entity: CaseEntity): { expiresAt: Date } | null {
    return packageKind(entity) ? { expiresAt: this.facts.expiresAt(this.clock.now()) } : null;
  }

  private async assemble(manager: EntityManager, entity: CaseEntity, download: { expiresAt: Date } | null, refusal?: RefusalFacts): Promise<RenderedLetter> {
    const facts = await this.facts.facts(manager, entity, download, refusal);
    return renderLetter(composeLetter(facts), entity.language);
  }

  private async letterFor(manager: EntityManager, entity: CaseEntity, download: { expiresAt: Date } | null, refusal?: RefusalFacts): Promise<LetterPreview> {
    const composed = await this.assemble(manager, entity, download, refusal);
    const draft = await manager.findOne(LetterDraftEntity, { where: { caseId: entity.id, kind: composed.kind } });
    const tasks = await this.outcomes.tasks(manager, entity.id);
    const notices = this.facts.noticeTargets(entity.type, tasks).map((target) => ({ name: target.name, email: target.email, system: target.systemName }));
    const { notNotified } = await this.facts.art19(manager, entity, tasks);
    if (!draft) return { ...composed, edited: false, notices, notNotified };
    // Saving refused an edit without the remedies or links; one that now lacks them (a link
    // that changed since) gets them back rather than going out without them.
    const missing = missingRequired(composed.text, draft.text, entity.language);
    const text = missing.length ? `${draft.text.trimEnd()}\n\n${missing.join('\n\n')}` : draft.text;
    return { ...renderEditedLetter(composed.kind, draft.subject, text, entity.language), edited: true, notices, notNotified };
  }

  /** Stores an Art 19 notice per e-mail contact of each system this case changed, and audits
   *  each. Recipients with no contact were told by other means or waived before completion
   *  (RecipientTasksService), each audited when it was settled. */
  private async storeNotices(manager: EntityManager, entity: CaseEntity, actor: string): Promise<{ recipientsNotified: number }> {
    const tasks = await this.outcomes.tasks(manager, entity.id);
    const targets = this.facts.noticeTargets(entity.type, tasks);
    for (const [index, target] of targets.entries()) {
      const outboundEmailId = await this.outbox.store(
        manager,
        'art19-notice',
        `art19-${entity.id}-${index}`,
        recipientNotice(entity, target, this.systems.controller()),
      );
      // The recipient is a company named in the data map: no personal data in the trail.
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'answer.recipient_notified',
        actor,
        occurredAt: this.clock.now(),
        data: { system: target.systemId, recipient: target.name, outboundEmailId },
      });
    }
    return { recipientsNotified: targets.length };
  }
}

export function packageKind(entity: Pick<CaseEntity, 'type'>): AnswerPackageKind | null {
  return entity.type === 'access' || entity.type === 'portability' ? entity.type : null;
}
