import { conflict, DomainError } from '../../common/domain-error';
import { STAFF_COPY } from './pages/staff-copy';
import { refusalText } from './refusal-text';

describe('refusalText', () => {
  it('words a known refusal in the page language, naming the status as the page does', () => {
    const error = conflict('Cannot complete: the case is rejected.', { code: 'case_closed', params: { status: 'rejected' } });
    expect(refusalText(error, STAFF_COPY.nb)).toBe('Saken er avsluttet (avvist).');
    expect(refusalText(error, STAFF_COPY.en)).toBe('The case is closed (rejected).');
  });

  it('fills the facts a refusal carries', () => {
    const error = conflict('Cannot complete: 2 task(s) are still running or waiting for a person.', { code: 'open_tasks', params: { count: '2' } });
    expect(refusalText(error, STAFF_COPY.nb)).toBe('2 oppgave(r) kjører fortsatt eller venter på en person.');
  });

  it('keeps the message of an error without a known refusal code', () => {
    expect(refusalText(conflict('Cannot retry: the task is done.'), STAFF_COPY.nb)).toBe('Cannot retry: the task is done.');
    expect(refusalText(conflict('Something new.', { code: 'not_yet_worded' }), STAFF_COPY.nb)).toBe('Something new.');
    expect(refusalText(new DomainError('conflict', 'Plain.'), STAFF_COPY.en)).toBe('Plain.');
  });
});
