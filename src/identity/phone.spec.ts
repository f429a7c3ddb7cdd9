import { samePhone, toE164 } from './phone';

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
