import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { CASE_REFERENCE_PATTERN } from '../case-reference';

export class MergeCaseDto {
  @ApiProperty({ example: 'DSR-2026-42', description: 'The duplicate: closed as merged into the case in the path, which survives' })
  @IsString()
  @MaxLength(32)
  @Matches(CASE_REFERENCE_PATTERN, { message: 'must be a case reference such as DSR-2026-42' })
  duplicate: string;
}
