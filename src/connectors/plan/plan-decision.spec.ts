import { DomainError } from '../../common/domain-error';
import { planDecision } from './plan-decision';

const problem = (body: unknown, fields: string[] | null = null) => {
  try {
    planDecision(body, fields);
  } catch (error) {
    return (error as DomainError).details?.[0];
  }
  return null;
};

describe('planDecision (a handler decides one record of the plan)', () => {
  it('keeps a ticket for a legal claim with its claim, criterion, use and restriction', () => {
    expect(
      planDecision(
        {
          action: 'keep',
          keep: {
            basis: 'legal_claims',
            claim: ' payment dispute over invoice 1042 ',
            criterion: 'until the dispute is settled',
            allowedUse: 'legal_claims',
            restrict: true,
          },
        },
        null,
      ),
    ).toEqual({
      action: 'keep',
      keep: {
        basis: 'legal_claims',
        claim: 'payment dispute over invoice 1042',
        criterion: 'until the dispute is settled',
        allowedUse: 'legal_claims',
        restrict: true,
      },
      fields: null,
    });
  });

  it('names the field that is wrong', () => {
    expect(problem({ action: 'shred' })?.field).toBe('action');
    expect(problem({ action: 'keep' })?.field).toBe('keep');
    expect(problem({ action: 'keep', keep: { basis: 'because' } })?.field).toBe('keep.basis');
    expect(problem({ action: 'keep', keep: { basis: 'legal_obligation', until: '2030-12-31', allowedUse: 'x' } })?.field).toBe('keep.law');
    expect(problem({ action: 'keep', keep: { basis: 'legal_claims', until: '2030-12-31', allowedUse: 'x' } })?.field).toBe('keep.claim');
    expect(problem({ action: 'keep', keep: { basis: 'legal_claims', claim: 'c', allowedUse: 'x' } })?.field).toBe('keep.until');
    expect(problem({ action: 'keep', keep: { basis: 'legal_claims', claim: 'c', until: '31.12.2030', allowedUse: 'x' } })?.field).toBe('keep.until');
    expect(problem({ action: 'keep', keep: { basis: 'legal_claims', claim: 'c', until: '2030-12-31' } })?.field).toBe('keep.allowedUse');
    expect(problem({ action: 'restrict', fields: ['notes'] }, ['phone'])?.field).toBe('fields');
  });

  it('accepts a change of action without keep, and fields the record has', () => {
    expect(planDecision({ action: 'restrict', fields: ['phone'] }, ['phone', 'notes'])).toEqual({ action: 'restrict', keep: null, fields: ['phone'] });
  });
});
