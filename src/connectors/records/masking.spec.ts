import { maskIdentifier } from './masking';
import { contactsOf, heldEvidence, promotable, recordHolds } from './record-holds';
import { recordSetFingerprint } from './record-fingerprint';

describe('masked evidence', () => {
  it.each([
    ['phone', '912 34 567', '+47 ••• •• 567'],
    ['phone', '0047 91234567', '+47 ••• •• 567'],
    ['email', 'Kari.Nordmann@Example.no', 'k•••@example.no'],
    ['customer_number', '10001', '•••01'],
    ['name', 'Kari Nordmann', 'K••• N•••'],
  ])('shows a %s %j as %j', (kind, value, masked) => {
    expect(maskIdentifier(kind, value)).toBe(masked);
  });

  it('masks what a record holds, and keeps its contacts whole (never shown) in E.164', () => {
    const holds = { emails: ['Kari.Nordmann@example.no'], phones: ['+47 912 34 567'], customerNumbers: ['10001'] };
    expect(heldEvidence(holds)).toEqual([
      { kind: 'email', value: 'k•••@example.no' },
      { kind: 'phone', value: '+47 ••• •• 567' },
      { kind: 'customer_number', value: '•••01' },
    ]);
    expect(contactsOf(holds)).toEqual({ emails: ['kari.nordmann@example.no'], phones: ['+4791234567'] });
  });
});

describe('what a record holds', () => {
  const holds = { emails: ['kari@example.no'], phones: ['+4791234567'], customerNumbers: ['10001'] };

  it('compares e-mail without case, phones as one number, customer numbers exactly', () => {
    expect(recordHolds(holds, { kind: 'email', value: 'KARI@example.no' })).toBe(true);
    expect(recordHolds(holds, { kind: 'email', value: 'kari+x@example.no' })).toBe(false);
    expect(recordHolds(holds, { kind: 'phone', value: '0047 912 34 567' })).toBe(true);
    expect(recordHolds(holds, { kind: 'phone', value: '+4791234568' })).toBe(false);
    expect(recordHolds(holds, { kind: 'customer_number', value: '10001' })).toBe(true);
    expect(recordHolds(holds, { kind: 'customer_number', value: '1000' })).toBe(false);
    expect(recordHolds(undefined, { kind: 'email', value: 'kari@example.no' })).toBe(false);
  });

  it("lends a matched record's e-mail, phone and customer number to the case, never a name", () => {
    const claimed = [
      { id: 'p', kind: 'phone' as const, value: '+4791234567', given: '912 34 567' },
      { id: 'c', kind: 'customer_number' as const, value: '99999', given: '99999' },
      { id: 'n', kind: 'name' as const, value: 'Kari', given: 'Kari' },
    ];
    expect(promotable({ externalId: '1', kind: 'contact', holds: { ...holds, names: ['Kari'] } }, claimed)).toEqual(['p']);
  });
});

describe('record set fingerprint', () => {
  it('is the same set in any order, and another set is another fingerprint', () => {
    const a = { systemId: 'visma', externalId: '1' };
    const b = { systemId: 'hubspot', externalId: '7' };
    expect(recordSetFingerprint([a, b])).toBe(recordSetFingerprint([b, a]));
    expect(recordSetFingerprint([a])).not.toBe(recordSetFingerprint([a, b]));
  });
});
