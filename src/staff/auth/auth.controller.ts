import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService } from './auth.service';
import { LoginDto } from './login.dto';
import { LoginRateLimit } from './login-rate-limit';
import { Public } from '../../common/auth/roles.decorator';
import { DomainError } from '../../common/domain-error';
import { SECOND_FACTOR_REQUIRED } from '../second-factor/second-factor';

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
  @ApiUnauthorizedResponse({
    description: 'Wrong e-mail, password or code (one answer for all); or code second_factor_required: the account has an authenticator and no code was sent',
  })
  @ApiForbiddenResponse({ description: 'code second_factor_enrolment_required: an admin requires a second factor and this account has none yet' })
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
      const { token, expiresAt } = await this.auth.login(body.email, body.password, body.code);
      return { token, expiresAt: expiresAt.toISOString() };
    } catch (error) {
      // A right password still waiting for its code is not a failure of this address.
      if (error instanceof DomainError && error.code === 'unauthorized' && error.refusal?.code !== SECOND_FACTOR_REQUIRED) {
        await this.rateLimit.failed(request.ip ?? 'unknown');
      }
      throw error;
    }
  }
}
