import { dispositionProblems } from '../../common/dispositions/disposition.schema';
import { exportDispositions, restrictionHow } from './zendesk-dispositions';
import { erasureDispositions } from './zendesk-erasure';

describe('Zendesk dispositions', () => {
  it('disclose the user, tickets and comments an export hands over', () => {
    const list = exportDispositions({ users: 1, tickets: 5, comments: 12 });
    expect(list).toEqual([
      { kind: 'disclosed', what: 'user', count: 1 },
      { kind: 'disclosed', what: 'ticket', count: 5 },
      { kind: 'disclosed', what: 'ticket-comment', count: 12 },
    ]);
    expect(dispositionProblems(list)).toEqual([]);
  });

  it('say nothing was found when no user matched, and no ticket line when there were none', () => {
    expect(exportDispositions({ users: 0, tickets: 0, comments: 0 })).toEqual([{ kind: 'not_held', reason: 'not_found' }]);
    expect(exportDispositions({ users: 1, tickets: 0, comments: 0 })).toEqual([{ kind: 'disclosed', what: 'user', count: 1 }]);
  });

  it('erase the user and deleted tickets, and anonymise redacted comments', () => {
    const list = erasureDispositions([
      { userId: 1, result: 'erased', redactedComments: 3, deletedTickets: 0, compliance: { userId: 1, statuses: [] } },
      { userId: 2, result: 'erased', redactedComments: 1, deletedTickets: 2, compliance: { userId: 2, statuses: [] } },
    ]);
    expect(list).toEqual([
      { kind: 'erased', what: 'user', count: 2 },
      { kind: 'anonymised', what: 'ticket-comment', count: 4 },
      { kind: 'erased', what: 'ticket', count: 2 },
    ]);
    expect(dispositionProblems(list)).toEqual([]);
  });

  it('state a user Zendesk would not delete as failed, after what was done before it stopped', () => {
    const list = erasureDispositions([
      { userId: 1, result: 'blocked', redactedComments: 2, deletedTickets: 0, openTicketIds: [7] },
      { userId: 2, result: 'soft_deleted_only', redactedComments: 0, deletedTickets: 0, reason: 'HTTP 500' },
    ]);
    expect(list).toEqual([
      { kind: 'anonymised', what: 'ticket-comment', count: 2 },
      { kind: 'failed', what: 'user', reason: 'Zendesk does not delete a user who still has tickets that are not closed' },
      { kind: 'failed', what: 'user', reason: 'the user was deactivated, but Zendesk did not complete the permanent deletion' },
    ]);
    expect(list.some((item) => item.kind === 'erased')).toBe(false);
    expect(dispositionProblems(list)).toEqual([]);
  });

  it('word a restriction by the tag that carries it', () => {
    expect(restrictionHow('marketing', 'gdpr-no-marketing')).toBe(
      'tagged "gdpr-no-marketing" in Zendesk, with a note telling agents not to use it for marketing',
    );
    expect(restrictionHow('processing', 'gdpr-restricted')).toContain('store it only');
  });
});
