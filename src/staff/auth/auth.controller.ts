import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service';
import { LoginDto } from './login.dto';
import { Public } from './roles.decorator';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange staff credentials for a bearer token' })
  async login(@Body() body: LoginDto): Promise<{ token: string; expiresAt: string }> {
    const { token, expiresAt } = await this.auth.login(body.email, body.password);
    return { token, expiresAt: expiresAt.toISOString() };
  }
}
