import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService } from './auth.service';
import { LoginDto } from './login.dto';
import { LoginRateLimit } from './login-rate-limit';
import { Public } from '../../common/auth/roles.decorator';
import { DomainError } from '../../common/domain-error';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly rateLimit: LoginRateLimit,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange staff credentials for a bearer token' })
  @ApiTooManyRequestsResponse({ description: 'Too many sign-in attempts from this address; try again after Retry-After seconds' })
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<{ token: string; expiresAt: string }> {
    const retryAfter = await this.rateLimit.retryAfter(request.ip ?? 'unknown');
    if (retryAfter !== null) {
      response.setHeader('Retry-After', String(retryAfter));
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: 'Too many sign-in attempts from this address; try again in a minute.' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    try {
      const { token, expiresAt } = await this.auth.login(body.email, body.password);
      return { token, expiresAt: expiresAt.toISOString() };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthorized') await this.rateLimit.failed(request.ip ?? 'unknown');
      throw error;
    }
  }
}
