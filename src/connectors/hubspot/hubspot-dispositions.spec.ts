import { dispositionProblems } from '../../common/dispositions/disposition.schema';
import { CONTACT_NOT_FOUND, exportDispositions, objectionDispositions, restrictionHow } from './hubspot-dispositions';

describe('HubSpot dispositions', () => {
  it('disclose contacts and subscription statuses, opt-outs kept by address counted with them', () => {
    const list = exportDispositions({ contacts: 1, subscriptionStatuses: 6, suppressions: 1 });
    expect(list).toEqual([
      { kind: 'disclosed', what: 'contact', count: 1 },
      { kind: 'disclosed', what: 'marketing-subscription', count: 7 },
    ]);
    expect(dispositionProblems(list)).toEqual([]);
    expect(exportDispositions({ contacts: 0, subscriptionStatuses: 0, suppressions: 0 })).toEqual([{ kind: 'not_held', reason: 'not_found' }]);
  });

  it('disclose marketing e-mail events, form submissions and earlier values, each in its own words', () => {
    const list = exportDispositions({ contacts: 1, subscriptionStatuses: 0, suppressions: 0, emailEvents: 4, formSubmissions: 2, earlierValues: 3 });
    expect(list).toEqual([
      { kind: 'disclosed', what: 'contact', count: 1 },
      { kind: 'disclosed', what: 'marketing-activity', count: 4 },
      { kind: 'disclosed', what: 'form-submission', count: 2 },
      { kind: 'disclosed', what: 'earlier-value', count: 3 },
    ]);
    expect(dispositionProblems(list)).toEqual([]);
    // E-mail events kept by an address without a contact are data held too.
    expect(exportDispositions({ contacts: 0, subscriptionStatuses: 0, suppressions: 0, emailEvents: 1 })).toEqual([
      { kind: 'disclosed', what: 'marketing-activity', count: 1 },
    ]);
  });

  it('suppress exactly the channels opted out, never claiming only a minimal entry is kept', () => {
    const list = objectionDispositions(['EMAIL'], 1);
    expect(list).toEqual([{ kind: 'suppressed', what: 'marketing-subscription', channels: ['email'], minimalEntryOnly: false }]);
    expect(objectionDispositions(['EMAIL', 'SMS', 'EMAIL'], 2)).toEqual([
      { kind: 'suppressed', what: 'marketing-subscription', channels: ['email', 'sms'], minimalEntryOnly: false },
    ]);
    expect(dispositionProblems(list)).toEqual([]);
  });

  it('say the contact was not found beside an opt-out kept by address, and only that when nothing was opted out', () => {
    expect(objectionDispositions(['EMAIL'], 0)).toEqual([
      CONTACT_NOT_FOUND,
      { kind: 'suppressed', what: 'marketing-subscription', channels: ['email'], minimalEntryOnly: false },
    ]);
    expect(objectionDispositions([], 0)).toEqual([CONTACT_NOT_FOUND]);
  });

  it('name a WhatsApp opt-out as such', () => {
    expect(objectionDispositions(['WHATSAPP'], 1)).toEqual([
      { kind: 'suppressed', what: 'marketing-subscription', channels: ['whatsapp'], minimalEntryOnly: false },
    ]);
  });

  it('add phone and post where the do-not-call and do-not-mail flags were set, after the opted-out channels', () => {
    const list = objectionDispositions(['EMAIL', 'SMS'], 1, ['phone', 'post']);
    expect(list).toEqual([{ kind: 'suppressed', what: 'marketing-subscription', channels: ['email', 'sms', 'phone', 'post'], minimalEntryOnly: false }]);
    expect(dispositionProblems(list)).toEqual([]);
  });

  it('word a processing restriction by the property that carries it', () => {
    expect(restrictionHow('gdpr_restricted')).toBe('marked with the HubSpot property "gdpr_restricted" set to true');
  });
});
