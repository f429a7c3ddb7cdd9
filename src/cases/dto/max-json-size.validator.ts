import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Free-form JSON (request details) is capped by its serialised size. */
export function MaxJsonSize(maxCharacters: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxJsonSize',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `is too long (at most ${maxCharacters} characters)`, ...options },
      validator: {
        validate: (value: unknown) => value === undefined || JSON.stringify(value).length <= maxCharacters,
      },
    });
}
