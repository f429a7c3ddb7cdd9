import type { RecipientTaskView } from '../../responses/notices/recipient-tasks.service';
import type { StaffCopy } from './pages/staff-copy';
import { fillWithDates, shownInstant, type DateStyle } from './shown-date';

/** The case page's "tell X by other means" section (Art 19): each recipient with its state, and
 *  for an open one the forms to record how it was told or why it is waived. */
/** A posted form's input or problems, by form name then field (as the case page keeps them). */
type ByForm = Record<string, Record<string, string>>;

export function recipientTasksView(input: {
  tasks: RecipientTaskView[];
  copy: StaffCopy;
  /** A case worker on an open case may settle them. */
  maySettle: boolean;
  who: (actor: string) => string;
  dates: DateStyle;
  /** The task whose form was posted, with its input and problems. */
  postedId?: string;
  values: ByForm;
  errors: ByForm;
}) {
  const { copy } = input;
  return input.tasks.map((task) => ({
    id: task.id,
    recipient: task.recipient,
    system: task.systemName,
    status: task.status,
    statusLabel: copy.recipientTasks.status[task.status] ?? task.status,
    settled:
      task.status !== 'open' && task.settledAt
        ? fillWithDates(copy.recipientTasks.settled, {
            note: task.note ?? '',
            who: input.who(task.settledBy ?? 'system'),
            at: shownInstant(task.settledAt, input.dates),
          })
        : '',
    canSettle: input.maySettle && task.status === 'open',
    form:
      input.postedId === task.id
        ? {
            values: { ...input.values.recipientDone, ...input.values.recipientWaive },
            errors: { ...input.errors.recipientDone, ...input.errors.recipientWaive },
          }
        : { values: {}, errors: {} },
  }));
}
