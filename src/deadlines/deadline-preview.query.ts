import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Validate, type ValidatorConstraintInterface, ValidatorConstraint } from 'class-validator';
import { isIsoDate } from './policy/iso-date';

@ValidatorConstraint({ name: 'calendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isIsoDate(value);
  }
  defaultMessage(): string {
    return 'must be a real calendar date as YYYY-MM-DD';
  }
}

export class DeadlinePreviewQuery {
  @ApiProperty({ example: '2026-03-05' })
  @Validate(CalendarDate)
  receivedAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  extended?: boolean;
}
