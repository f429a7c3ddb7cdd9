import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class RetainedRecordsDto {
  @ApiProperty({ example: 'recordings from the loading bay, 2026-03-02' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  records: string;

  @ApiProperty({ example: 'GDPR art. 17(3)(e): kept for a pending police report' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  basis: string;

  @ApiProperty({ example: '2026-06-30', description: 'YYYY-MM-DD: the last day the records are kept' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  until: string;
}

export class RecordOutcomeDto {
  @ApiPropertyOptional({ enum: ['done', 'not_found', 'retained'], description: 'Derived from dispositions when they are given' })
  @IsOptional()
  @IsIn(['done', 'not_found', 'retained'], { message: 'must be done, not_found or retained' })
  status?: 'done' | 'not_found' | 'retained';

  @ApiPropertyOptional({
    description:
      'What happened to each record or group of records (docs/dispositions.md): {kind: disclosed|erased|anonymised|corrected|restricted|suppressed|kept|forwarded|not_held|failed, …}. The letter is written from these alone.',
    type: 'array',
    items: { type: 'object' },
    example: [{ kind: 'not_held', reason: 'routine_deletion', what: 'recording', routine: 'overwritten after 7 days' }],
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of dispositions' })
  @ArrayMaxSize(200)
  dispositions?: unknown[];

  @ApiPropertyOptional({
    description:
      'Access/portability only: records handed over as rows of field → value (text, number, true/false, null); they go into the package as data/<system>.json and CSV. In multipart/form-data, send this list as JSON text.',
    type: 'array',
    items: { type: 'object' },
    example: [{ date: '2026-03-02', number: '+47 912 34 567', duration: '00:03:12' }],
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of rows ({field: value})' })
  @ArrayMaxSize(5000)
  records?: unknown[];

  @ApiPropertyOptional({ description: 'Access/portability only: records pasted as CSV, the first line naming the columns (comma, semicolon or tab).' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000_000)
  recordsCsv?: string;

  @ApiPropertyOptional({
    description: "Art 15(4): what of other people's data was redacted from what is handed over. Carried into the package (data.othersDataRedacted).",
    example: 'Other callers’ numbers are blacked out in the call list.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  redactionNote?: string;

  @ApiProperty({ example: 'Deleted 3 call log entries from the phone system.', description: 'A note for staff; never shown to the requester' })
  @IsString()
  @MinLength(3, { message: 'is required: say what was done or found' })
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({ type: [RetainedRecordsDto], description: 'Required with status retained' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RetainedRecordsDto)
  retained?: RetainedRecordsDto[];
}

export class ObjectionDecisionDto {
  @ApiProperty({ enum: ['stop', 'compelling_grounds'] })
  @IsIn(['stop', 'compelling_grounds'], { message: 'must be stop or compelling_grounds' })
  decision: 'stop' | 'compelling_grounds';

  @ApiProperty({ example: 'No overriding grounds: the analytics can run without this customer.' })
  @IsString()
  @MinLength(5, { message: 'is required: document the reasons for the decision' })
  @MaxLength(4000)
  grounds: string;
}
