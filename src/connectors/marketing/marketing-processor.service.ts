import { Inject, Injectable } from '@nestjs/common';
import { summarised } from '../outcome-summary';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
import { SystemsService } from '../../systems/systems.service';
import { ConnectorRegistry } from '../connector-registry';
import { personIdentifiers } from '../manual/task-mail';
import { RecordSubjects } from '../records/record-subjects.service';
import { CaseTaskEntity } from '../tasks/case-task.entity';
import { composeProcessorInstruction } from './processor-instruction-mail';
import { instructionKey } from './instruction-key';

/**
 * An objection to direct marketing reaches the companies that market for us with a system's data
 * (`marketingProcessors` in the data map): each gets an instruction to stop, and the task records
 * one disposition per company. The e-mail rows and the outcome are written in one transaction and
 * each row is keyed by case and processor, so a re-run neither loses nor repeats an instruction.
 */
@Injectable()
export class MarketingProcessorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly systems: SystemsService,
    private readonly registry: ConnectorRegistry,
    private readonly subjects: RecordSubjects,
    private readonly identity: IdentityService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async instruct(task: CaseTaskEntity, entity: CaseEntity, system: SystemEntry): Promise<void> {
    const now = this.clock.now();
    const processors = (await this.mayHoldPerson(entity, system)) ? system.marketingProcessors : [];
    const at = arrivalDate(now, this.config.TZ_NAME);
    const dispositions: Disposition[] = processors.map((processor) => ({ kind: 'forwarded', what: 'marketing-subscription', to: processor.name, at }));
    const controller = this.systems.controller();
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const people = personIdentifiers(await this.identity.list(entity.id, manager));
      const ids: string[] = [];
      for (const processor of processors) {
        const mail = composeProcessorInstruction(entity, people, system, processor, controller);
        ids.push(await this.outbox.store(manager, 'marketing-processor-instruction', instructionKey(entity.id, system.id, processor.name), mail));
      }
      await manager.update(
        CaseTaskEntity,
        { id: task.id },
        {
          status: processors.length ? 'done' : 'not_found',
          outcome: {
            status: processors.length ? 'done' : 'not_found',
            ...summarised(
              processors.length
                ? {
                    en: `Instructed ${processors.map((processor) => `${processor.name} (${processor.contact})`).join(', ')} to stop using the person's data for marketing.`,
                    nb: `Ba ${processors.map((processor) => `${processor.name} (${processor.contact})`).join(', ')} om å slutte å bruke den registrertes opplysninger til markedsføring.`,
                  }
                : {
                    en: `No record of the person in ${system.name}, so its marketing processors were not told of the objection.`,
                    nb: `Ingen oppføring om den registrerte i ${system.name}, så databehandlerne for markedsføring ble ikke varslet om innsigelsen.`,
                  },
            ),
            instructedAt: now.toISOString(),
            dispositions,
          },
          error: null,
          finishedAt: now,
        },
      );
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'task.processors_instructed',
        actor: 'system',
        occurredAt: now,
        data: { taskId: task.id, system: system.id, processors: processors.map((processor) => processor.name) },
      });
      return ids;
    });
    for (const id of emailIds) await this.outbox.dispatch(id);
  }

  /** An API system searched without finding the person: its processors hold none of our data
   *  about them, and telling them of the objection would only disclose it. A manual system (or one
   *  never searched) cannot tell, and marketing must stop, so its processors are told. */
  private async mayHoldPerson(entity: CaseEntity, system: SystemEntry): Promise<boolean> {
    if (!this.registry.forSystem(system)) return true;
    if (!(await this.subjects.searched(entity.id, system.id))) return true;
    return (await this.subjects.forSystem(entity.id, system.id)) !== null;
  }
}
