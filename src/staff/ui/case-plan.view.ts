import { KEEP_BASES } from '../../common/dispositions/disposition';
import { PLAN_ACTIONS } from '../../connectors/connector';
import { textOr } from '../../connectors/outcome-summary';
import type { PlanItemJson, PlanJson } from '../../connectors/plan/plan-json';
import { keepWordsIn } from '../../connectors/plan/plan-texts';
import { USE_WORDS } from '../../responses/letters/outcome-words';
import type { PlanCopy } from './pages/plan-copy';
import { fillWithDates, shownDay, shownInstant, type DateStyle } from './shown-date';

/** The case page's plan section: per system each record with its proposal and decision, and for a
 *  case worker on an open case a compact form per record to keep it (with the basis) or change the action. */
export function casePlanView(input: {
  plan: PlanJson;
  copy: PlanCopy;
  /** A system's name in the staff member's language (the plan's JSON has the data map's plain name). */
  systemName: (id: string) => string;
  mayDecide: boolean;
  dates: DateStyle;
  postedItemId?: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { copy, plan } = input;
  return {
    show: plan.planned && plan.systems.length > 0,
    copy,
    approval: plan.approvedAt ? (plan.approvalCurrent ? copy.approvalCurrent : copy.approvalStale) : '',
    changed: plan.systems.some((system) => system.changed),
    systems: plan.systems.map((system) => ({
      name: input.systemName(system.system),
      system: system.system,
      status: system.status,
      statusLabel: copy.status[system.status] ?? system.status,
      surveyedAt: system.surveyedAt ? fillWithDates(copy.surveyedAt, { at: shownInstant(system.surveyedAt, input.dates) }) : '',
      error: textOr(system.errorText, system.error, input.dates.language) ?? '',
      whole: system.status === 'whole',
      items: system.items.map((item) => itemView(item, input)),
    })),
  };
}

function itemView(item: PlanItemJson, input: Parameters<typeof casePlanView>[0]) {
  const { copy } = input;
  const language = input.dates.language;
  const posted = input.postedItemId === item.id;
  const values = posted ? input.values : formValues(item);
  return {
    id: item.id,
    label: textOr(item.labelText, item.label, input.dates.language),
    recordType: item.recordType,
    proposed: item.proposed,
    proposedLabel: copy.action[item.proposed] ?? item.proposed,
    action: item.action,
    actionLabel: copy.action[item.action] ?? item.action,
    changedByHandler: item.action !== item.proposed || Boolean(item.decidedBy),
    note: textOr(item.noteText, item.note, input.dates.language) ?? '',
    change: item.change ? (copy.change[item.change] ?? item.change) : '',
    kept: item.keep
      ? fillWithDates(copy.keptText, {
          basis: copy.basis[item.keep.basis] ?? item.keep.basis,
          named: item.keep.law || item.keep.claim ? ` – ${keepWordsIn(item.keep.law ?? item.keep.claim ?? '', language)}` : '',
          until: item.keep.until ? shownDay(item.keep.until, input.dates) : keepWordsIn(item.keep.criterion ?? '', language),
          // A use chosen from the list reads as a phrase of its own ("used only …"); typed words get the label.
          use: (USE_WORDS[language] as Record<string, string>)[item.keep.allowedUse] ?? `${copy.useLabel}${keepWordsIn(item.keep.allowedUse, language)}`,
          restricted: item.keep.restrict ? copy.restrictedSuffix : '',
        })
      : '',
    canDecide: input.mayDecide && item.change !== 'gone',
    open: posted,
    actions: PLAN_ACTIONS.map((action) => ({ value: action, label: copy.action[action], selected: values.action === action })),
    bases: KEEP_BASES.map((basis) => ({ value: basis, label: copy.basis[basis], selected: values.basis === basis })),
    values,
    restrictChecked: values.restrict === 'on',
    // The service names nested fields "keep.claim"; the form's fields are flat.
    errors: posted ? Object.fromEntries(Object.entries(input.errors).map(([field, problem]) => [field.replace(/^keep\./, ''), problem])) : {},
  };
}

/** The form as the record stands: its decided action and keep decision. */
function formValues(item: PlanItemJson): Record<string, string> {
  const keep = item.keep;
  return {
    action: item.action,
    basis: keep?.basis ?? '',
    law: keep?.law ?? '',
    claim: keep?.claim ?? '',
    until: keep?.until ?? '',
    criterion: keep?.criterion ?? '',
    allowedUse: keep?.allowedUse ?? '',
    restrict: keep?.restrict ? 'on' : '',
  };
}
