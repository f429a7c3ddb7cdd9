import { systemSchema } from './data-map.schema';
import { contactedRecipients, uncontactedRecipients } from './art19-recipients';

const system = (extra: Record<string, unknown>) =>
  systemSchema.parse({
    id: 'accounting',
    name: 'Accounting',
    connector: 'manual',
    owner: 'owner@example.no',
    categories: ['invoices'],
    purposes: ['bookkeeping'],
    legalBasis: 'GDPR art. 6(1)(c)',
    retention: { period: 'P5Y' },
    ...extra,
  });

describe('recipients in the data map', () => {
  it('keeps the text form with recipientContacts valid, and reads "(…, on request)" as an authority', () => {
    const parsed = system({
      recipients: ['Revisor AS (auditor)', 'Skatteetaten (tax authority, on request)', 'Inkasso Nord AS (debt collection)'],
      recipientContacts: [{ name: 'Revisor AS', email: 'revisjon@revisor.example' }],
    });
    expect(parsed.recipients).toEqual(['Revisor AS (auditor)', 'Inkasso Nord AS (debt collection)']);
    expect(parsed.recipientList).toEqual([
      { name: 'Revisor AS', text: 'Revisor AS (auditor)', texts: 'Revisor AS (auditor)', kind: 'recipient', email: 'revisjon@revisor.example' },
      {
        name: 'Skatteetaten',
        text: 'Skatteetaten (tax authority, on request)',
        texts: 'Skatteetaten (tax authority, on request)',
        kind: 'authority-on-request',
      },
      { name: 'Inkasso Nord AS', text: 'Inkasso Nord AS (debt collection)', texts: 'Inkasso Nord AS (debt collection)', kind: 'recipient' },
    ]);
    expect(uncontactedRecipients(parsed)).toEqual(['Inkasso Nord AS (debt collection)']);
    expect(contactedRecipients(parsed)).toEqual([{ name: 'Revisor AS', email: 'revisjon@revisor.example' }]);
  });

  it('takes entries with name, role, e-mail, kind and language; an authority on request is no recipient and gets no notice', () => {
    const parsed = system({
      recipients: [
        { name: 'Regnskap Nord AS', role: 'accounting firm', email: 'personvern@regnskapnord.example', language: 'nb' },
        { name: 'Skatteetaten', kind: 'authority-on-request', email: 'post@skatteetaten.example' },
        { name: 'Carrier AS' },
      ],
    });
    expect(parsed.recipients).toEqual(['Regnskap Nord AS (accounting firm)', 'Carrier AS']);
    expect(contactedRecipients(parsed)).toEqual([{ name: 'Regnskap Nord AS', email: 'personvern@regnskapnord.example', language: 'nb' }]);
    expect(uncontactedRecipients(parsed)).toEqual(['Carrier AS']);
  });

  it('refuses an unknown kind or a bad address, naming the field', () => {
    const bad = systemSchema.safeParse({
      id: 'x',
      name: 'X',
      connector: 'manual',
      owner: 'owner@example.no',
      categories: ['c'],
      purposes: ['p'],
      legalBasis: 'b',
      retention: { period: 'P1Y' },
      recipients: [
        { name: 'A', kind: 'friend' },
        { name: 'B', email: 'not-an-address' },
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['recipients.0.kind', 'recipients.1.email']));
  });

  it('a processor-role system has no recipients of its own to notify', () => {
    const parsed = system({
      role: 'processor',
      controllerName: 'Customer AS',
      controllerContact: 'privacy@customer.example',
      recipients: [{ name: 'Revisor AS', email: 'revisjon@revisor.example' }, 'Carrier AS'],
    });
    expect(contactedRecipients(parsed)).toEqual([]);
    expect(uncontactedRecipients(parsed)).toEqual([]);
  });
});
