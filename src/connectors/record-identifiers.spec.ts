import { inScope, recordIdentifiers } from './record-identifiers';

describe('recordIdentifiers', () => {
  it('lower-cases e-mails, writes phones in E.164 and drops what is blank, repeated or not a number', () => {
    expect(
      recordIdentifiers({
        emails: [' Kari@Example.NO ', 'kari@example.no', '', null],
        phones: ['912 34 567', '0047 91234567', 'ring sentralbordet', '123', undefined],
        customerNumbers: [' 10001 '],
        names: ['Kari   Nordmann'],
        addresses: ['  '],
      }),
    ).toEqual({ emails: ['kari@example.no'], phones: ['+4791234567'], customerNumbers: ['10001'], names: ['Kari Nordmann'] });
  });

  it('keeps a "+tag" address as its own address', () => {
    expect(recordIdentifiers({ emails: ['kari+shop@example.no', 'kari@example.no'] }).emails).toEqual(['kari+shop@example.no', 'kari@example.no']);
  });
});

describe('inScope', () => {
  it('lets every record through without a list, only listed ones with one, and none with an empty one', () => {
    expect(inScope({}, '7')).toBe(true);
    expect(inScope({ onlyRecords: ['7'] }, '7')).toBe(true);
    expect(inScope({ onlyRecords: ['7'] }, '70')).toBe(false);
    expect(inScope({ onlyRecords: [] }, '7')).toBe(false);
  });
});
