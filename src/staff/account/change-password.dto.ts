import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password in use now' })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(1000)
  current: string;

  /** Length, the common-password list and the e-mail are checked by the password rules (password-policy.ts). */
  @ApiProperty({ description: '12 to 128 characters, not a common or breached password, not containing the e-mail address' })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(1000)
  new: string;
}
