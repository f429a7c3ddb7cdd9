import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import type { Language } from '../../../common/case-types';
import type { StaffPrincipal } from '../../../common/auth/staff-principal';
import { compileTemplate, registerPartials } from '../../../common/templates/template-files';
import { registerPasskeyViews } from '../../passkeys/passkey-views';
import { SsoLoginLink } from '../../sso/sso-login-link';
import { StaffCsrf } from '../session/staff-csrf';
import { StaffSessionService } from '../session/staff-session.service';
import { STAFF_COPY, type StaffCopy } from './staff-copy';
import { STAFF_CSS } from './staff-styles';

const handlebars = Handlebars.create();
handlebars.registerHelper('eq', (left: unknown, right: unknown) => left === right);

/** A value `{{#if}}` would take as true (Handlebars' own rule: not falsy, not an empty array). */
const present = (value: unknown): boolean => Boolean(value) && !handlebars.Utils.isEmpty(value);

/** `errors.<form>.<field>` from the current context, as the path expression would find it. */
function formError(context: unknown, form: string, field: string): unknown {
  const own = (object: unknown, key: string): unknown =>
    object !== null && typeof object === 'object' && Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
  return own(own(own(context, 'errors'), form), field);
}

/** `{{csrfInput}}`: the hidden CSRF field every staff form carries (the token from the page's root). */
handlebars.registerHelper('csrfInput', (options: Handlebars.HelperOptions) => {
  const root = (options.data as { root?: { csrf?: unknown } }).root;
  return new handlebars.SafeString(`<input type="hidden" name="_csrf" value="${handlebars.escapeExpression(root?.csrf as string)}">`);
});
/** `{{fieldError "form" "field"}}`: the message under a field, when `errors.form.field` is set. */
handlebars.registerHelper('fieldError', function (this: unknown, form: string, field: string) {
  const error = formError(this, form, field);
  if (!present(error)) return '';
  return new handlebars.SafeString(`<p class="field-error" id="${form}-${field}-error">${handlebars.escapeExpression(error as string)}</p>`);
});
/** `{{invalidAttrs "form" "field"}}`: marks the control invalid and points it at its message. */
handlebars.registerHelper('invalidAttrs', function (this: unknown, form: string, field: string) {
  if (!present(formError(this, form, field))) return '';
  return new handlebars.SafeString(`aria-invalid="true" aria-describedby="${form}-${field}-error"`);
});
/** `{{> outcomeFields values=… errors=…}}`: the outcome fields of a manual task's form, inside
 *  `{{#each tasks}}`; `values`/`errors` are that task's own (only the task that was posted gets its
 *  input back). Used on a line of its own, so the file ends with an empty line (the line break
 *  the partial tag's own line loses). */
registerPartials(handlebars, __dirname, { outcomeFields: 'outcome-fields.partial.hbs', outcomeInput: 'outcome-input.partial.hbs' });
/** `{{> recipientTasks}}`: the case page's Art 19 "tell X by other means" section (recipient-tasks.view.ts);
 *  `{{> processorForwards}}`: the choice of controller for a processor system (processor-forwards.view.ts);
 *  `{{> preservation}}`: what system owners were asked to keep at receipt (preservation.view.ts);
 *  `{{> extensionPost}}`: the task to post the extension letter of a case without e-mail;
 *  `{{> casePlan}}`: the plan of an erasure, restriction or rectification (case-plan.view.ts). */
registerPartials(handlebars, __dirname, {
  recipientTasks: 'recipient-tasks.partial.hbs',
  processorForwards: 'processor-forwards.partial.hbs',
  preservation: 'preservation.partial.hbs',
  conversation: 'conversation.partial.hbs',
  extensionPost: 'extension-post.partial.hbs',
  casePlan: 'case-plan.partial.hbs',
});
/** `{{> barChart chart}}`: an inline SVG bar chart with its title and description (bar-chart.view.ts). */
registerPartials(handlebars, __dirname, { barChart: 'bar-chart.partial.hbs' });

