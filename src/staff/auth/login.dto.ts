import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

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
}
