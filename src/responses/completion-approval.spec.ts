import type { EntityManager } from 'typeorm';
import type { CaseEntity } from '../cases/case.entity';
import { DomainError } from '../common/domain-error';
import { CasePlanItemEntity } from '../connectors/plan/case-plan-item.entity';
import { recordSetFingerprint } from '../connectors/records/record-fingerprint';
import { STAFF_COPY } from '../staff/ui/pages/staff-copy';
import { refusalText } from '../staff/ui/refusal-text';
import { assertApproved } from './completion-approval';

/** A manager that answers the reads the gate makes: the actionable records (no plan) and the latest approval. */
const managerWith = (records: Array<{ systemId: string; externalId: string }>, fingerprint: string | null) =>
  ({
    find: (target: unknown) => Promise.resolve(target === CasePlanItemEntity ? [] : records),
    findOne: () => Promise.resolve(fingerprint === null ? null : { fingerprint }),
  }) as unknown as EntityManager;

const entity = (approvedAt: Date | null, type = 'erasure') => ({ id: 'c1', type, approvedAt }) as CaseEntity;
const refusal = async (promise: Promise<void>) => promise.then(() => null).catch((error: DomainError) => error);

describe('completion waits for a current approval', () => {
  const records = [{ systemId: 'zendesk', externalId: '42' }];

  it('refuses an unapproved case of a type under approval with approval_required, worded on the staff page in nb and en', async () => {
    const error = await refusal(assertApproved(managerWith(records, null), entity(null), true));
    expect(error).toBeInstanceOf(DomainError);
    expect(error?.refusal?.code).toBe('approval_required');
    expect(refusalText(error!, STAFF_COPY.nb)).toContain('må godkjennes');
    expect(refusalText(error!, STAFF_COPY.en)).toContain('must be approved');
  });

  it('refuses when the records changed since the approval, and passes when it covers them or no approval is needed', async () => {
    expect((await refusal(assertApproved(managerWith(records, recordSetFingerprint([])), entity(new Date()), true)))?.message).toContain('changed');
    expect(await refusal(assertApproved(managerWith(records, recordSetFingerprint(records)), entity(new Date()), true))).toBeNull();
    expect(await refusal(assertApproved(managerWith(records, null), entity(null), false))).toBeNull();
    // An objection never waits for approval, whatever the policy lists (fan-out does not either).
    expect(await refusal(assertApproved(managerWith(records, null), entity(null, 'objection'), true))).toBeNull();
  });
});
