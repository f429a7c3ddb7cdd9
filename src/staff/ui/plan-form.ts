import { KEEP_BASES } from '../../common/dispositions/disposition';
import { isIsoDate } from '../../common/iso-date';
import { PLAN_ACTIONS } from '../../connectors/connector';
import type { FormCheck } from './form-rules';
import type { PlanCopy } from './pages/plan-copy';

/** The plan form of one record, read and checked with messages in the page's language; the
 *  service checks the same again (plan-decision.ts) for the REST API. */
export function readPlanForm(check: FormCheck, copy: PlanCopy): Record<string, unknown> {
  const action = check.oneOf('action', PLAN_ACTIONS);
  const restrict = check.raw('restrict') === 'on';
  const basis = check.oneOf('basis', KEEP_BASES, action !== 'keep');
  const law = check.text('law', 2, 300, true);
  const claim = check.text('claim', 2, 300, true);
  const until = check.raw('until');
  const criterion = check.text('criterion', 2, 300, true);
  const allowedUse = check.text('allowedUse', 2, 300, true);
  if (action !== 'keep') return { action };
  if (basis === 'legal_obligation' && !law) check.fail('law', copy.errors.law);
  if (basis === 'legal_claims' && !claim) check.fail('claim', copy.errors.claim);
  if ((until && !isIsoDate(until)) || (!until && !criterion)) check.fail('until', copy.errors.until);
  if (!allowedUse) check.fail('allowedUse', copy.errors.allowedUse);
  return {
    action,
    keep: { basis, law: law || undefined, claim: claim || undefined, until: until || undefined, criterion: criterion || undefined, allowedUse, restrict },
  };
}
