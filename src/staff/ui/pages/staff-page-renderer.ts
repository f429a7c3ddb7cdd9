import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import type { Language } from '../../../common/case-types';
import type { StaffPrincipal } from '../../../common/auth/staff-principal';
import { StaffCsrf } from '../session/staff-csrf';
import { StaffSessionService } from '../session/staff-session.service';
import { STAFF_COPY, type StaffCopy } from './staff-copy';
import { STAFF_CSS } from './staff-styles';
import { SYSTEMS_PAGE } from './systems-template';
import { CASE_PAGE, LAYOUT, LOGIN_PAGE, MESSAGE_PAGE, QUEUE_PAGE, REGISTER_PAGE, TASKS_PAGE, USERS_PAGE } from './staff-templates';

const handlebars = Handlebars.create();
handlebars.registerHelper('eq', (left: unknown, right: unknown) => left === right);

const PAGES = {
  login: handlebars.compile(LOGIN_PAGE, { strict: false }),
  message: handlebars.compile(MESSAGE_PAGE),
  queue: handlebars.compile(QUEUE_PAGE),
  case: handlebars.compile(CASE_PAGE),
  register: handlebars.compile(REGISTER_PAGE),
  users: handlebars.compile(USERS_PAGE),
  tasks: handlebars.compile(TASKS_PAGE),
  systems: handlebars.compile(SYSTEMS_PAGE),
};
const layout = handlebars.compile(LAYOUT);

export type StaffPageName = keyof typeof PAGES;
export type NavItem = 'queue' | 'register' | 'tasks' | 'users' | 'systems';

export interface StaffPageOptions {
  title: string;
  active?: NavItem;
  notice?: string;
  problem?: string;
  /** Overdue + due within 2 working days, for the badge. */
  badge?: number;
  data?: Record<string, unknown>;
  /** Reload the page after this many seconds (a meta refresh: staff pages run no JavaScript). */
  refreshSeconds?: number;
}

/** What each role finds in the menu (the guard decides what it may open). */
function navFor(staff: StaffPrincipal | undefined): Record<string, boolean> {
  if (!staff) return {};
  const reader = staff.role !== 'owner';
  return {
    queue: reader,
    register: staff.role === 'admin' || staff.role === 'handler',
    tasks: staff.role === 'owner' || staff.role === 'admin' || staff.role === 'auditor',
    users: staff.role === 'admin' || staff.role === 'auditor',
    systems: staff.role === 'admin' || staff.role === 'auditor',
    queues: staff.role === 'admin',
  };
}

/** Server-rendered staff pages: one layout, the session's language, a CSRF token in every form. */
@Injectable()
export class StaffPageRenderer {
  constructor(
    private readonly session: StaffSessionService,
    private readonly csrf: StaffCsrf,
  ) {}

  language(request: Request): Language {
    return this.session.language(request);
  }

  copy(request: Request): StaffCopy {
    return STAFF_COPY[this.language(request)];
  }

  send(request: Request, response: Response, status: number, page: StaffPageName, options: StaffPageOptions): void {
    const language = this.language(request);
    const copy = STAFF_COPY[language];
    const staff = (request as Request & { staff?: StaffPrincipal }).staff;
    const context = {
      ...(options.data ?? {}),
      copy,
      lang: language,
      csrf: this.csrf.token(request, response),
    };
    const body = PAGES[page](context);
    const html = layout({
      ...context,
      title: options.title,
      css: STAFF_CSS,
      body,
      staff,
      roleLabel: staff ? copy.roles[staff.role] : '',
      nav: navFor(staff),
      active: options.active,
      badge: options.badge,
      notice: options.notice,
      problem: options.problem,
      refreshSeconds: options.refreshSeconds,
      here: request.originalUrl.startsWith('/staff') && request.method === 'GET' ? request.originalUrl : '/staff',
      otherLanguage: language === 'nb' ? 'en' : 'nb',
    });
    // Pages carry personal data and CSRF tokens: never cached.
    response.status(status).setHeader('Cache-Control', 'no-store');
    response.type('html').send(html);
  }
}
