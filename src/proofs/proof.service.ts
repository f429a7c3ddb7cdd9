import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CaseIdentifierEntity } from '../identity/case-identifier.entity';
import { CaseRecordMatchEntity } from '../identity/case-record-match.entity';
import { normaliseEmail } from '../identity/email';
import { IdentityService } from '../identity/identity.service';
import { toE164 } from '../identity/phone';
import { OutboxService } from '../notifications/outbox.service';
import { SMS_TRANSPORT, type SmsTransport } from '../notifications/sms/sms-transport';
import { SystemsService } from '../systems/systems.service';
import {
  MAX_REQUESTS_PER_CASE_PER_DAY,
  MAX_REQUESTS_PER_IDENTIFIER,
  MAX_SENDS_PER_DESTINATION_PER_HOUR,
  MAX_WRONG_ENTRIES_PER_CODE,
  PROOF_CODE_DIGITS,
  PROOF_CODE_TTL_MINUTES,
  PROVABLE_KINDS,
} from './proof-limits';
import { proofCodeMail, proofCodeSms } from './proof-messages';
import { ProofCodeEntity } from './proof-code.entity';
import { ProofSendEntity, type ProofChannel } from './proof-send.entity';
import { CasesReader } from '../cases/cases-reader';

const OPEN_STATUSES = ['awaiting_verification', 'in_progress', 'awaiting_review'];

/** A claimed identifier the requester may prove, as the status page shows it. */
export interface ProofOffer {
  id: string;
  kind: CaseIdentifierEntity['kind'];
  /** The end of what they typed, so two phone numbers can be told apart. */
  hint: string;
}

/** The answer to a code request. `requested` is the same whether or not anything was sent. */
export type CodeRequestResult = 'requested' | 'identifier-limit' | 'case-limit' | 'not-provable' | 'already-established' | 'closed';

export type CodeEntryResult = { result: 'proven'; kind: CaseIdentifierEntity['kind'] } | { result: 'wrong' | 'expired' | 'used' | 'malformed' | 'closed' };

interface Destination {
  channel: ProofChannel;
  address: string;
  systemId: string;
  externalId: string;
}

/**
 * Proof of a claimed identifier from what the company already holds: a one-time code goes to
 * the e-mail addresses and mobiles on file in the records that identifier found (never to
 * anything the requester typed), and entering it establishes the identifier as `proven`.
 */
