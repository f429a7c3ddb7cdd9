import type { SystemEntry } from '../../systems/data-map.schema';
import { processorControllers, type ProcessorController } from '../../systems/processor-controllers';

/** One controller a request went to, as the task's outcome keeps it (`forwards`). */
export interface ForwardedTo {
  controllerId: string;
  name: string;
  contact: string;
  /** The day it was sent, as the company counts days. */
  at: string;
}

/**
 * Who gets the request without asking anyone: the only controller the system serves, or the one the
 * person named (`details.controller`). Otherwise nobody yet — a handler picks; sending it to every
 * listed controller would disclose the request to companies it has nothing to do with.
 */
export function controllersFor(system: SystemEntry, details: Record<string, unknown>): ProcessorController[] {
  const controllers = processorControllers(system);
  if (controllers.length === 1) return controllers;
  const named = typeof details.controller === 'string' ? controllers.find((controller) => controller.id === details.controller) : undefined;
  return named ? [named] : [];
}

export function forwardedList(outcome: Record<string, unknown> | null): ForwardedTo[] {
  const forwards = outcome?.forwards;
  return Array.isArray(forwards) ? (forwards as ForwardedTo[]) : [];
}
