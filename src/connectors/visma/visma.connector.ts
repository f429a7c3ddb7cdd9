import { DateTime } from 'luxon';
import type {
  Changes,
  Connector,
  ExportPart,
  Match,
  Outcome,
  PlanItem,
  PlanRequest,
  RectifyRequest,
  RestrictRequest,
  RestrictScope,
  RetentionRules,
  Subject,
  SummaryText,
  SurveyedRecord,
  SystemContext,
} from '../connector';
import { VismaClient, type VismaClientOptions } from './visma-client';
import { eraseFromVisma, eraseHeldInVisma, type VismaHeldIds } from './visma-erasure';
import { associateId, contactId, heldByAssociate, heldByContact, VismaRecords } from './visma-records';
import { differences, rectifyInVisma } from './visma-rectify';
import { vismaDateToIso } from './visma-retention';
import { checkVismaConnection, readVismaSettings, type VismaSettings } from './visma-settings';
import { DsrConnector } from '../dsr-connector';
import { associateWhat, exportDispositions, restrictionHow } from './visma-dispositions';
import { DispositionTally } from '../disposition-tally';
import { liftFieldRestrictionsInVisma, recordedFieldRestrictions, restrictFieldsInVisma } from './visma-field-restriction';
import { surveyVisma } from './visma-survey';
import { assertVismaSchema, checkedVismaSchema } from './visma-schema-check';
import { executeVismaPlan } from './visma-execute';
import { joinedTexts, summariesJoined, summarised } from '../outcome-summary';
import { VISMA_LABELS, VISMA_OUTCOMES, VISMA_SUMMARIES } from './visma-summaries';

/** What Business NXT holds about a customer that this connector does not read (README.md "Not
 *  covered"): said in every export, so the person is not told the list above is everything. */
export const VISMA_NOT_SEARCHED = ['invoice documents (PDF) and attachments', 'appointments and activities'] as const;

/** Said besides when the data map turns order reading off (`connection.orders.read: false`). */
export const VISMA_ORDERS_NOT_SEARCHED = ['sales orders and order lines', 'delivery addresses on orders'] as const;

export interface VismaConnectorOptions {
  /** The clock for retention dates and token expiry. */
  now?: () => Date;
  /** Wait inline for a 429 when Retry-After is at most this long (default 5000 ms). */
  maxInlineRetryWaitMs?: number;
  /** How many 429s one call may wait out inline (default 3). */
  maxRateLimitRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** The company's time zone, for "today" in retention decisions (default Europe/Oslo). */
  timeZone?: string;
}

/** Visma Business NXT (GraphQL service API): customers (`associate`), contact persons and the
 *  customer ledger of one company. Stateless; every call reads its settings from `ctx`. */
@DsrConnector('visma', { rateLimit: { max: 60, durationMs: 60_000 } })
export class VismaConnector implements Connector {
  readonly type = 'visma';
  private readonly clientOptions: VismaClientOptions;
  private readonly timeZone: string;

  constructor(options: VismaConnectorOptions = {}) {
    this.clientOptions = {
      now: options.now ?? (() => new Date()),
      maxInlineRetryWaitMs: options.maxInlineRetryWaitMs ?? 5000,
      maxRateLimitRetries: options.maxRateLimitRetries ?? 3,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    };
    this.timeZone = options.timeZone ?? 'Europe/Oslo';
  }

  checkConnection(connection: Record<string, unknown>): string[] {
    return checkVismaConnection(connection);
  }

  /** The boot check: the ledger, order and routine names looked up in the company's schema. */
  async checkNames(ctx: SystemContext): Promise<SummaryText[]> {
    const settings = readVismaSettings(ctx);
    return checkedVismaSchema(new VismaClient(settings, this.clientOptions), settings);
  }

  async find(ctx: SystemContext, subject: Subject): Promise<Match[]> {
    const { associates, contacts } = await (await this.records(ctx)).subjectRecords(subject);
    return [
      ...associates.map((associate) => ({
        externalId: associateId(associate.associateNo),
        kind: 'associate',
        label: associate.customerNo > 0 ? `Customer ${associate.customerNo}` : `Associate ${associate.associateNo}`,
        holds: heldByAssociate(associate),
      })),
      ...contacts.map((contact) => ({
        externalId: contactId(contact.contactNo),
        kind: 'contact',
        label: `Contact person at associate ${contact.associateNo}`,
        holds: heldByContact(contact),
      })),
    ];
  }

