import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { CaseEntity } from '../../cases/case.entity';
import { Clock } from '../../common/clock';
import { OutboxService } from '../../notifications/outbox.service';
import { answerAddress } from '../../representation/answer-address';
import { AnswerLetterEntity } from './answer-letter.entity';
import type { RenderedLetter } from './compose-letter';

/**
 * Keeps a final letter with the case, inside the caller's transaction: always as a row staff can
 * print (a case registered by phone or letter has no e-mail address), and in the outbox when
 * there is an address. Idempotent per case and letter kind.
 */
@Injectable()
export class LetterStore {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async store(
    manager: EntityManager,
    entity: CaseEntity,
    letter: Omit<RenderedLetter, 'kind'> & { kind: string; edited?: boolean },
    actor: string,
    mail: { outboxKind: string; dedupeKey: string },
  ): Promise<AnswerLetterEntity> {
    const existing = await manager.findOne(AnswerLetterEntity, { where: { caseId: entity.id, kind: letter.kind } });
    if (existing) return existing;
    const { to } = await answerAddress(manager, entity);
    const outboundEmailId = to
      ? await this.outbox.store(manager, mail.outboxKind, mail.dedupeKey, {
          to,
          caseId: entity.id,
          subject: letter.subject,
          text: letter.text,
          html: letter.html,
        })
      : null;
    const row = await manager.save(
      manager.create(AnswerLetterEntity, {
        caseId: entity.id,
        kind: letter.kind,
        delivery: outboundEmailId ? 'email' : 'post',
        subject: letter.subject,
        textBody: letter.text,
        htmlBody: letter.html,
        outboundEmailId,
      }),
    );
    await this.audit.append(manager, {
      caseId: entity.id,
      type: 'answer.letter_stored',
      actor,
      occurredAt: this.clock.now(),
      data: {
        letterKind: letter.kind,
        edited: letter.edited ?? false,
        delivery: row.delivery,
        letterId: row.id,
        ...(outboundEmailId ? { outboundEmailId } : {}),
      },
    });
    return row;
  }
}
