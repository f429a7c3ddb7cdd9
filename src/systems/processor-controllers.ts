import type { SystemEntry } from './data-map.schema';
import type { ProcessorController } from './processor-controllers.schema';

export type { ProcessorController } from './processor-controllers.schema';

/** The id a single `controllerName`/`controllerContact` controller goes by. */
export const SINGLE_CONTROLLER_ID = 'controller';

/** The controllers of a processor-role system, one list whichever way the data map wrote them. */
export function processorControllers(system: SystemEntry): ProcessorController[] {
  if (system.role !== 'processor') return [];
  if (system.controllers?.length) return system.controllers;
  if (system.controllerName && system.controllerContact) {
    return [{ id: SINGLE_CONTROLLER_ID, name: system.controllerName, contact: system.controllerContact, language: system.controllerLanguage }];
  }
  return [];
}

/** Controller ids a requester may name (`details.controller`): those of processor systems that
 *  serve more than one controller. Empty when no system does (the form then shows no choice). */
export function nameableControllers(systems: SystemEntry[]): ProcessorController[] {
  const seen = new Map<string, ProcessorController>();
  for (const system of systems) {
    const controllers = processorControllers(system);
    if (controllers.length < 2) continue;
    for (const controller of controllers) if (!seen.has(controller.id)) seen.set(controller.id, controller);
  }
  return [...seen.values()];
}
