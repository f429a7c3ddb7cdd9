import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../identity/identity-types';
import { REJECTION_CODES, type RejectionCode } from '../../common/case-types';

export class VerifyCaseDto {
  @ApiProperty({ example: 'customer number and address matched our records' })
  @IsString()
  @MinLength(2, { message: 'is required (how was identity confirmed?)' })
  @MaxLength(100)
  method: string;

  @ApiPropertyOptional({
    description: 'Which of the typed identifiers the check confirmed (kinds); all of them when left out',
    example: ['email', 'customer_number'],
  })
  @IsOptional()
  @IsArray()
  @IsIn(IDENTIFIER_KINDS, { each: true, message: `each must be one of: ${IDENTIFIER_KINDS.join(', ')}` })
  identifiers?: IdentifierKind[];
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

export class ConfirmIdentifierDto {
  @ApiProperty({ example: 'called back the number on file in Visma' })
  @IsString()
  @MinLength(2, { message: 'is required (how was the identifier checked?)' })
  @MaxLength(200)
  method: string;

  @ApiProperty({ example: 'the customer answered and confirmed the request' })
  @IsString()
  @MinLength(2, { message: "is required (why is it the requester's?)" })
  @MaxLength(500)
  reason: string;
}
