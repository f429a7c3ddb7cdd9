import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { REJECTION_CODES, type RejectionCode } from '../case-types';

export class VerifyCaseDto {
  @ApiProperty({ example: 'customer number and address matched our records' })
  @IsString()
  @MinLength(2, { message: 'is required (how was identity confirmed?)' })
  @MaxLength(100)
  method: string;
}

export class AssignCaseDto {
  @ApiProperty({ nullable: true, description: 'Staff user id; null to unassign' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'must be a staff user id (UUID) or null' })
  userId: string | null;
}

export class ReasonDto {
  @ApiProperty({ example: 'The request covers 14 systems and 9 years of records.' })
  @IsString()
  @MinLength(5, { message: 'is required: give the reason in a sentence' })
  @MaxLength(2000)
  reason: string;
}

export class RejectCaseDto extends ReasonDto {
  @ApiProperty({ enum: REJECTION_CODES })
  @IsIn(REJECTION_CODES, { message: `must be one of ${REJECTION_CODES.join(', ')}` })
  reasonCode: RejectionCode;
}

export class NoteDto {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(5000)
  text: string;
}

export class FlagExcessiveDto extends ReasonDto {
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  flagged?: boolean;
}

export class RequestInformationDto {
  @ApiProperty({ example: 'Which of your two customer accounts is the request about?' })
  @IsString()
  @MinLength(5, { message: 'is required: say what we need from the requester' })
  @MaxLength(2000)
  message: string;
}
