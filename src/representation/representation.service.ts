import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CaseEntity } from '../cases/case.entity';
import { isClosed } from '../cases/case-transitions';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { conflict, notFound } from '../common/domain-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { PackageCipher } from '../common/crypto/package-cipher';
import { identifiersOfSubject } from '../identity/identifier-input';
import { IdentityService } from '../identity/identity.service';
import { CaseRepresentationEntity } from './case-representation.entity';
import { documentCipher } from './document-cipher';
import { extensionOf } from './document-type';
import { AUTHORITY_METHOD, type DocumentType, type Relationship } from './representation-types';
import { ReconcilePass } from '../deadlines/alerts/reconcile-pass';

/** A request made on someone else's behalf, as the intake hands it over (already validated). */
export interface NewRepresentation {
  name: string;
  email: string;
  relationship: Relationship;
  coversAnswer: boolean;
  document: { bytes: Buffer; type: DocumentType };
}

const DAY_MS = 24 * 3600_000;

/**
 * Requests on someone else's behalf: stores the representative and the sealed authority document
 * with the case, and records a staff member's decision on the authority. Until it is accepted
 * nothing runs for the case (see representation-gate.ts); accepting confirms the identifiers
 * typed for the person the data is about, refusing closes the case with a refusal letter.
 */
