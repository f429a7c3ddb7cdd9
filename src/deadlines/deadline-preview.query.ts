import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Validate, type ValidationArguments, type ValidatorConstraintInterface, ValidatorConstraint } from 'class-validator';
import { receivedOnProblem } from './policy/deadline-policy';
import { isIsoDate } from '../common/iso-date';

/** A real calendar date in the years the deadline policy computes for. */
@ValidatorConstraint({ name: 'receivedDate' })
class ReceivedDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isIsoDate(value) && receivedOnProblem(value) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return isIsoDate(args.value) ? receivedOnProblem(args.value)! : 'must be a real calendar date as YYYY-MM-DD';
  }
}

export class DeadlinePreviewQuery {
  @ApiProperty({ example: '2026-03-05' })
  @Validate(ReceivedDate)
  receivedAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  extended?: boolean;
}
