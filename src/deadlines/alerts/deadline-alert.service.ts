import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CaseEntity } from '../../cases/case.entity';
import { isClosed } from '../../cases/case-transitions';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OutboxService } from '../../notifications/outbox.service';
import { STAFF_DIRECTORY, type HandlerRecipient, type StaffDirectory } from '../../common/auth/staff-directory';
import { DeadlineService } from '../deadline.service';
import { alertKey, planAlerts, type PlannedAlert } from './alert-plan';
import { composeDeadlineAlert } from './deadline-alert.mail';
import { CaseAlertEntity } from './case-alert.entity';
import { CasesReader } from '../../cases/cases-reader';

export interface AlertResult {
  outcome: 'sent' | 'already-sent' | 'nothing-due' | 'stale';
  /** How long until this case's next alert; null when the case needs no more alerts. */
  nextDelayMs: number | null;
}

/**
 * What a fired alert job does. It re-reads the case and stands down when the case moved on
 * (closed, paused). Otherwise it sends the alert that is due now, if any — recording the alert
 * and its e-mail in one transaction, where the unique key on case_alerts makes a second firing
 * a no-op — and tells the job when the next alert is due.
 */
@Injectable()
export class DeadlineAlertService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deadlines: DeadlineService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
  ) {}

  async fire(caseId: string): Promise<AlertResult> {
    const entity = await this.casesReader.byId(caseId);
    if (!entity || isClosed(entity) || entity.pausedAt) return { outcome: 'stale', nextDelayMs: null };
    const now = this.clock.now().getTime();
    const plan = planAlerts(entity.effectiveDue, this.deadlines.today());
    const at = (alert: PlannedAlert) => this.deadlines.alertInstant(alert.fireOn).getTime();
    const due = plan.filter((alert) => at(alert) <= now).pop();
    let outcome: AlertResult['outcome'] = 'nothing-due';
    if (due) outcome = await this.send(entity, due);
    const sent = await this.sentKeys(caseId);
    const next = plan.find((alert) => at(alert) > now && !sent.has(alertKey(alert)));
    return { outcome, nextDelayMs: next ? at(next) - now : null };
  }

  private async send(entity: CaseEntity, alert: PlannedAlert): Promise<'sent' | 'already-sent'> {
    const recipient = await this.recipientFor(entity);
    const emailId = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(CaseAlertEntity)
        .values({ caseId: entity.id, kind: alert.kind, forDate: alert.forDate, recipientKind: recipient.kind, sentAt: this.clock.now() })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (!inserted.raw.length) return null;
      const mail = composeDeadlineAlert(entity, alert.kind, this.deadlines.today(), recipient.address, this.config.PUBLIC_URL, recipient.language);
      const id = await this.outbox.store(manager, 'deadline-alert', `alert-${entity.id}-${alert.kind}-${alert.forDate}`, mail);
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'deadline.alert',
        actor: 'system',
        occurredAt: this.clock.now(),
        data: { kind: alert.kind, forDate: alert.forDate, effectiveDue: entity.effectiveDue, recipient: recipient.kind },
      });
      return id;
    });
    if (!emailId) return 'already-sent';
    await this.outbox.dispatch(emailId);
    return 'sent';
  }

  private async sentKeys(caseId: string): Promise<Set<string>> {
    const rows = await this.dataSource.getRepository(CaseAlertEntity).find({ where: { caseId }, select: { kind: true, forDate: true } });
    return new Set(rows.map(alertKey));
  }

  /** The assignee, else the staff alert address, else the active admins' first address. */
  private recipientFor(entity: CaseEntity): Promise<HandlerRecipient> {
    return this.staff.handlerRecipient(entity.assigneeId);
  }
}
