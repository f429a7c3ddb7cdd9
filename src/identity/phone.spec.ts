import { phoneSpellings, samePhone, toE164 } from './phone';

describe('toE164', () => {
  it.each(['+47 912 34 567', '0047 91234567', '912 34 567', '91234567', '+4791234567'])('reads %s as the Norwegian mobile +4791234567', (text) => {
    expect(toE164(text)).toBe('+4791234567');
  });

  it('keeps a foreign number foreign', () => {
    expect(toE164('+46 70 123 45 67')).toBe('+46701234567');
  });

  it.each(['', '   ', 'not a number', '123', '9123456789012345'])('gives null for %j', (text) => {
    expect(toE164(text)).toBeNull();
  });
});

describe('samePhone', () => {
  it('matches one number written two ways', () => {
    expect(samePhone('+47 912 34 567', '0047 91234567')).toBe(true);
  });

  it('never matches a different number, or text that is not a number', () => {
    expect(samePhone('912 34 567', '912 34 568')).toBe(false);
    expect(samePhone('abc', 'abc')).toBe(false);
  });
});

describe('phoneSpellings', () => {
  it('lists the common ways to write a Norwegian mobile, all the same number', () => {
    const spellings = phoneSpellings('0047 912 34 567');
    expect(spellings).toEqual(
      expect.arrayContaining([
        '+4791234567',
        '004791234567',
        '91234567',
        '912 34 567',
        '91 23 45 67',
        '+47 912 34 567',
        '+47 91234567',
        '0047 912 34 567',
        '0047 91234567',
      ]),
    );
    expect(new Set(spellings).size).toBe(spellings.length);
    for (const spelling of spellings) expect(toE164(spelling)).toBe('+4791234567');
  });

  it('writes a foreign number only with its country code', () => {
    const spellings = phoneSpellings('+46 70 123 45 67');
    expect(spellings).toEqual(expect.arrayContaining(['+46701234567', '0046701234567', '+46 70 123 45 67']));
    expect(spellings.some((spelling) => !/^(\+|00)46/.test(spelling))).toBe(false);
  });

  it.each(['', 'not a number', '123', '+47 912 34 5670'])('gives nothing to search for %j', (text) => {
    expect(phoneSpellings(text)).toEqual([]);
  });
});