  /** The subject's customers with their ledger and contact persons, and contact persons found on
   *  their own (at a customer that is not the subject's, whose ledger is then not read). */
  async export(ctx: SystemContext, subject: Subject): Promise<ExportPart> {
    const records = await this.records(ctx);
    const found = await records.subjectRecords(subject);
    const associates = found.associates;
    const matchedNos = associates.map((associate) => associate.associateNo);
    const contactsOfCustomers = await records.contactsOf(matchedNos);
    const directContacts = found.contacts.filter((contact) => !matchedNos.includes(contact.associateNo));
    const contacts = [...contactsOfCustomers, ...directContacts];
    const customerNos = associates.map((associate) => associate.customerNo);
    const ledger = await records.transactionsOf(customerNos);
    const customerTransactions = ledger.map((entry) => ({ ...entry, voucherDate: vismaDateToIso(entry.voucherDate) }));
    const orderRows = await records.ordersOf(customerNos);
    const orders = orderRows.map((order) => ({ ...order, orderDate: vismaDateToIso(order.orderDate) }));
    const orderLines = await records.orderLinesOf(orderRows.map((order) => order.orderNo));
    const notSearched = records.readsOrders ? [...VISMA_NOT_SEARCHED] : [...VISMA_ORDERS_NOT_SEARCHED, ...VISMA_NOT_SEARCHED];
    const data = { associates, contacts, customerTransactions, orders, orderLines, notSearched };
    return {
      systemId: ctx.systemId,
      data,
      tables: { associates: rows(associates), contacts: rows(contacts), customerTransactions, orders, orderLines: rows(orderLines) },
      recordCount: associates.length + contacts.length + customerTransactions.length + orders.length + orderLines.length,
      dispositions: exportDispositions(associates, contacts.length, customerTransactions.length, orders.length, orderLines.length),
    };
  }

  async rectify(ctx: SystemContext, subject: Subject, changes: Changes, request?: RectifyRequest): Promise<Outcome> {
    const settings = readVismaSettings(ctx);
    return rectifyInVisma(await this.recordsFor(settings), subject, changes, { annotationField: settings.annotationField, request, today: this.today() });
  }

  async erase(ctx: SystemContext, subject: Subject, retention: RetentionRules): Promise<Outcome> {
    const settings = readVismaSettings(ctx);
    return eraseFromVisma(await this.recordsFor(settings), subject, retention, this.today(), settings);
  }

  /** At the end of a hold: the records it kept, by associate/contact number (their e-mail and phone are blank by now). */
  async eraseRetained(ctx: SystemContext, externalIds: Record<string, unknown>, retention: RetentionRules): Promise<Outcome> {
    const settings = readVismaSettings(ctx);
    const ids: VismaHeldIds = { associateNos: numbers(externalIds.associateNos), contactNos: numbers(externalIds.contactNos) };
    return eraseHeldInVisma(await this.recordsFor(settings), ids, retention, this.today(), settings);
  }

  async restrict(ctx: SystemContext, subject: Subject, scope: RestrictScope, request?: RestrictRequest): Promise<Outcome> {
    const settings = readVismaSettings(ctx);
    // Contested fields (Art 18(1)(a)): only those, by a note on the record; the card stays in use.
    if (scope === 'processing' && request?.fields?.length) {
      return restrictFieldsInVisma(await this.recordsFor(settings), subject, request.fields, request.reference, settings.annotationField);
    }
    const { marketing, restriction } = settings.flags;
    // Restricting processing also stops marketing, which is processing too.
    const fields = scope === 'marketing' ? [marketing] : [marketing, restriction];
    const missing = scope === 'marketing' ? !marketing : !restriction;
    const records = await this.recordsFor(settings);
    const { associates, contacts } = await records.subjectRecords(subject);
    if (!associates.length && !contacts.length) {
      return {
        status: 'not_found',
        ...summarised(VISMA_SUMMARIES.noMatch),
        dispositions: [{ kind: 'not_held', reason: 'not_found' }],
      };
    }
    if (missing) {
      // Which field means "no marketing" or "restricted" differs per company: no guessing.
      const setting = scope === 'marketing' ? 'marketingFlagField' : 'restrictionFlagField';
      const found = joinedTexts(
        [...associates.map((row) => VISMA_LABELS.associate(row.associateNo)), ...contacts.map((row) => VISMA_LABELS.contact(row.contactNo))],
        ', ',
      );
      return { status: 'manual', ...summarised(VISMA_OUTCOMES.flagByHand(scope, found, setting)) };
    }
    const flags = Object.fromEntries(fields.filter((field): field is string => !!field).map((field) => [field, true]));
    // Every matched record is restricted once this has run, also one flagged by an earlier run.
    const how = restrictionHow(Object.keys(flags), scope);
    const restricted = new DispositionTally();
    for (const row of associates) restricted.add({ kind: 'restricted', what: associateWhat(row), how });
    restricted.add({ kind: 'restricted', what: 'contact-person', how }, contacts.length);
    let updated = 0;
    for (const row of associates) if (differences(row, flags).length) updated += await records.updateAssociate(row.associateNo, flags);
    for (const row of contacts) if (differences(row, flags).length) updated += await records.updateContact(row.contactNo, flags);
    return {
      status: 'done',
      ...summarised(VISMA_OUTCOMES.flagsSet(Object.keys(flags), associates.length + contacts.length, !updated)),
      details: { updatedRecords: updated },
      dispositions: restricted.list(),
    };
  }

