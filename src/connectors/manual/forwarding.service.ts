import { Inject, Injectable } from '@nestjs/common';
import { summarised } from '../outcome-summary';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { CaseEntity } from '../../cases/case.entity';
import { Clock } from '../../common/clock';
import type { Disposition } from '../../common/dispositions/disposition';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { arrivalDate } from '../../deadlines/policy/arrival-date';
import { IdentityService } from '../../identity/identity.service';
import { OutboxService } from '../../notifications/outbox.service';
import type { SystemEntry } from '../../systems/data-map.schema';
import { processorControllers, type ProcessorController } from '../../systems/processor-controllers';
import { SystemsService } from '../../systems/systems.service';
import { CaseTaskEntity } from '../tasks/case-task.entity';
import { controllersFor, forwardedList, type ForwardedTo } from './forwarding-targets';
import { composeForward } from './forward-mail';

/**
 * A system where we are only a processor (Art 28) is never searched: the request goes to its
 * controller by e-mail at receipt, and the task records to whom and when. Only a controller the
 * person named (or the only one the system serves, or one a handler picked) gets it — never every
 * controller on the list. The e-mail rows and the outcome are written together, each e-mail keyed by
 * task and controller, so a re-run after a crash neither loses nor duplicates a message.
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

  /** Runs the task: forwards where the controller is known, else leaves it to a handler. */
  async forward(task: CaseTaskEntity, entity: CaseEntity, system: SystemEntry): Promise<'forwarded' | 'manual'> {
    const targets = controllersFor(system, entity.details);
    if (!targets.length) {
      await this.awaitChoice(task, system);
      return 'manual';
    }
    await this.send(task.id, entity, system, targets, 'system');
    return 'forwarded';
  }

  /**
   * Forwards to `targets` those not yet sent to, under the task's row lock, and marks the task
   * forwarded. Returns the controllers sent to now (empty when all had it already).
   */
  async send(taskId: string, entity: CaseEntity, system: SystemEntry, targets: ProcessorController[], actor: string): Promise<ProcessorController[]> {
    const now = this.clock.now();
    const at = arrivalDate(now, this.config.TZ_NAME);
    const { emailIds, fresh } = await this.dataSource.transaction(async (manager) => {
      const task = await manager.findOneOrFail(CaseTaskEntity, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
      const already = forwardedList(task.outcome);
      const fresh = targets.filter((target) => !already.some((done) => done.controllerId === target.id));
      const forwards: ForwardedTo[] = [...already, ...fresh.map((target) => ({ controllerId: target.id, name: target.name, contact: target.contact, at }))];
      const emailIds = await this.storeMails(manager, task, entity, system, fresh);
      await manager.update(CaseTaskEntity, { id: task.id }, { status: 'forwarded', outcome: outcomeOf(system, forwards, now), error: null, finishedAt: now });
      if (fresh.length) {
        await this.audit.append(manager, {
          caseId: entity.id,
          type: 'task.forwarded',
          actor,
          occurredAt: now,
          data: { taskId: task.id, system: system.id, controllers: fresh.map((target) => target.id) },
        });
      }
      return { emailIds, fresh };
    });
    for (const id of emailIds) await this.outbox.dispatch(id);
    return fresh;
  }

  private async storeMails(
    manager: EntityManager,
    task: CaseTaskEntity,
    entity: CaseEntity,
    system: SystemEntry,
    targets: ProcessorController[],
  ): Promise<string[]> {
    if (!targets.length) return [];
    const given = await this.identity.list(entity.id, manager);
    const us = this.systems.controller();
    const ids: string[] = [];
    for (const target of targets) {
      ids.push(await this.outbox.store(manager, 'task-forward', `task-${task.id}-forward-${target.id}`, composeForward(entity, given, system, target, us)));
    }
    return ids;
  }

  /** Several controllers and none named: a handler picks on the case page; nothing is sent. */
  private async awaitChoice(task: CaseTaskEntity, system: SystemEntry): Promise<void> {
    const controllers = processorControllers(system);
    await this.dataSource.getRepository(CaseTaskEntity).update(
      { id: task.id },
      {
        status: 'manual',
        outcome: {
          status: 'manual',
          awaiting: 'controller_choice',
          ...summarised({
            en: `${system.name} serves ${controllers.length} controllers and the request names none of them: a handler picks the one the person's data belongs to (POST …/processor-forwards/${system.id}). Nothing was sent.`,
            nb: `${system.name} betjener ${controllers.length} behandlingsansvarlige, og henvendelsen nevner ingen av dem: en saksbehandler velger den som den registrertes opplysninger hører til (POST …/processor-forwards/${system.id}). Ingenting ble sendt.`,
          }),
          controllers: controllers.map(({ id, name }) => ({ id, name })),
        },
        error: null,
      },
    );
  }
}

function outcomeOf(system: SystemEntry, forwards: ForwardedTo[], now: Date) {
  const names = forwards.map((forward) => forward.name).join(', ');
  const dispositions: Disposition[] = forwards.map((forward) => ({ kind: 'forwarded', to: forward.name, at: forward.at }));
  return {
    status: 'forwarded',
    ...summarised({
      en: `Forwarded to ${forwards.map((forward) => `${forward.name} (${forward.contact})`).join(', ')}, the controller for this data in ${system.name}; nothing searched, disclosed, changed or deleted.`,
      nb: `Videresendt til ${forwards.map((forward) => `${forward.name} (${forward.contact})`).join(', ')}, behandlingsansvarlig for disse opplysningene i ${system.name}; ingenting ble søkt i, utlevert, endret eller slettet.`,
    }),
    controller: names,
    controllerContact: forwards.map((forward) => forward.contact).join(', '),
    forwardedAt: now.toISOString(),
    forwards,
    dispositions,
  };
}