/** `{{> passkeySignIn}}`, `{{> passkeysSection}}` and `{{passkeyText}}` (staff/passkeys/passkey-views.ts). */
registerPasskeyViews(handlebars);

/** The staff pages, .hbs files beside this module, compiled once at boot. */
const PAGES = {
  login: compileTemplate(handlebars, __dirname, 'login.hbs', { strict: false }),
  /** The sign-in's second step: the authenticator or recovery code (second-factor/). */
  loginCode: compileTemplate(handlebars, __dirname, 'login-code.hbs'),
  message: compileTemplate(handlebars, __dirname, 'message.hbs'),
  queue: compileTemplate(handlebars, __dirname, 'queue.hbs'),
  /** Figures for admins and auditors (staff-dashboard.controller.ts). */
  dashboard: compileTemplate(handlebars, __dirname, 'dashboard.hbs'),
  case: compileTemplate(handlebars, __dirname, 'case.hbs'),
  /** The confirmation step before merging a duplicate into a case. */
  merge: compileTemplate(handlebars, __dirname, 'merge.hbs'),
  register: compileTemplate(handlebars, __dirname, 'register.hbs'),
  users: compileTemplate(handlebars, __dirname, 'users.hbs'),
  tasks: compileTemplate(handlebars, __dirname, 'tasks.hbs'),
  /** The data-map page: the controller, then one card per system (values escaped by Handlebars). */
  systems: compileTemplate(handlebars, __dirname, 'systems.hbs'),
  /** The company's letter templates (staff-templates.controller.ts): the list, and one kind and language with its preview. */
  templates: compileTemplate(handlebars, __dirname, 'templates.hbs'),
  templateEdit: compileTemplate(handlebars, __dirname, 'template-edit.hbs'),
  /** The signed-in user's own account (staff/account/): password change, sign out everywhere. */
  account: compileTemplate(handlebars, __dirname, 'account.hbs'),
  passwordReset: compileTemplate(handlebars, __dirname, 'password-reset.hbs'),
  passwordResetNew: compileTemplate(handlebars, __dirname, 'password-reset-new.hbs'),
};
const layout = compileTemplate(handlebars, __dirname, 'layout.hbs');

export type StaffPageName = keyof typeof PAGES;
export type NavItem = 'queue' | 'dashboard' | 'register' | 'tasks' | 'users' | 'systems' | 'templates';

export interface StaffPageOptions {
  title: string;
  active?: NavItem;
  notice?: string;
  problem?: string;
  /** Overdue + due within 2 working days, for the badge. */
  badge?: number;
  data?: Record<string, unknown>;
  /** Reload the page after this many seconds (a meta refresh: staff pages work without JavaScript; only the passkey buttons need it). */
  refreshSeconds?: number;
}

/** What each role finds in the menu (the guard decides what it may open). */
function navFor(staff: StaffPrincipal | undefined): Record<string, boolean> {
  if (!staff) return {};
  const reader = staff.role !== 'owner';
  return {
    queue: reader,
    dashboard: staff.role === 'admin' || staff.role === 'auditor',
    register: staff.role === 'admin' || staff.role === 'handler',
    tasks: staff.role === 'owner' || staff.role === 'admin' || staff.role === 'auditor',
    users: staff.role === 'admin' || staff.role === 'auditor',
    systems: staff.role === 'admin' || staff.role === 'auditor',
    templates: staff.role === 'admin',
    queues: staff.role === 'admin',
  };
}

/** Server-rendered staff pages: one layout, the session's language, a CSRF token in every form. */
@Injectable()
export class StaffPageRenderer {
  constructor(
    private readonly session: StaffSessionService,
    private readonly csrf: StaffCsrf,
    private readonly ssoLink: SsoLoginLink,
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
      // The sign-in page, first shown or shown again after a refusal, offers single sign-on when set up.
      sso: page === 'login' ? this.ssoLink.forLogin(language, options.data?.next) : undefined,
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
