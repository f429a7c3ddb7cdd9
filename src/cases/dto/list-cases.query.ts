import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DERIVED_STAGES, type DerivedStage } from '../case-stage';
import { CASE_STATUSES, CHANNELS, REQUEST_TYPES, type CaseStatus, type Channel, type RequestType } from '../../common/case-types';

export const QUEUE_STATUS_FILTERS = [...CASE_STATUSES, 'open', ...DERIVED_STAGES] as const;
export type QueueStatusFilter = CaseStatus | 'open' | DerivedStage;

export class ListCasesQuery {
  @ApiPropertyOptional({
    enum: QUEUE_STATUS_FILTERS,
    description:
      'A stored status, `open` (all open), or a stage: `awaiting_approval` (in progress, waiting for a handler to approve), `paused` (waiting for the requester), `being_handled` (in progress, neither of those)',
  })
  @IsOptional()
  @IsIn(QUEUE_STATUS_FILTERS, { message: `must be one of ${QUEUE_STATUS_FILTERS.join(', ')}` })
  status?: QueueStatusFilter;

  @ApiPropertyOptional({ enum: REQUEST_TYPES })
  @IsOptional()
  @IsIn(REQUEST_TYPES, { message: `must be one of ${REQUEST_TYPES.join(', ')}` })
  type?: RequestType;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` })
  channel?: Channel;

  @ApiPropertyOptional({ description: 'Staff user id, or "none" for unassigned' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  assignee?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Reference, e-mail, name, phone or customer number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
