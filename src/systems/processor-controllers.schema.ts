import { z, type RefinementCtx } from 'zod';
import { LANGUAGES } from '../common/case-types';

/** The language the e-mails to an outside party (a controller, a processor) are written in; nb,
 *  the company's language, when the data map gives none. */
export const partyLanguage = z.enum(LANGUAGES).optional();

/**
 * The controllers a processor-role system works for (Art 28). One controller is written as
 * `controllerName` + `controllerContact`; a platform serving many (web shops on one shop system)
 * lists them under `controllers`, and `controllerLookup` says how the right one for a request is
 * found: `named` — the person names it (the public form then offers the list); `handler` — a
 * handler picks it on the case page. A request is never forwarded to every listed controller.
 */
export const processorController = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes (it is used in e-mail keys)'),
    name: z.string().min(1),
    contact: z.string().email('must be an e-mail address'),
    language: partyLanguage,
  })
  .strict();

export const CONTROLLER_LOOKUPS = ['named', 'handler'] as const;
export type ControllerLookup = (typeof CONTROLLER_LOOKUPS)[number];

export const processorControllerFields = {
  /** The language of the single controller's forwards (`controllerName` + `controllerContact`). */
  controllerLanguage: partyLanguage,
  controllers: z.array(processorController).optional(),
  controllerLookup: z.enum(CONTROLLER_LOOKUPS).default('named'),
};

export type ProcessorController = z.infer<typeof processorController>;

interface ProcessorFields {
  role: 'controller' | 'processor';
  controllerName?: string;
  controllerContact?: string;
  controllers?: ProcessorController[];
}

export function checkProcessorControllers(system: ProcessorFields, ctx: RefinementCtx): void {
  if (system.role !== 'processor') {
    if (system.controllers?.length) {
      ctx.addIssue({ code: 'custom', path: ['controllers'], message: 'only a processor-role system lists controllers' });
    }
    return;
  }
  const single = Boolean(system.controllerName && system.controllerContact);
  const listed = system.controllers?.length ?? 0;
  if (!single && !listed) {
    ctx.addIssue({
      code: 'custom',
      path: ['controllerContact'],
      message: 'a processor-role system needs controllerName and controllerContact, or a list of controllers (requests are forwarded there)',
    });
  }
  if (single && listed) {
    ctx.addIssue({ code: 'custom', path: ['controllers'], message: 'give either controllerName/controllerContact or controllers, not both' });
  }
  const seen = new Set<string>();
  system.controllers?.forEach((controller, index) => {
    if (seen.has(controller.id)) ctx.addIssue({ code: 'custom', path: ['controllers', index, 'id'], message: `"${controller.id}" is used twice` });
    seen.add(controller.id);
  });
}
