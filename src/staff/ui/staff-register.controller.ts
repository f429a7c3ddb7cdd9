import { Controller, Get, Inject, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { CasesService } from '../../cases/cases.service';
import { LANGUAGES, REQUEST_TYPES, type Channel } from '../../common/case-types';
import { DomainError } from '../../common/domain-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DeadlineService } from '../../deadlines/deadline.service';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { FormCheck } from './form-rules';
import type { StaffCopy } from './pages/staff-copy';
import { isIsoDate } from '../../common/iso-date';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { StaffCsrfGuard } from './session/staff-csrf';
import { StaffBadge } from './staff-badge';

/** The channels a person brings in by hand (web and API requests register themselves). */
const STAFF_CHANNELS = ['phone', 'letter', 'email', 'chat', 'sms', 'in_person'] as const satisfies readonly Channel[];

/** Register a request that came by phone, letter, e-mail or chat, with the day it really arrived. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/cases')
export class StaffRegisterController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesService,
    private readonly deadlines: DeadlineService,
    private readonly pages: StaffPageRenderer,
    private readonly badge: StaffBadge,
  ) {}

  @Get('new')
  @Roles(...CASE_WORKERS)
  async form(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    await this.send(request, response, staff, 200, { receivedDate: this.deadlines.today(), language: this.pages.language(request) }, {});
  }

  @Post()
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async register(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const copy = this.pages.copy(request);
    const check = new FormCheck(request.body, copy);
    const type = check.oneOf('type', REQUEST_TYPES);
    const channel = check.oneOf('channel', STAFF_CHANNELS);
    const language = check.oneOf('language', LANGUAGES, true) ?? 'nb';
    const date = check.raw('receivedDate');
    const time = check.raw('receivedTime');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) check.fail('receivedDate', copy.errors.date);
    if (time && !/^\d{2}:\d{2}$/.test(time)) check.fail('receivedTime', copy.errors.time);
    // No time given: the start of that day in the company's time zone (the day is what counts).
    const receivedAt = DateTime.fromISO(`${date}T${time || '00:00'}`, { zone: this.config.TZ_NAME });
    if (check.ok && !receivedAt.isValid) check.fail('receivedDate', copy.errors.date);
    const email = check.email('email', true);
    const name = check.text('name', 1, 200, true);
    const phone = check.text('phone', 5, 30, true);
    if (phone && !/^\+?[0-9 ().-]{5,30}$/.test(phone)) check.fail('phone', copy.errors.phone);
    const customerNumber = check.text('customerNumber', 1, 64, true);
    if (!email && !name && !phone && !customerNumber) check.fail('subject', copy.errors.identifier);
    const message = check.text('message', 1, 5000, true);
    // Where a posted answer goes (posted-letter.service reads details.postalAddress, as the REST registration stores it).
    const postalAddress = check.text('postalAddress', 3, 300, true);
    const verifiedMethod = check.text('verifiedMethod', 2, 100, true);
    const period = this.recordPeriod(check, copy);
    if (!check.ok) return this.send(request, response, staff, 400, check.values, check.errors, copy.fieldErrors);
    try {
      const entity = await this.cases.register(
        {
          type: type!,
          channel: channel!,
          receivedAt: receivedAt.toJSDate(),
          subject: {
            ...(email ? { email } : {}),
            ...(name ? { name } : {}),
            ...(phone ? { phone } : {}),
            ...(customerNumber ? { customerNumber } : {}),
          },
          details: { ...(message ? { message } : {}), ...(postalAddress ? { postalAddress } : {}), ...(period ? { period } : {}) },
          language,
          ...(verifiedMethod ? { identityVerifiedBy: verifiedMethod } : {}),
        },
        staffActor(staff),
      );
      response.redirect(303, `/staff/cases/${entity.reference}?done=registered`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'invalid') throw error;
      const future = error.details?.some((detail) => detail.field === 'receivedAt');
      const errors: Record<string, string> = future ? { receivedDate: copy.errors.future } : { subject: error.message };
      return this.send(request, response, staff, 400, check.values, errors, copy.fieldErrors);
    }
  }

  /** The days the records are from (details.period): both optional; one alone is a single day. */
  private recordPeriod(check: FormCheck, copy: StaffCopy): { from: string; to: string } | null {
    const from = check.raw('recordsFrom');
    const to = check.raw('recordsTo');
    if (!from && !to) return null;
    if (from && !isIsoDate(from)) check.fail('recordsFrom', copy.errors.date);
    if (to && !isIsoDate(to)) check.fail('recordsTo', copy.errors.date);
    if (from && to && isIsoDate(from) && isIsoDate(to) && to < from) check.fail('recordsTo', copy.errors.datesOrder);
    return check.ok ? { from: from || to, to: to || from } : null;
  }

  private async send(
    request: Request,
    response: Response,
    staff: StaffPrincipal,
    status: number,
    values: Record<string, string>,
    errors: Record<string, string>,
    problem?: string,
  ): Promise<void> {
    const copy = this.pages.copy(request);
    const options = <T extends string>(items: readonly T[], labels: Record<T, string>, selected?: string) =>
      items.map((value) => ({ value, label: labels[value], selected: value === selected }));
    this.pages.send(request, response, status, 'register', {
      title: copy.register.title,
      active: 'register',
      problem,
      badge: await this.badge.count(staff),
      data: {
        values,
        errors: { register: errors },
        today: this.deadlines.today(),
        typeOptions: options(REQUEST_TYPES, copy.type, values.type),
        channelOptions: options(STAFF_CHANNELS, copy.channel, values.channel),
      },
    });
  }
}