  /** Removes exactly the notes a per-field restriction wrote; a whole-record flag stays for the owner. */
  async liftRestriction(ctx: SystemContext, restricted: Record<string, unknown>): Promise<Outcome> {
    const restrictions = recordedFieldRestrictions(restricted);
    if (!restrictions.length) {
      return { status: 'manual', ...summarised(VISMA_SUMMARIES.ownerLiftsRestriction) };
    }
    return liftFieldRestrictionsInVisma(await this.records(ctx), restrictions);
  }

  async survey(ctx: SystemContext, subject: Subject, request: PlanRequest, retention: RetentionRules): Promise<SurveyedRecord[]> {
    const settings = readVismaSettings(ctx);
    return surveyVisma(await this.recordsFor(settings), subject, request, retention, settings.financialYearStart);
  }

  /**
   * A plan the handler left as proposed is this connector's routine itself (the proposals are what
   * it does: for an erasure, vouchers kept under their § 13 hold per financial year and the card
   * kept minimal and restricted while they are; a correction noted on the card; a restriction of
   * the contested fields only). So the routine runs, with the holds it schedules per financial year,
   * after deleting the vouchers past their limit. A plan a handler changed is done item by item.
   */
  async execute(ctx: SystemContext, subject: Subject, request: PlanRequest, items: PlanItem[], retention: RetentionRules): Promise<Outcome> {
    const settings = readVismaSettings(ctx);
    const records = await this.recordsFor(settings);
    if (!items.every((item) => item.asProposed)) return executeVismaPlan(records, subject, request, items, settings);
    if (request.action === 'rectify') return this.rectify(ctx, subject, request.changes ?? {}, { reference: request.reference });
    if (request.action === 'restrict') return this.restrict(ctx, subject, 'processing', { reference: request.reference, fields: request.contested });
    const pastLimit = items.filter((item) => item.recordType === 'ledger-entry' && item.action === 'erase');
    const first = pastLimit.length ? await executeVismaPlan(records, subject, request, pastLimit, settings) : null;
    const rest = await this.erase(ctx, subject, retention);
    return first ? afterVouchers(first, rest) : rest;
  }

  private today(): string {
    return DateTime.fromJSDate(this.clientOptions.now()).setZone(this.timeZone).toISODate() as string;
  }

  private async records(ctx: SystemContext): Promise<VismaRecords> {
    return this.recordsFor(readVismaSettings(ctx));
  }

  /** The system's records, once its configured names are known to exist in the company's schema
   *  (checked once per process; a wrong name stops every action with a message naming it). */
  private async recordsFor(settings: VismaSettings): Promise<VismaRecords> {
    const client = new VismaClient(settings, this.clientOptions);
    await assertVismaSchema(client, settings);
    const flagFields = [settings.flags.marketing, settings.flags.restriction].filter((field): field is string => !!field);
    return new VismaRecords(client, settings.companyNo, flagFields, settings.annotationField ? [settings.annotationField] : [], {
      ledger: settings.ledger,
      orders: settings.orders,
      deletion: settings.deletion,
      deletionRoutine: settings.deletionRoutine,
    });
  }
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((item): item is number => Number.isInteger(item)) : [];
}

function rows(items: object[]): Array<Record<string, unknown>> {
  return items.map((item) => ({ ...item }));
}

/** The routine's outcome with the past-limit vouchers deleted before it: their dispositions and
 *  summary go in front; a voucher Visma refused makes the whole a person's task. */
function afterVouchers(vouchers: Outcome, given: Outcome): Outcome {
  if (vouchers.status === 'manual' || vouchers.status === 'failed') return vouchers;
  const summary = summariesJoined(vouchers, given, ' ');
  if (given.status === 'manual') return { ...given, ...summary };
  const before = 'dispositions' in vouchers ? (vouchers.dispositions ?? []) : [];
  const after = 'dispositions' in given ? (given.dispositions ?? []) : [];
  return { ...given, ...summary, dispositions: [...before, ...after] };
}
