import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, notFound } from '../../common/domain-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { isUuid } from '../../cases/dto/list-cases.query';
import { LANGUAGES } from '../../common/case-types';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { STAFF_ROLES } from '../../common/auth/staff-roles';
import { problemText } from '../account/account-copy';
import { languageOptions, STAFF_LANGUAGE_COPY } from '../language/staff-language-copy';
import { StaffLanguageService } from '../language/staff-language.service';
import { SECOND_FACTOR_COPY } from '../second-factor/second-factor-copy';
import { SecondFactorPolicyService } from '../second-factor/second-factor-policy.service';
import { MIN_PASSWORD_LENGTH, StaffUsersService } from '../users/staff-users.service';
import { FormCheck } from './form-rules';
import { fill, type StaffCopy } from './pages/staff-copy';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { StaffCsrfGuard } from './session/staff-csrf';
import { StaffBadge } from './staff-badge';
import { shownInstant } from './shown-date';

/** Staff accounts: admins create users with a role, change roles and deactivate; auditors read. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/users')
export class StaffUsersController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: StaffUsersService,
    private readonly pages: StaffPageRenderer,
    private readonly badge: StaffBadge,
    private readonly secondFactor: SecondFactorPolicyService,
    private readonly languages: StaffLanguageService,
  ) {}

  @Get()
  @Roles('admin', 'auditor')
  async list(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const copy = this.pages.copy(request);
    const done =
      request.query.done === 'created'
        ? copy.done.userCreated
        : request.query.done === 'changed'
          ? copy.done.userChanged
          : request.query.done === 'second-factor'
            ? SECOND_FACTOR_COPY[this.pages.language(request)].policyChanged
            : undefined;
    await this.send(request, response, staff, 200, {}, {}, done);
  }

  @Post()
  @Roles('admin')
  @UseGuards(StaffCsrfGuard)
  async create(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const copy = this.pages.copy(request);
    const check = new FormCheck(request.body, copy);
    const name = check.text('name', 1, 200);
    const email = check.email('email');
    const role = check.oneOf('role', STAFF_ROLES);
    const password = typeof request.body?.password === 'string' ? request.body.password : '';
    if (password.length < MIN_PASSWORD_LENGTH) check.fail('password', fill(copy.errors.tooShort, { min: MIN_PASSWORD_LENGTH }));
    if (!check.ok) return this.send(request, response, staff, 400, check.values, check.errors, undefined, copy.fieldErrors);
    try {
      await this.users.create({ name, email, role: role!, password }, staff);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'invalid') throw error;
      const errors = Object.fromEntries(
        (error.details ?? []).map((detail) => [
          detail.field,
          detail.field === 'password'
            ? problemText(this.pages.language(request), detail.problem)
            : (copy.errors[detail.problem as keyof StaffCopy['errors']] ?? error.message),
        ]),
      );
      return this.send(request, response, staff, 400, check.values, errors, undefined, copy.fieldErrors);
    }
    response.redirect(303, '/staff/users?done=created');
  }

  @Post(':id/role')
  @Roles('admin')
  @UseGuards(StaffCsrfGuard)
  async changeRole(@Param('id') id: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const check = new FormCheck(request.body, this.pages.copy(request));
    const role = check.oneOf('role', STAFF_ROLES);
    await this.change(request, response, staff, id, check.ok ? () => this.users.changeRole(id, role!, staff) : null);
  }

  /** An admin sets a user's language (their own too): the pages at their next sign-in and their e-mails. */
  @Post(':id/language')
  @Roles('admin')
  @UseGuards(StaffCsrfGuard)
  async changeLanguage(@Param('id') id: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const check = new FormCheck(request.body, this.pages.copy(request));
    const language = check.oneOf('language', LANGUAGES);
    await this.change(request, response, staff, id, check.ok ? () => this.languages.setLanguage(id, language, staff) : null);
  }

  @Post(':id/deactivate')
  @Roles('admin')
  @UseGuards(StaffCsrfGuard)
  async deactivate(@Param('id') id: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    await this.change(request, response, staff, id, () => this.users.setActive(id, false, staff));
  }

  @Post(':id/reactivate')
  @Roles('admin')
  @UseGuards(StaffCsrfGuard)
  async reactivate(@Param('id') id: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    await this.change(request, response, staff, id, () => this.users.setActive(id, true, staff));
  }

  private async change(request: Request, response: Response, staff: StaffPrincipal, id: string, run: (() => Promise<unknown>) | null): Promise<void> {
    if (!isUuid(id)) throw notFound('User');
    const copy = this.pages.copy(request);
    if (!run) return this.send(request, response, staff, 400, {}, {}, undefined, copy.errors.choose);
    try {
      await run();
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'conflict') throw error;
      return this.send(request, response, staff, 409, {}, {}, undefined, copy.users.self);
    }
    response.redirect(303, '/staff/users?done=changed');
  }

  private async send(
    request: Request,
    response: Response,
    staff: StaffPrincipal,
    status: number,
    values: Record<string, string>,
    errors: Record<string, string>,
    notice?: string,
    problem?: string,
  ): Promise<void> {
    const copy = this.pages.copy(request);
    const users = await this.users.list();
    const enrolled = await this.secondFactor.enrolled(users.map((user) => user.id));
    const roleOptions = (selected?: string) => STAFF_ROLES.map((role) => ({ value: role, label: copy.roles[role], selected: role === selected }));
    this.pages.send(request, response, status, 'users', {
      title: copy.users.title,
      active: 'users',
      notice,
      problem,
      badge: await this.badge.count(staff),
      data: {
        canManage: staff.role === 'admin',
        users: users.map((user) => ({
          id: user.id,
          name: user.name,
          email: user.email,
          roleLabel: copy.roles[user.role],
          active: user.active,
          self: user.id === staff.id,
          lastLogin: user.lastLoginAt
            ? shownInstant(user.lastLoginAt, { language: this.pages.language(request), timeZone: this.config.TZ_NAME })
            : copy.users.never,
          roleOptions: roleOptions(user.role),
          languageLabel: STAFF_LANGUAGE_COPY[this.pages.language(request)].names[user.language],
          languageOptions: languageOptions(this.pages.language(request), user.language),
          secondFactor: enrolled.has(user.id),
        })),
        sf: SECOND_FACTOR_COPY[this.pages.language(request)],
        lc: STAFF_LANGUAGE_COPY[this.pages.language(request)],
        secondFactorRequired: await this.secondFactor.required(),
        newRoleOptions: roleOptions(values.role),
        values,
        errors: { user: errors },
      },
    });
  }
}
