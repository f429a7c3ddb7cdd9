import type { CaseTaskJson } from '../../cases/case-json';
import type { CaseTaskEntity } from './case-task.entity';

/** A task as the case JSON shows it (README "API overview"): `{id, system, action, status, outcome?, error?, errorText?}`. */
export function toTaskJson(task: CaseTaskEntity): CaseTaskJson & { attempts: number; updatedAt: string } {
  return {
    id: task.id,
    system: task.systemId,
    action: task.action,
    status: task.status,
    ...(task.outcome ? { outcome: task.outcome } : {}),
    ...(task.error ? { error: task.error } : {}),
    ...(task.error && task.errorText ? { errorText: task.errorText } : {}),
    attempts: task.attempts,
    updatedAt: task.updatedAt.toISOString(),
  };
}
