/** Errors the domain raises with a code and a message fit to show the user; one filter maps them to HTTP. */
export type DomainErrorCode = 'not_found' | 'conflict' | 'invalid' | 'unauthorized' | 'forbidden' | 'unavailable';

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Why an action was refused, as a stable code (and the facts its wording needs), so a page can
 *  say it in the reader's language; the message stays the API's English text. */
export interface Refusal {
  code: string;
  params?: Record<string, string>;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: FieldProblem[],
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const conflict = (reason: string, refusal?: Refusal) => new DomainError('conflict', reason, undefined, refusal);
export const invalid = (field: string, problem: string) => new DomainError('invalid', `${field} ${problem}`, [{ field, problem }]);