@Injectable()
export class ProofService {
  private readonly logger = new Logger(ProofService.name);
  private readonly codeKey: Buffer;
  private readonly destinationKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SMS_TRANSPORT) private readonly sms: SmsTransport,
    private readonly outbox: OutboxService,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly systems: SystemsService,
    private readonly clock: Clock,
  ) {
    this.codeKey = createHmac('sha256', config.APP_SECRET).update('dsr-proof-codes').digest();
    this.destinationKey = createHmac('sha256', config.APP_SECRET).update('dsr-proof-destinations').digest();
  }

  /** Every claimed, searchable identifier of a provable kind. Says nothing of what was found. */
  async offers(caseId: string): Promise<ProofOffer[]> {
    const rows = await this.identity.list(caseId);
    return rows.filter((row) => this.provable(row)).map((row) => ({ id: row.id, kind: row.kind, hint: hintOf(row) }));
  }

  /**
   * Sends one fresh code to every contact on file in the candidate records the identifier found.
   * The per-identifier and per-case limits count requests, sent or not, so they answer alike for
   * an identifier that found nothing; an address over its hourly limit is skipped silently for
   * the same reason (audited for staff).
   */
  async requestCode(caseId: string, identifierId: string): Promise<CodeRequestResult> {
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (manager) => {
      // One code request per case at a time, so the counts below cannot be raced past.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`proof-case:${caseId}`]);
      const entity = await this.casesReader.byId(caseId, manager);
      if (!entity || !OPEN_STATUSES.includes(entity.status)) return { result: 'closed' as const };
      const identifier = await manager.findOne(CaseIdentifierEntity, { where: { id: identifierId, caseId } });
      if (!identifier || !identifier.searchable || !PROVABLE_KINDS.includes(identifier.kind as never)) return { result: 'not-provable' as const };
      if (identifier.basis !== 'claimed') return { result: 'already-established' as const };
      const forIdentifier = await manager.count(ProofCodeEntity, { where: { caseId, identifierId } });
      if (forIdentifier >= MAX_REQUESTS_PER_IDENTIFIER) return { result: 'identifier-limit' as const };
      const [{ count: forCase }] = (await manager.query(`SELECT count(*)::int AS count FROM proof_codes WHERE case_id = $1 AND created_at > $2`, [
        caseId,
        new Date(now.getTime() - 24 * 3600_000),
      ])) as Array<{ count: number }>;
      if (forCase >= MAX_REQUESTS_PER_CASE_PER_DAY) return { result: 'case-limit' as const };

      const code = String(randomInt(0, 10 ** PROOF_CODE_DIGITS)).padStart(PROOF_CODE_DIGITS, '0');
      const row = await manager.save(
        manager.create(ProofCodeEntity, {
          caseId,
          identifierId,
          codeHash: '',
          createdAt: now,
          expiresAt: new Date(now.getTime() + PROOF_CODE_TTL_MINUTES * 60_000),
          usedAt: null,
          voidedAt: null,
          wrongAttempts: 0,
        }),
      );
      await manager.update(ProofCodeEntity, { id: row.id }, { codeHash: this.hash(row, code) });

      const sent: Destination[] = [];
      let limited = 0;
      for (const destination of await this.destinations(manager, caseId, identifierId)) {
        const destinationHash = this.destinationHash(destination);
        // Across cases: serialise on the address, then count its sends in the last hour.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`proof-destination:${destinationHash}`]);
        const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM proof_code_sends WHERE destination_hash = $1 AND sent_at > $2`, [
          destinationHash,
          new Date(now.getTime() - 3600_000),
        ])) as Array<{ count: number }>;
        if (count >= MAX_SENDS_PER_DESTINATION_PER_HOUR) {
          limited += 1;
          continue;
        }
        await manager.insert(ProofSendEntity, {
          codeId: row.id,
          caseId,
          channel: destination.channel,
          systemId: destination.systemId,
          externalId: destination.externalId,
          destinationHash,
          sentAt: now,
        });
        sent.push(destination);
      }
      const controller = this.systems.controller();
      const mailIds: string[] = [];
      for (const [index, destination] of sent.entries()) {
        if (destination.channel !== 'email') continue;
        const mail = proofCodeMail(destination.address, caseId, entity.reference, entity.language, code, controller);
        mailIds.push(await this.outbox.store(manager, 'proof-code', `proof-code-${row.id}-${index}`, mail));
      }
      await this.audit.append(manager, {
        caseId,
        type: 'proof.code_requested',
        actor: 'requester',
        occurredAt: now,
        // Counts and systems only: never an address, a number or the code.
        data: {
          codeId: row.id,
          identifier: { id: identifier.id, kind: identifier.kind },
          sent: sent.map((destination) => ({ channel: destination.channel, systemId: destination.systemId })),
          ...(limited ? { skippedOverAddressLimit: limited } : {}),
        },
      });
      const texts = sent
        .filter((destination) => destination.channel === 'sms')
        .map((destination) => ({ to: destination.address, text: proofCodeSms(entity.reference, entity.language, code, controller) }));
      return { result: 'requested' as const, mailIds, texts, codeId: row.id };
    });
    if (outcome.result !== 'requested') return outcome.result;
    for (const id of outcome.mailIds) await this.outbox.dispatch(id);
    // Not awaited: the page must answer in the same time whether or not a text goes out.
    for (const { to, text } of outcome.texts) void this.sendText(caseId, outcome.codeId, to, text);
    return 'requested';
  }

  /**
   * Checks a code against the case's codes under the case's proof lock. A wrong entry counts
   * against every live code of the case, so each code survives at most five guesses in all.
   */
  async enterCode(caseId: string, typed: string): Promise<CodeEntryResult> {
    const code = typed.replace(/[\s-]/g, '');
    if (!new RegExp(`^\\d{${PROOF_CODE_DIGITS}}$`).test(code)) return { result: 'malformed' };
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (manager): Promise<CodeEntryResult & { changed?: string[] }> => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`proof-case:${caseId}`]);
      const entity = await this.casesReader.byId(caseId, manager);
      if (!entity || !OPEN_STATUSES.includes(entity.status)) return { result: 'closed' };
      const codes = await manager.find(ProofCodeEntity, { where: { caseId }, order: { createdAt: 'DESC' } });
      const match = codes.find((row) => same(row.codeHash, this.hash(row, code)));
      const sends = match ? await manager.find(ProofSendEntity, { where: { codeId: match.id }, order: { sentAt: 'ASC', id: 'ASC' } }) : [];
      if (match?.usedAt) return { result: 'used' };
      if (match && (match.voidedAt || match.expiresAt.getTime() <= now.getTime())) return { result: 'expired' };
      // A handler who meanwhile said none of those records is the requester's has the last word.
      if (match && sends.length && !(await this.anyRecordStillOpen(manager, caseId, sends))) return { result: 'expired' };
      // A code that went nowhere proves nothing, however it was come by.
      if (!match || !sends.length) {
        const live = codes.filter((row) => !row.usedAt && !row.voidedAt && row.expiresAt.getTime() > now.getTime());
        for (const row of live) {
          const wrongAttempts = row.wrongAttempts + 1;
          await manager.update(ProofCodeEntity, { id: row.id }, { wrongAttempts, voidedAt: wrongAttempts >= MAX_WRONG_ENTRIES_PER_CODE ? now : null });
        }
        await this.audit.append(manager, { caseId, type: 'proof.code_wrong', actor: 'requester', occurredAt: now, data: { liveCodes: live.length } });
        return { result: 'wrong' };
      }
      await manager.update(ProofCodeEntity, { id: match.id }, { usedAt: now });
      const identifier = await manager.findOneOrFail(CaseIdentifierEntity, { where: { id: match.identifierId } });
      const changed = await this.identity.establish(manager, caseId, [match.identifierId], {
        basis: 'proven',
        method: this.methodOf(sends),
        by: 'requester',
        source: { systemId: sends[0].systemId, externalId: sends[0].externalId },
      });
      await this.audit.append(manager, {
        caseId,
        type: 'proof.code_used',
        actor: 'requester',
        occurredAt: now,
        data: { codeId: match.id, identifier: { id: identifier.id, kind: identifier.kind } },
      });
      return { result: 'proven', kind: identifier.kind, changed };
    });
    if (outcome.result === 'proven') await this.identity.published(caseId, outcome.changed ?? []);
    return outcome.result === 'proven' ? { result: 'proven', kind: outcome.kind } : { result: outcome.result };
  }

  private async anyRecordStillOpen(manager: EntityManager, caseId: string, sends: ProofSendEntity[]): Promise<boolean> {
    const records = await manager.find(CaseRecordMatchEntity, { where: { caseId }, select: { systemId: true, externalId: true, status: true } });
    return sends.some((send) =>
      records.some((record) => record.systemId === send.systemId && record.externalId === send.externalId && record.status !== 'rejected'),
    );
  }

  /** "code sent to the e-mail and mobile on file in Visma": which channels, in which systems. */
  private methodOf(sends: ProofSendEntity[]): string {
    const channels = [...new Set(sends.map((send) => send.channel))].sort().map((channel) => (channel === 'email' ? 'e-mail' : 'mobile'));
    const systems = [...new Set(sends.map((send) => this.systems.system(send.systemId)?.name ?? send.systemId))];
    return `code sent to the ${channels.join(' and ')} on file in ${systems.join(' and ')}`;
  }

  /** Contacts on file in the candidate records found by the identifier, each once. */
  private async destinations(manager: EntityManager, caseId: string, identifierId: string): Promise<Destination[]> {
    const matches = await manager
      .createQueryBuilder(CaseRecordMatchEntity, 'match')
      .where(`match.case_id = :caseId AND match.status = 'candidate' AND match.found_by @> :found::jsonb`, { caseId, found: JSON.stringify([identifierId]) })
      .orderBy('match.created_at', 'ASC')
      .getMany();
    const seen = new Set<string>();
    const out: Destination[] = [];
    for (const match of matches) {
      const contacts = match.contacts ?? { emails: [], phones: [] };
      const found: Array<Destination | null> = [
        ...(contacts.emails ?? []).map((email) => {
          const address = normaliseEmail(email);
          return address && /^[^@\s]+@[^@\s]+$/.test(address)
            ? { channel: 'email' as const, address, systemId: match.systemId, externalId: match.externalId }
            : null;
        }),
        ...(contacts.phones ?? []).map((phone) => {
          const address = toE164(phone);
          return address ? { channel: 'sms' as const, address, systemId: match.systemId, externalId: match.externalId } : null;
        }),
      ];
      for (const destination of found) {
        if (!destination || seen.has(`${destination.channel}:${destination.address}`)) continue;
        seen.add(`${destination.channel}:${destination.address}`);
        out.push(destination);
      }
    }
    return out;
  }

  private async sendText(caseId: string, codeId: string, to: string, text: string): Promise<void> {
    try {
      await this.sms.send(to, text);
    } catch (error) {
      // The reason without the number or the text; the requester can ask for another code.
      this.logger.warn(`proof code text for case ${caseId} not sent: ${(error as Error).name}: ${(error as Error).message}`);
      await this.audit
        .record({ caseId, type: 'proof.sms_failed', actor: 'system', occurredAt: this.clock.now(), data: { codeId, error: (error as Error).name } })
        .catch(() => undefined);
    }
  }

  private provable(row: CaseIdentifierEntity): boolean {
    return row.basis === 'claimed' && row.searchable && PROVABLE_KINDS.includes(row.kind as never);
  }

  private hash(row: Pick<ProofCodeEntity, 'id' | 'caseId' | 'identifierId'>, code: string): string {
    return createHmac('sha256', this.codeKey).update(`${row.id}:${row.caseId}:${row.identifierId}:${code}`).digest('hex');
  }

  private destinationHash(destination: Pick<Destination, 'channel' | 'address'>): string {
    return createHmac('sha256', this.destinationKey).update(`${destination.channel}:${destination.address}`).digest('hex');
  }
}

function same(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The last characters of what was typed: enough to tell two apart, not to read it off a screen. */
function hintOf(row: CaseIdentifierEntity): string {
  if (row.kind === 'email') {
    const [local, domain] = row.value.split('@');
    return `${local.slice(0, 1)}…@${domain ?? ''}`;
  }
  const compact = row.value.replace(/\s/g, '');
  return `…${compact.slice(-Math.min(3, Math.max(1, compact.length - 2)))}`;
}
