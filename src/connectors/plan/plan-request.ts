import { DateTime } from 'luxon';
import type { CaseEntity } from '../../cases/case.entity';
import type { PlanRequest } from '../connector';
import { changesFrom, contestedFields } from '../fanout/fanout-plan';

/** The request types that run in two phases: discover and review the plan, then execute it. */
const PLAN_ACTIONS: Record<string, PlanRequest['action']> = { erasure: 'erase', restriction: 'restrict', rectification: 'rectify' };

export function isPlanned(type: string): boolean {
  return type in PLAN_ACTIONS;
}

/** What `survey` and `execute` are told about the case. */
export function planRequestOf(entity: Pick<CaseEntity, 'type' | 'details' | 'reference'>, now: Date, timeZone: string): PlanRequest {
  const action = PLAN_ACTIONS[entity.type];
  const today = DateTime.fromJSDate(now).setZone(timeZone).toISODate() as string;
  return {
    action,
    reference: entity.reference,
    today,
    ...(action === 'rectify' ? { changes: changesFrom(entity.details) } : {}),
    ...(action === 'restrict' && contestedFields(entity.details).length ? { contested: contestedFields(entity.details) } : {}),
  };
}
