import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CHANNELS, LANGUAGES, REQUEST_TYPES, type Channel, type Language, type RequestType } from '../../common/case-types';
import { HasAnyIdentifier } from './has-any-identifier.validator';
import { MaxJsonSize } from './max-json-size.validator';

export class SubjectDto {
  @ApiPropertyOptional({ example: 'kari.nordmann@example.no' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: 'Kari Nordmann' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '+47 912 34 567' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ().-]{5,30}$/, { message: 'must be a phone number (digits, spaces, +, -, parentheses)' })
  phone?: string;

  @ApiPropertyOptional({ example: '10042' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  customerNumber?: string;
}

export class IdentityVerifiedDto {
  @ApiProperty({ example: 'known phone number called back' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  method: string;
}

/** Staff registration of a request that came by any channel, with the date it really arrived. */
export class RegisterCaseDto {
  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES, { message: `must be one of ${REQUEST_TYPES.join(', ')}` })
  type: RequestType;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` })
  channel: Channel;

  @ApiProperty({ example: '2026-03-05T09:30:00+01:00', description: 'When the request reached the company; not in the future' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time' })
  receivedAt: string;

  @ApiProperty({ type: SubjectDto })
  @IsObject({ message: 'must be an object with at least one of email, name, phone, customerNumber' })
  @ValidateNested()
  @Type(() => SubjectDto)
  @HasAnyIdentifier()
  subject: SubjectDto;

  @ApiPropertyOptional({
    description:
      'Rectification: {field, currentValue?, correctedValue}; objection: {processing: "direct_marketing"|"legitimate_interest", grounds?}; any type: period {from, to} and/or recordDates [YYYY-MM-DD], the days the records are from (preservation at receipt)',
  })
  @IsOptional()
  @IsObject({ message: 'must be an object' })
  @MaxJsonSize(10_000)
  details?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: 'Storgata 1\n0155 Oslo',
    description:
      "The requester's postal address, for an answer by post (no e-mail address): lines separated by line breaks or commas; kept in the case details",
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MinLength(3)
  @MaxLength(300)
  @Matches(/^[^<>]*$/, { message: 'must be a postal address (no < or >)' })
  postalAddress?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'nb' })
  @IsOptional()
  @IsIn(LANGUAGES, { message: 'must be nb or en' })
  language?: Language;

  @ApiPropertyOptional({ type: IdentityVerifiedDto, description: 'Set when staff already confirmed who the requester is' })
  @IsOptional()
  @ValidateNested()
  @Type(() => IdentityVerifiedDto)
  identityVerified?: IdentityVerifiedDto;
}
