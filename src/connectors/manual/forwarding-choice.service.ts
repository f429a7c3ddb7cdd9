import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseEntity } from '../../cases/case.entity';
import { isClosed } from '../../cases/case-transitions';
import { CasesService } from '../../cases/cases.service';
import { conflict, invalid, notFound } from '../../common/domain-error';
import { processorControllers } from '../../systems/processor-controllers';
import { SystemsService } from '../../systems/systems.service';
import { CaseSettlementService } from '../fanout/case-settlement.service';
import { FanoutService } from '../fanout/fanout.service';
import { CaseTaskEntity } from '../tasks/case-task.entity';
import { ForwardingService } from './forwarding.service';

/**
 * A handler's choice of the controller a processor system forwards to, when the system serves
 * several and the request named none (`controllerLookup: handler`, or `named` left unanswered).
 * Choosing a controller already sent to sends nothing again.
 */
@Injectable()
export class ForwardingChoiceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly systems: SystemsService,
    private readonly forwarding: ForwardingService,
    private readonly fanout: FanoutService,
    private readonly settlement: CaseSettlementService,
  ) {}

  async choose(reference: string, systemId: string, controllerId: unknown, actor: string): Promise<{ entity: CaseEntity; task: CaseTaskEntity }> {
    const entity = await this.cases.findByReference(reference);
    const system = this.systems.system(systemId);
    if (!system || system.role !== 'processor') throw notFound(`Processor system ${systemId}`);
    const controllers = processorControllers(system);
    if (typeof controllerId !== 'string' || controllerId.trim() === '') throw invalid('controllerId', 'is required');
    const controller = controllers.find((candidate) => candidate.id === controllerId);
    if (!controller)
      throw invalid('controllerId', `must be one of the controllers of ${system.id}: ${controllers.map((candidate) => candidate.id).join(', ')}`);
    if (isClosed(entity)) throw conflict(`Cannot forward: the case is ${entity.status}.`, { code: 'case_closed', params: { status: entity.status } });
    const repository = this.dataSource.getRepository(CaseTaskEntity);
    const task = await repository.findOne({ where: { caseId: entity.id, systemId, action: 'forward' } });
    // Created at receipt; missing only when the event was lost and reconciliation has not run yet.
    if (!task) throw conflict(`The forward for ${system.id} is not created yet; try again in a minute.`);
    await this.forwarding.send(task.id, entity, system, [controller], actor);
    // The case may have waited only for this choice.
    await this.fanout.fanOut(entity.id);
    await this.settlement.settle(entity.id);
    return { entity, task: await repository.findOneOrFail({ where: { id: task.id } }) };
  }
}
