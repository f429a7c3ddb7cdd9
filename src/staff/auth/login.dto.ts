import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@example.no' })
  // No top-level domain required: the first admin of a fresh install is DEFAULT_ADMIN_EMAIL (src/config/app-config.ts).
  @IsEmail({ require_tld: false }, { message: 'must be an e-mail address' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({
    description:
      'For an account with an authenticator: the current 6-digit code, or one of its recovery codes. Without it such an account gets 401 with code second_factor_required.',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(64)
  code?: string;
}
