import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { STAFF_DIRECTORY, type StaffDirectory } from '../common/auth/staff-directory';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DeadlineService } from '../deadlines/deadline.service';
import type { ComposedMail, ComposeRequest } from '../notifications/mail-composer.registry';
import { MailComposerRegistry } from '../notifications/mail-composer.registry';
import { type RequesterMailKind } from './mail/requester-mail-copy';
import { renderRequesterMail, type RequesterMailVars } from './mail/requester-mail.templates';
import { requesterAddress } from '../representation/answer-address';
import { SystemsService } from '../systems/systems.service';
import { RequesterLinks } from '../public-site/requester-links';
import { CasesReader } from '../cases/cases-reader';

type Compose = (entity: CaseEntity, base: RequesterMailVars, params: Record<string, string>) => Promise<ComposedMail | null>;

/**
 * Builds every requester-journey e-mail from fresh state when its render job runs. A message
 * that no longer fits the case (verified meanwhile, resumed before the request went out)
 * composes to null and is not sent.
 */
@Injectable()
export class RequesterMailComposers implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: MailComposerRegistry,
    private readonly links: RequesterLinks,
    private readonly systems: SystemsService,
    private readonly deadlines: DeadlineService,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
  ) {}

  onModuleInit(): void {
    const composers: Record<RequesterMailKind, Compose> = {
      'requester-verification': (entity, base) => this.withVerification(entity, base, 'requester-verification', false),
      'requester-verification-reminder': (entity, base) => this.withVerification(entity, base, 'requester-verification-reminder', false),
      'requester-unverified-closure': (entity, base) =>
        entity.status === 'rejected' && entity.rejectionCode === 'unverified'
          ? this.withVerification(entity, base, 'requester-unverified-closure', true)
          : Promise.resolve(null),
      'requester-receipt': async (entity, base) => (entity.verifiedAt ? this.toRequester(entity, 'requester-receipt', base) : null),
      'requester-extension': async (entity, base) =>
        entity.extendedDue && entity.extensionReason
          ? this.toRequester(entity, 'requester-extension', {
              ...base,
              extendedDue: entity.extendedDue,
              extensionReason: entity.extensionReason,
            })
          : null,
      'requester-information-request': async (entity, base, params) => {
        if (params.message) {
          return this.toRequester(entity, 'requester-information-request', { ...base, pauseReason: params.message, clockPaused: entity.pausedAt ? 'yes' : '' });
        }
        return entity.pausedAt && entity.pauseReason && entity.pausedAt.toISOString() === params.pausedAt
          ? this.toRequester(entity, 'requester-information-request', { ...base, pauseReason: entity.pauseReason, clockPaused: 'yes' })
          : null;
      },
      'handler-new-case': async (entity, base) => {
        // The assignee, else the staff alert address, else the first active admin (as deadline alerts).
        const to = (await this.staff.handlerRecipient(entity.assigneeId)).address;
        const vars = { ...base, caseUrl: this.links.caseUrl(entity.reference) };
        return { to, caseId: entity.id, ...renderRequesterMail('handler-new-case', entity.language, vars), secrets: linksIn(vars) };
      },
    };
    for (const [kind, compose] of Object.entries(composers)) {
      this.registry.register(kind, (request) => this.run(request, compose));
    }
  }

  private async run(request: ComposeRequest, compose: Compose): Promise<ComposedMail | null> {
    if (!request.caseId) return null;
    const entity = await this.casesReader.byId(request.caseId);
    if (!entity) return null;
    return compose(entity, this.baseVars(entity), request.params);
  }

  private baseVars(entity: CaseEntity): RequesterMailVars {
    const controller = this.systems.controller();
    return {
      reference: entity.reference,
      requestType: entity.type,
      receivedOn: entity.receivedOn,
      deadline: entity.effectiveDue,
      statusUrl: this.links.statusUrl(entity.id),
      formUrl: this.links.formUrl(entity.language),
      controllerName: controller.name,
      controllerEmail: controller.email,
      ...(controller.privacyPolicyUrl ? { privacyPolicyUrl: controller.privacyPolicyUrl } : {}),
    };
  }

  private async withVerification(entity: CaseEntity, base: RequesterMailVars, kind: RequesterMailKind, closed: boolean): Promise<ComposedMail | null> {
    if (!closed && entity.status !== 'awaiting_verification') return null;
    // The verification row and the representative's address in one round trip (this is the
    // e-mail every public request sends).
    const [row]: Array<{ expiresAt: Date; usedAt: Date | null; representative: string | null }> = await this.dataSource.query(
      `SELECT v.expires_at AS "expiresAt", v.used_at AS "usedAt", (SELECT r.email FROM case_representations r WHERE r.case_id = v.case_id) AS representative
         FROM case_verifications v WHERE v.case_id = $1`,
      [entity.id],
    );
    if (!row || (!closed && row.usedAt)) return null;
    // The last day the link works, in the company's time zone (it lapses at the same time of day it was sent).
    const verifyBy = this.deadlines.dayOf(new Date(row.expiresAt.getTime() - 1));
    const vars = { ...base, verifyBy, ...(closed ? {} : { verifyUrl: this.links.verifyUrl(entity.id, row.expiresAt) }) };
    return this.toRequester(entity, kind, vars, row.representative ?? entity.subjectEmail);
  }

  /** To whoever made the request: the person themselves, or their representative. */
  private async toRequester(entity: CaseEntity, kind: RequesterMailKind, vars: RequesterMailVars, address?: string | null): Promise<ComposedMail | null> {
    const to = address === undefined ? await requesterAddress(this.dataSource.manager, entity) : address;
    if (!to) return null;
    return { to, caseId: entity.id, ...renderRequesterMail(kind, entity.language, vars), secrets: linksIn(vars) };
  }
}

/** The signed links a message may hold (status: no expiry; verification): cut from the stored row
 *  once it is sent. The person keeps them in the e-mail they received. */
function linksIn(vars: RequesterMailVars): string[] {
  return [vars.statusUrl, vars.verifyUrl].filter((url): url is string => Boolean(url));
}