@Injectable()
export class RepresentationService {
  private readonly cipher: PackageCipher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesService,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.cipher = documentCipher(config);
  }

  /** Inside the registering transaction: the representation, its sealed document, and the
   *  subject's typed identifiers as claimed. Audited without personal data. */
  async record(manager: EntityManager, entity: CaseEntity, input: NewRepresentation): Promise<void> {
    const row = manager.create(CaseRepresentationEntity, {
      caseId: entity.id,
      name: input.name.trim(),
      email: input.email.trim().toLowerCase(),
      relationship: input.relationship,
      coversAnswer: input.coversAnswer,
      status: 'pending',
      documentType: input.document.type,
      documentSize: input.document.bytes.length,
      documentIv: Buffer.alloc(0),
      documentAuthTag: Buffer.alloc(0),
    });
    const saved = await manager.save(row);
    const sealed = this.cipher.seal(input.document.bytes, saved.id);
    await manager.update(
      CaseRepresentationEntity,
      { id: saved.id },
      { documentCiphertext: sealed.ciphertext, documentIv: sealed.iv, documentAuthTag: sealed.authTag },
    );
    await this.identity.add(
      manager,
      entity.id,
      identifiersOfSubject({ email: entity.subjectEmail, phone: entity.subjectPhone, customerNumber: entity.subjectCustomerNumber, name: entity.subjectName }),
    );
    await this.audit.append(manager, {
      caseId: entity.id,
      type: 'authority.submitted',
      actor: 'requester',
      occurredAt: this.clock.now(),
      data: {
        relationship: input.relationship,
        coversAnswer: input.coversAnswer,
        documentType: input.document.type,
        documentSize: input.document.bytes.length,
      },
    });
  }

  /**
   * A staff member accepts the authority: the case may run, and every identifier typed for the
   * person the data is about becomes staff-confirmed ("authority document checked", the reason).
   * `coversAnswer` is the handler's reading of the document; left out, the requester's claim stands.
   */
  async accept(reference: string, reason: string, coversAnswer: boolean | undefined, actor: string): Promise<CaseEntity> {
    let established: string[] = [];
    const entity = await this.cases.acceptAuthority(reference, actor, async (entity, manager) => {
      const row = await this.decidable(manager, entity, 'accept the authority');
      row.status = 'accepted';
      if (coversAnswer !== undefined) row.coversAnswer = coversAnswer;
      Object.assign(row, { decidedBy: actor, decidedAt: this.clock.now(), decisionReason: reason });
      await manager.save(row);
      const claimed = (await this.identity.list(entity.id, manager)).filter((identifier) => identifier.basis === 'claimed');
      established = await this.identity.establish(
        manager,
        entity.id,
        claimed.map((identifier) => identifier.id),
        { basis: 'staff_confirmed', method: AUTHORITY_METHOD, reason, by: actor },
      );
      return { relationship: row.relationship, coversAnswer: row.coversAnswer, reason };
    });
    await this.identity.published(entity.id, established);
    return entity;
  }

  /** A staff member refuses the authority: recorded, then the case is refused with a letter saying why. */
  async reject(reference: string, reason: string, actor: string): Promise<CaseEntity> {
    await this.cases.refuseAuthority(reference, actor, async (entity, manager) => {
      const row = await this.decidable(manager, entity, 'refuse the authority');
      Object.assign(row, { status: 'rejected', decidedBy: actor, decidedAt: this.clock.now(), decisionReason: reason });
      await manager.save(row);
      return { relationship: row.relationship, reason };
    });
    return this.cases.reject(reference, 'authority_not_accepted', reason, actor);
  }

  /** The decrypted document for a handler, audited (who fetched it; never its content). */
  async document(reference: string, actor: string): Promise<{ bytes: Buffer; type: DocumentType; filename: string }> {
    const entity = await this.cases.findByReference(reference);
    const row = await this.dataSource.getRepository(CaseRepresentationEntity).findOne({ where: { caseId: entity.id } });
    if (!row) throw notFound(`Authority document of case ${entity.reference}`);
    if (!row.documentCiphertext) throw conflict('The authority document has been deleted.', { code: 'authority_document_deleted' });
    const bytes = this.cipher.open({ ciphertext: row.documentCiphertext, iv: row.documentIv, authTag: row.documentAuthTag }, row.id);
    await this.audit.record({
      caseId: entity.id,
      type: 'authority.document_downloaded',
      actor,
      occurredAt: this.clock.now(),
      data: { documentType: row.documentType },
    });
    return { bytes, type: row.documentType, filename: `${entity.reference}-authority.${extensionOf(row.documentType)}` };
  }

  /**
   * Deletes the documents of cases closed longer ago than the answer's download period: by then
   * the answer is out and the document has done its work. The row stays as the record. Run by
   * the reconciliation pass, like the answer packages' expiry.
   */
  @ReconcilePass('authority-documents')
  async deleteExpiredDocuments(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.PACKAGE_TTL_DAYS * DAY_MS);
    return this.dataSource.transaction(async (manager) => {
      const gone: Array<{ id: string; case_id: string }> = await manager
        .query(
          `UPDATE case_representations r SET document_ciphertext = NULL, document_deleted_at = $2
           FROM cases c
          WHERE c.id = r.case_id AND r.document_ciphertext IS NOT NULL AND c.closed_at IS NOT NULL AND c.closed_at <= $1
        RETURNING r.id, r.case_id`,
          [cutoff, this.clock.now()],
        )
        .then((result: [Array<{ id: string; case_id: string }>, number]) => result[0]);
      for (const row of gone) {
        await this.audit.append(manager, {
          caseId: row.case_id,
          type: 'authority.document_deleted',
          actor: 'system',
          occurredAt: this.clock.now(),
          data: { reason: 'case closed and the download period ended' },
        });
      }
      return gone.length;
    });
  }

  private async decidable(manager: EntityManager, entity: CaseEntity, action: string): Promise<CaseRepresentationEntity> {
    if (isClosed(entity)) throw conflict(`Cannot ${action}: the case is closed.`, { code: 'case_closed', params: { status: entity.status } });
    const row = await manager.findOne(CaseRepresentationEntity, { where: { caseId: entity.id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw conflict(`Cannot ${action}: the request was not made on someone else's behalf.`, { code: 'not_on_behalf' });
    if (row.status !== 'pending')
      throw conflict(`Cannot ${action}: the authority was already ${row.status}.`, { code: 'authority_decided', params: { status: row.status } });
    return row;
  }
}
