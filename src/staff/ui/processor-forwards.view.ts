import { fill, type StaffCopy } from './pages/staff-copy';

/** A forward task as the case page gets it (from the case's task list). */
interface ForwardTask {
  id: string;
  systemId: string;
  action: string;
  status: string;
  outcome: Record<string, unknown> | null;
}

/** A posted form's input or problems, by form name then field (as the case page keeps them). */
type ByForm = Record<string, Record<string, string>>;

/** The form name of one system's choice (one form per waiting processor system). */
export const processorForwardForm = (systemId: string) => `forward-${systemId}`;

/**
 * The case page's "forward to which controller" section: each processor system that serves several
 * controllers, where the request named none, with the listed controllers to pick from.
 */
export function processorForwardsView(input: {
  tasks: ForwardTask[];
  systemName: (id: string) => string;
  copy: StaffCopy;
  /** A case worker on an open case may choose. */
  mayChoose: boolean;
  values: ByForm;
  errors: ByForm;
}) {
  if (!input.mayChoose) return [];
  return input.tasks
    .filter((task) => task.action === 'forward' && task.status === 'manual' && task.outcome?.awaiting === 'controller_choice')
    .map((task) => {
      const form = processorForwardForm(task.systemId);
      const chosen = input.values[form]?.controllerId;
      const controllers = (task.outcome?.controllers ?? []) as Array<{ id: string; name: string }>;
      return {
        systemId: task.systemId,
        lead: fill(input.copy.processorForwards.lead, { system: input.systemName(task.systemId) }),
        controllers: controllers.map((controller) => ({ ...controller, selected: controller.id === chosen })),
        error: input.errors[form]?.controllerId ?? '',
      };
    });
}
