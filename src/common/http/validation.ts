import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from '../domain-error';

/** Flattens class-validator's tree into `[{field: 'subject.email', problem: '…'}]`. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({
      field,
      problem: problem.replace(/^property \S+ /, '').replace(new RegExp(`^${escapeRegExp(error.property)} `), ''),
    }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly details: FieldProblem[]) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      message: details.map((detail) => `${detail.field}: ${detail.problem}`).join('; '),
      details,
    });
  }
}

/** Global pipe: unknown fields are rejected by name, values are transformed to their DTO types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(fieldProblems(errors)),
  });
}
