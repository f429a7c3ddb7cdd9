import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { STAFF_ROLES } from '../../common/auth/staff-roles';
import { AuthService } from '../auth/auth.service';
import { PasswordChangeRoute } from '../auth/password-change-route';
import { AccountService } from './account.service';
import { ChangePasswordDto } from './change-password.dto';

const bearerOf = (request: Request) => (request.headers.authorization ?? '').replace(/^Bearer /, '').trim();

/** The signed-in user's own password and token, for API clients. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/auth')
export class AccountApiController {
  constructor(
    private readonly account: AccountService,
    private readonly auth: AuthService,
  ) {}

  @Post('password')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @PasswordChangeRoute()
  @ApiOperation({
    summary: 'Change your password',
    description: 'Every session and token issued before ends, this one included; the answer carries a new token.',
  })
  async changePassword(@Body() body: ChangePasswordDto, @CurrentStaff() staff: StaffPrincipal): Promise<{ token: string; expiresAt: string }> {
    const epoch = await this.account.changePassword(staff, body.current, body.new);
    const { token, expiresAt } = this.account.issueToken(staff.id, epoch);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  @Post('logout')
  @HttpCode(204)
  @Roles(...STAFF_ROLES)
  @PasswordChangeRoute()
  @ApiOperation({ summary: 'Revoke the bearer token sent with this request' })
  async logout(@Req() request: Request): Promise<void> {
    // The guard has accepted the token, so it reads back; a session (staff UI) has its own sign-out.
    const token = this.auth.readToken(bearerOf(request));
    if (token) await this.account.revokeToken(token);
  }
}
