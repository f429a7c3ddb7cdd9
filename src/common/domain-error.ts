/** Errors the domain raises with a code and a message fit to show the user; one filter maps them to HTTP. */
export type DomainErrorCode =
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'unavailable';

export interface FieldProblem {
  field: string;
  problem: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const conflict = (reason: string) => new DomainError('conflict', reason);
export const invalid = (field: string, problem: string) =>
  new DomainError('invalid', `${field} ${problem}`, [{ field, problem }]);
