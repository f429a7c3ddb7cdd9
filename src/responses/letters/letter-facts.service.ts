import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CaseEntity } from '../../cases/case.entity';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { changesFrom } from '../../connectors/fanout/fanout-plan';
import { objectionKind } from '../../common/case-types';
import { TaskOutcomesReader, taskDispositions } from '../../connectors/tasks/task-outcomes.reader';
import { DeadlineService } from '../../deadlines/deadline.service';
import { RequesterLinks } from '../../public-site/requester-links';
import { SystemsService } from '../../systems/systems.service';
import { recipientName, uncontactedRecipients } from '../../systems/art19-recipients';
import type { SystemEntry } from '../../systems/data-map.schema';
import { answerAddress } from '../../representation/answer-address';
import type { LetterFacts, TaskFact } from './letter-facts';

/** Types whose outcome is passed on to every recipient of the affected systems (Art 19). */
export const ART19_TYPES = ['rectification', 'erasure', 'restriction'];

export interface NoticeTarget {
  systemId: string;
  systemName: string;
  name: string;
  email: string;
}

/** Reads what a letter needs from PostgreSQL and the data map: tasks and outcomes, decisions, recipients. */
@Injectable()
export class LetterFactsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
    private readonly deadlines: DeadlineService,
    private readonly links: RequesterLinks,
    private readonly outcomes: TaskOutcomesReader,
  ) {}

  /** `rejection` previews a refusal before the case is rejected (the handler's chosen reasons). */
  async facts(manager: EntityManager, entity: CaseEntity, download: { expiresAt: Date } | null, rejection?: LetterFacts['rejection']): Promise<LetterFacts> {
    const tasks = await this.outcomes.tasks(manager, entity.id);
    const decision = entity.type === 'objection' ? await this.outcomes.objectionDecision(manager, entity.id) : null;
    const taskFacts: TaskFact[] = tasks.map((task) => {
      const system = this.systems.system(task.systemId);
      return {
        systemId: task.systemId,
        systemName: system?.name ?? task.systemId,
        action: task.action,
        status: task.status,
        ...(task.finishedAt ? { finishedOn: this.deadlines.dayOf(task.finishedAt) } : {}),
        dispositions: taskDispositions(task),
      };
    });
    const changes = Object.entries(changesFrom(entity.details)).map(([field, value]) => ({ field, new: value }));
    const answerTo = (await answerAddress(manager, entity)).to;
    return {
      language: entity.language,
      reference: entity.reference,
      type: entity.type,
      receivedOn: entity.receivedOn,
      answeredOn: this.deadlines.today(),
      controller: this.systems.controller(),
      tasks: taskFacts,
      changes,
      notified: ART19_TYPES.includes(entity.type) ? this.noticeTargets(taskFacts).map((target) => ({ name: target.name, system: target.systemName })) : [],
      notNotified: ART19_TYPES.includes(entity.type) ? this.uncontacted(taskFacts).map((target) => ({ name: target.name, system: target.systemName })) : [],
      ...(entity.type === 'objection'
        ? { objection: { processing: objectionKind(entity.details), decision: decision?.decision ?? null, ...(decision ? { grounds: decision.grounds } : {}) } }
        : {}),
      ...(rejection
        ? { rejection }
        : entity.rejectionCode && entity.status === 'rejected'
          ? { rejection: { code: entity.rejectionCode, reason: entity.rejectionReason ?? '' } }
          : {}),
      // A posted letter cannot point at an e-mailed one-time code: the package goes with the letter.
      ...(download && answerTo
        ? { download: { statusUrl: this.links.statusUrl(entity.id), expiresOn: this.deadlines.dayOf(new Date(download.expiresAt.getTime() - 1)) } }
        : {}),
      statusUrl: this.links.statusUrl(entity.id),
      byPost: !answerTo,
    };
  }

  /** Every `recipientContacts` entry of the systems the rectification, erasure or restriction touched. */
  noticeTargets(tasks: Array<Pick<TaskFact, 'systemId' | 'action' | 'status'>>): NoticeTarget[] {
    return affectedSystems(tasks, this.systems).flatMap(({ id, system }) =>
      system.recipientContacts.map((contact) => ({ systemId: id, systemName: system.name, name: contact.name, email: contact.email })),
    );
  }

  /** The recipients of those systems that no notice can be e-mailed to (see uncontactedRecipients). */
  uncontacted(tasks: Array<Pick<TaskFact, 'systemId' | 'action' | 'status'>>): Array<Omit<NoticeTarget, 'email'>> {
    return affectedSystems(tasks, this.systems).flatMap(({ id, system }) =>
      uncontactedRecipients(system).map((recipient) => ({ systemId: id, systemName: system.name, name: recipientName(recipient) })),
    );
  }

  expiresAt(from: Date): Date {
    return new Date(from.getTime() + this.config.PACKAGE_TTL_DAYS * 24 * 3600_000);
  }
}

/** The data-map entries of the systems a task acted on (not forwarded), once each. */
function affectedSystems(tasks: Array<Pick<TaskFact, 'systemId' | 'action' | 'status'>>, systems: SystemsService): Array<{ id: string; system: SystemEntry }> {
  const ids = [...new Set(tasks.filter((task) => task.action !== 'forward' && ['done', 'retained'].includes(task.status)).map((task) => task.systemId))];
  return ids.flatMap((id) => {
    const system = systems.system(id);
    return system ? [{ id, system }] : [];
  });
}
