import { registerDecorator, type ValidationOptions } from 'class-validator';

const IDENTIFIERS = ['email', 'name', 'phone', 'customerNumber'] as const;

/** A request must say who it is about: at least one identifier. */
export function HasAnyIdentifier(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'hasAnyIdentifier',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'needs at least one of email, name, phone, customerNumber', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          IDENTIFIERS.some((key) => typeof (value as Record<string, unknown>)[key] === 'string' && (value as Record<string, string>)[key].trim() !== ''),
      },
    });
}
