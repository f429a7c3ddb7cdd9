import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CaseEntity } from '../../cases/case.entity';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { changesFrom } from '../../connectors/fanout/fanout-plan';
import { objectionKind } from '../../common/case-types';
import { TaskOutcomesReader, taskDispositions, type TaskOutcome } from '../../connectors/tasks/task-outcomes.reader';
import { CHANGING_KINDS, type Disposition } from '../../common/dispositions/disposition';
import { RecipientTaskEntity } from '../notices/recipient-task.entity';
import { DeadlineService } from '../../deadlines/deadline.service';
import { RequesterLinks } from '../../public-site/requester-links';
import { SystemsService } from '../../systems/systems.service';
import { contactedRecipients, recipientName, uncontactedRecipients } from '../../systems/art19-recipients';
import type { SystemEntry } from '../../systems/data-map.schema';
import type { LocalizedText } from '../../systems/localized-text';
import { answerAddress } from '../../representation/answer-address';
import { LetterTemplatesService } from '../templates/letter-templates.service';
import { letterKind, type LetterFacts, type TaskFact } from './letter-facts';

export interface NoticeTarget {
  systemId: string;
  systemName: string;
  /** The system's name as the data map writes it: the notice names it in its own language. */
  systemTexts?: LocalizedText;
  name: string;
  email: string;
  /** The notice's language; Norwegian when the data map names none. */
  language?: 'nb' | 'en';
  /** Everything this case did to the system's records: the notice says what changed and what is kept. */
  dispositions: Disposition[];
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
    private readonly templates: LetterTemplatesService,
  ) {}

  /** `rejection` previews a refusal before the case is rejected (the handler's chosen reasons). */
  async facts(manager: EntityManager, entity: CaseEntity, download: { expiresAt: Date } | null, rejection?: LetterFacts['rejection']): Promise<LetterFacts> {
    const tasks = await this.outcomes.tasks(manager, entity.id);
    const decision = entity.type === 'objection' ? await this.outcomes.objectionDecision(manager, entity.id) : null;
    const taskFacts: TaskFact[] = tasks.map((task) => {
      return {
        systemId: task.systemId,
        // The letter names each system in the requester's language.
        systemName: this.systems.nameOf(task.systemId, entity.language),
        action: task.action,
        status: task.status,
        ...(task.finishedAt ? { finishedOn: this.deadlines.dayOf(task.finishedAt) } : {}),
        dispositions: taskDispositions(task),
      };
    });
    const changes = Object.entries(changesFrom(entity.details)).map(([field, value]) => ({ field, new: value }));
    const answerTo = (await answerAddress(manager, entity)).to;
    const facts: LetterFacts = {
      language: entity.language,
      reference: entity.reference,
      type: entity.type,
      receivedOn: entity.receivedOn,
      answeredOn: this.deadlines.today(),
      controller: this.systems.controller(),
      tasks: taskFacts,
      changes,
      ...(await this.art19(manager, entity, taskFacts)),
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
    // The company's words for the letter these facts call for, read in the letter's transaction.
    return { ...facts, template: await this.templates.get(letterKind(facts), entity.language, manager) };
  }

  /** The e-mail contacts (not authorities on request) of the systems whose records this case
   *  erased, anonymised, corrected or restricted, each with what changed there (Art 19). */
  noticeTargets(type: string, tasks: readonly DispositionSource[]): NoticeTarget[] {
    return affectedSystems(type, tasks, this.systems).flatMap(({ id, system, dispositions }) =>
      contactedRecipients(system).map((contact) => ({ systemId: id, systemName: system.name, systemTexts: system.texts.name, ...contact, dispositions })),
    );
  }

  /** The recipients of those systems that no notice can be e-mailed to (see uncontactedRecipients). */
  uncontacted(type: string, tasks: readonly DispositionSource[]): Array<Omit<NoticeTarget, 'email' | 'language' | 'dispositions'>> {
    return affectedSystems(type, tasks, this.systems).flatMap(({ id, system }) =>
      uncontactedRecipients(system).map((recipient) => ({ systemId: id, systemName: system.name, name: recipientName(recipient) })),
    );
  }

  /** Art 19 for the letter: `notified` are the recipients e-mailed and those staff marked as told
   *  by other means; `notNotified` those still to be told. A waived recipient is in neither. */
  async art19(
    manager: EntityManager,
    entity: Pick<CaseEntity, 'id' | 'type' | 'language'>,
    tasks: readonly DispositionSource[],
  ): Promise<Pick<LetterFacts, 'notified' | 'notNotified'>> {
    if (!art19Applies(entity.type)) return { notified: [], notNotified: [] };
    const settled = await manager.find(RecipientTaskEntity, { where: { caseId: entity.id } });
    const stateOf = (target: { systemId: string; name: string }) =>
      settled.find((row) => row.systemId === target.systemId && row.recipient === target.name)?.status ?? 'open';
    const uncontacted = this.uncontacted(entity.type, tasks);
    // The letter names each system in the requester's language.
    const named = (target: { systemId: string; name: string }) => ({ name: target.name, system: this.systems.nameOf(target.systemId, entity.language) });
    return {
      notified: [...this.noticeTargets(entity.type, tasks).map(named), ...uncontacted.filter((target) => stateOf(target) === 'done').map(named)],
      notNotified: uncontacted.filter((target) => stateOf(target) === 'open').map(named),
    };
  }

  expiresAt(from: Date): Date {
    return new Date(from.getTime() + this.config.PACKAGE_TTL_DAYS * 24 * 3600_000);
  }
}

/** Art 19 covers rectification (Art 16), erasure (17(1)) and restriction (18): a marketing stop or
 *  a processing stopped on objection (Art 21) is not passed on to recipients. */
export const ART19_TYPES: readonly string[] = ['rectification', 'erasure', 'restriction'];
const art19Applies = (type: string): boolean => ART19_TYPES.includes(type);

/** A task as `affectedSystems` reads it: a letter's TaskFact (dispositions read) or a stored task. */
export type DispositionSource = { systemId: string } & (Pick<TaskFact, 'dispositions'> | Pick<TaskOutcome, 'action' | 'status' | 'outcome' | 'finishedAt'>);

/** The data-map entries of the systems whose records this case erased, anonymised, corrected or
 *  restricted, once each, with all of that system's dispositions (what changed and what was kept);
 *  none for a request type Art 19 does not cover (`type`: the case's). */
export function affectedSystems(
  type: string,
  tasks: readonly DispositionSource[],
  systems: Pick<SystemsService, 'system'>,
): Array<{ id: string; system: SystemEntry; dispositions: Disposition[] }> {
  if (!art19Applies(type)) return [];
  const bySystem = new Map<string, Disposition[]>();
  for (const task of tasks) {
    const dispositions = 'dispositions' in task ? task.dispositions : taskDispositions(task);
    bySystem.set(task.systemId, [...(bySystem.get(task.systemId) ?? []), ...dispositions]);
  }
  return [...bySystem].flatMap(([id, dispositions]) => {
    const system = systems.system(id);
    return system && dispositions.some((disposition) => CHANGING_KINDS.includes(disposition.kind)) ? [{ id, system, dispositions }] : [];
  });
}
