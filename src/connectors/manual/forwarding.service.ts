import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { CaseEntity } from '../../cases/case.entity';
import { Clock } from '../../common/clock';
import type { Disposition } from '../../common/dispositions/disposition';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { arrivalDate } from '../../deadlines/policy/arrival-date';
import { OutboxService } from '../../notifications/outbox.service';
import type { SystemEntry } from '../../systems/data-map.schema';
import { SystemsService } from '../../systems/systems.service';
import { CaseTaskEntity } from '../tasks/case-task.entity';
import { IdentityService } from '../../identity/identity.service';
import { composeForward, personIdentifiers } from './task-mail';

/**
 * A system where we are only a processor (Art 28) is never searched: the request goes to its
 * controller by e-mail, and the task records to whom and when. The e-mail row and the outcome are
 * written together, so a re-run after a crash neither loses nor duplicates the message.
 */
@Injectable()
export class ForwardingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly systems: SystemsService,
    private readonly clock: Clock,
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forward(task: CaseTaskEntity, entity: CaseEntity, system: SystemEntry): Promise<void> {
    const now = this.clock.now();
    const controller = this.systems.controller();
    // The day the request went to the controller, as the company counts days (its time zone).
    const forwarded: Disposition = {
      kind: 'forwarded',
      to: system.controllerName ?? system.controllerContact ?? 'the controller',
      at: arrivalDate(now, this.config.TZ_NAME),
    };
    const emailId = await this.dataSource.transaction(async (manager) => {
      const people = personIdentifiers(await this.identity.list(entity.id, manager));
      const id = await this.outbox.store(
        manager,
        'task-forward',
        `task-${task.id}-forward`,
        composeForward(entity, people, task, system, controller, controller.email),
      );
      await manager.update(
        CaseTaskEntity,
        { id: task.id },
        {
          status: 'forwarded',
          outcome: {
            status: 'forwarded',
            summary: `Forwarded to ${system.controllerName} (${system.controllerContact}), the controller for this data; nothing searched, disclosed or deleted.`,
            controller: system.controllerName,
            controllerContact: system.controllerContact,
            forwardedAt: now.toISOString(),
            dispositions: [forwarded],
          },
          error: null,
          finishedAt: now,
        },
      );
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'task.forwarded',
        actor: 'system',
        occurredAt: now,
        data: { taskId: task.id, system: system.id, controller: system.controllerName ?? null },
      });
      return id;
    });
    await this.outbox.dispatch(emailId);
  }
}
