import { passwordProblem } from './password-policy';

describe('staff password rules (NIST 800-63B)', () => {
  it('asks for 12 to 128 characters, counting what was typed', () => {
    expect(passwordProblem('short one', 'a@example.no')).toBe('tooShort');
    expect(passwordProblem('😀'.repeat(11) + 'x', 'a@example.no')).toBeNull();
    expect(passwordProblem('x'.repeat(129), 'a@example.no')).toBe('tooLong');
  });

  it('refuses common and breached passwords, repeated ones and a single repeated character', () => {
    expect(passwordProblem('qwerty123456', 'a@example.no')).toBe('common');
    expect(passwordProblem('QWERTY123456', 'a@example.no')).toBe('common');
    expect(passwordProblem('passwordpassword', 'a@example.no')).toBe('common');
    expect(passwordProblem('aaaaaaaaaaaaaaa', 'a@example.no')).toBe('common');
  });

  it('refuses a password holding the e-mail address or its name part', () => {
    expect(passwordProblem('kari.nordmann@example.no', 'kari.nordmann@example.no')).toBe('containsEmail');
    expect(passwordProblem('my kari.nordmann secret', 'Kari.Nordmann@example.no')).toBe('containsEmail');
  });

  it('accepts a long passphrase with no composition rules', () => {
    expect(passwordProblem('tre blå hester i snøen', 'kari@example.no')).toBeNull();
  });
});
