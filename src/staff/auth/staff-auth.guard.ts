import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { StaffRole } from '../../common/auth/staff-roles';
import { AuthService } from './auth.service';
import { PUBLIC_KEY, ROLES_KEY } from '../../common/auth/roles.decorator';
import { PASSWORD_CHANGE_ROUTE_KEY, passwordChangeRequired } from './password-change-route';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { SECOND_FACTOR_ENROLMENT_ROUTE_KEY, secondFactorEnrolmentRequired } from '../second-factor/second-factor';

/** How a request can prove who it is besides a bearer token (the staff UI's session cookie). */
export const STAFF_SESSION_RESOLVER = Symbol('STAFF_SESSION_RESOLVER');
export type StaffSessionResolver = (request: Request) => Promise<StaffPrincipal | null>;

/**
 * The global guard: every route is closed unless marked @Public, and an authenticated staff
 * member still needs one of the route's @Roles. A route with no @Roles at all is refused (403),
 * so a new route without a decision is never open. A user who must change their password reaches
 * only the routes marked @PasswordChangeRoute (403 `password_change_required` elsewhere); one who
 * owes a second factor only those marked @SecondFactorEnrolmentRoute (403 `second_factor_enrolment_required`).
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  private sessionResolver: StaffSessionResolver | null = null;

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  /** The staff UI registers how to read its session; the API works with bearer tokens alone. */
  useSessionResolver(resolver: StaffSessionResolver): void {
    this.sessionResolver = resolver;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { staff?: StaffPrincipal }>();
    const staff = await this.authenticate(request);
    if (!staff) throw new UnauthorizedException('Sign in first: send a valid bearer token.');
    request.staff = staff;
    // Before any role check: a generated or admin-set password opens nothing but its own change.
    if (staff.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_ROUTE_KEY, targets)) throw passwordChangeRequired();
    // Likewise, when an admin requires a second factor, a sign-in without one opens only its enrolment.
    if (staff.mustEnrolSecondFactor && !this.reflector.getAllAndOverride<boolean>(SECOND_FACTOR_ENROLMENT_ROUTE_KEY, targets)) {
      throw secondFactorEnrolmentRequired();
    }
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(staff.role)) {
      throw new ForbiddenException(`Your role (${staff.role}) may not do this.`);
    }
    return true;
  }

  private async authenticate(request: Request): Promise<StaffPrincipal | null> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) return this.auth.principalForToken(header.slice(7).trim());
    return this.sessionResolver ? this.sessionResolver(request) : null;
  }
}
