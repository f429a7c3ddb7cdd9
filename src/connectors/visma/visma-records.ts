import { normaliseEmail, sameEmail } from '../../identity/email';
import { phoneSpellings, samePhone } from '../../identity/phone';
import { ConnectorError } from '../connector-errors';
import type { RecordIdentifiers, Subject } from '../connector';
import { inScope, recordIdentifiers } from '../record-identifiers';
import type { VismaClient } from './visma-client';
import {
  ASSOCIATE_DELETE,
  ASSOCIATE_UPDATE,
  CONTACT_DELETE,
  CONTACT_UPDATE,
  FILTERS,
  deletionRoutineMutation,
  ledgerDeleteMutation,
  ledgerPageQuery,
  orderDeleteMutation,
  orderLinesPageQuery,
  ordersPageQuery,
  pageQuery,
  type AssociateRow,
  type AssociateValue,
  type ContactRow,
  type ContactValue,
  type CustomerTransactionRow,
  type OrderLineRow,
  type OrderRow,
  type Page,
  type Table,
} from './visma-queries';
import { DEFAULT_VISMA_DELETION_ROUTINE, DEFAULT_VISMA_LEDGER, DEFAULT_VISMA_ORDERS, type VismaLedgerNames, type VismaOrderNames } from './visma-settings';

/** How this company's customer ledger is named and how a customer is deleted (from the data map). */
export interface VismaRecordsLayout {
  ledger: VismaLedgerNames;
  orders: VismaOrderNames;
  deletion: 'routine' | 'direct';
  deletionRoutine: string;
}

const DEFAULT_LAYOUT: VismaRecordsLayout = {
  ledger: { table: DEFAULT_VISMA_LEDGER.table, fields: { ...DEFAULT_VISMA_LEDGER.fields } },
  orders: { ...DEFAULT_VISMA_ORDERS, read: true, fields: { ...DEFAULT_VISMA_ORDERS.fields }, lineFields: { ...DEFAULT_VISMA_ORDERS.lineFields } },
  deletion: 'routine',
  deletionRoutine: DEFAULT_VISMA_DELETION_ROUTINE,
};

/** Stop paging after this many pages: more rows than this for one person means a bad filter. */
const MAX_PAGES = 100;

/** The subject's records in one Business NXT company, read and changed through the client. */
export class VismaRecords {
  constructor(
    private readonly client: VismaClient,
    private readonly companyNo: number,
    /** The company's flag fields named in the data map, read with every associate and contact. */
    private readonly flagFields: string[] = [],
    /** Further company fields read with every associate (the note field named in the data map). */
    private readonly associateFields: string[] = [],
    private readonly layout: VismaRecordsLayout = DEFAULT_LAYOUT,
  ) {}

  /**
   * The subject's records: associates and contact persons one of the subject's identifiers finds,
   * each confirmed locally (e-mail equal ignoring case, phone the same number in E.164, customer
   * number equal). This is where the connector decides whose data it touches, so `onlyRecords` is
   * applied here and nowhere else; every action, and what it reads along (a customer's ledger and
   * contact persons), starts from what this returns.
   */
  async subjectRecords(subject: Subject): Promise<SubjectRecords> {
    const associates = (await this.findAssociates(subject)).filter((row) => holdsSubject(row, subject) && inScope(subject, associateId(row.associateNo)));
    const contacts = (await this.findContacts(subject)).filter((row) => holdsSubject(row, subject) && inScope(subject, contactId(row.contactNo)));
    return { associates, contacts };
  }

  private async findAssociates(subject: Subject): Promise<AssociateRow[]> {
    const found: AssociateRow[] = [];
    const emails = emailSpellings(subject.email);
    if (emails.length) found.push(...(await this.readAll<AssociateRow>('associate', FILTERS.byEmails, '[String!]', emails)));
    const phones = phoneSpellings(subject.phone);
    if (phones.length) found.push(...(await this.readAll<AssociateRow>('associate', FILTERS.byPhone, '[String!]', phones)));
    const customerNo = customerNumber(subject.customerNumber);
    if (customerNo !== undefined) found.push(...(await this.readAll<AssociateRow>('associate', FILTERS.byCustomerNo, 'Int', customerNo)));
    return unique(found, (row) => row.associateNo);
  }

  /** Contact persons (at company customers) are searched by e-mail and phone only. */
  private async findContacts(subject: Subject): Promise<ContactRow[]> {
    const found: ContactRow[] = [];
    const emails = emailSpellings(subject.email);
    if (emails.length) found.push(...(await this.readAll<ContactRow>('contact', FILTERS.byEmails, '[String!]', emails)));
    const phones = phoneSpellings(subject.phone);
    if (phones.length) found.push(...(await this.readAll<ContactRow>('contact', FILTERS.byPhone, '[String!]', phones)));
    return unique(found, (row) => row.contactNo);
  }

  async associatesByNo(associateNos: number[]): Promise<AssociateRow[]> {
    if (!associateNos.length) return [];
    return this.readAll<AssociateRow>(
      'associate',
      FILTERS.byAssociateNos,
      '[Int!]',
      unique(associateNos, (no) => no),
    );
  }

  async contactsByNo(contactNos: number[]): Promise<ContactRow[]> {
    if (!contactNos.length) return [];
    return this.readAll<ContactRow>(
      'contact',
      FILTERS.byContactNos,
      '[Int!]',
      unique(contactNos, (no) => no),
    );
  }

  async contactsOf(associateNos: number[]): Promise<ContactRow[]> {
    if (!associateNos.length) return [];
    return this.readAll<ContactRow>(
      'contact',
      FILTERS.byAssociateNos,
      '[Int!]',
      unique(associateNos, (no) => no),
    );
  }

  /** Customer ledger entries of the given customer numbers (0 = "not a customer" is skipped). */
  async transactionsOf(customerNos: number[]): Promise<CustomerTransactionRow[]> {
    const numbers = unique(
      customerNos.filter((no) => no > 0),
      (no) => no,
    );
    if (!numbers.length) return [];
    return this.readPages<CustomerTransactionRow>(this.layout.ledger.table, ledgerPageQuery(this.layout.ledger), numbers);
  }

  /** Whether this company's orders are read at all (`connection.orders.read`). */
  get readsOrders(): boolean {
    return this.layout.orders.read;
  }

  /** Sales orders of the given customer numbers (none when orders are not read). */
  async ordersOf(customerNos: number[]): Promise<OrderRow[]> {
    const numbers = unique(
      customerNos.filter((no) => no > 0),
      (no) => no,
    );
    if (!numbers.length || !this.layout.orders.read) return [];
    return this.readPages<OrderRow>(this.layout.orders.table, ordersPageQuery(this.layout.orders), numbers);
  }

  async orderLinesOf(orderNos: number[]): Promise<OrderLineRow[]> {
    if (!orderNos.length || !this.layout.orders.read) return [];
    return this.readPages<OrderLineRow>(
      this.layout.orders.lineTable,
      orderLinesPageQuery(this.layout.orders),
      unique(orderNos, (no) => no),
    );
  }

  /** Deletes one order with its lines; Visma refuses (a GraphQL error) what it must keep. */
  async deleteOrder(orderNo: number): Promise<{ orders: number; lines: number }> {
    const data = await this.client.request<{ useCompany: { lines: { affectedRows: number } | null; head: { affectedRows: number } | null } }>(
      orderDeleteMutation(this.layout.orders),
      { cid: this.companyNo, orderNo },
    );
    return { orders: data.useCompany.head?.affectedRows ?? 0, lines: data.useCompany.lines?.affectedRows ?? 0 };
  }

  async updateAssociate(associateNo: number, value: AssociateValue): Promise<number> {
    const data = await this.client.request<{ useCompany: { associate_update: { affectedRows: number } | null } }>(ASSOCIATE_UPDATE, {
      cid: this.companyNo,
      no: associateNo,
      value,
    });
    return data.useCompany.associate_update?.affectedRows ?? 0;
  }

  /**
   * Deletes one associate: with `deletion: routine` by Visma Business' own "Slett kunde-/
   * leverandørdata" (which checks balance, retention period, appointments and budget lines, moves
   * old ledger rows to the company's anonymisation customer and deletes orders), else by
   * `associate_delete`. A refusal (GraphQL error, or the routine not succeeding) is a permanent
   * ConnectorError, which the callers turn into blanking and a person's task.
   */
  async deleteAssociate(associateNo: number): Promise<number> {
    if (this.layout.deletion === 'routine') return this.runDeletionRoutine(associateNo);
    const data = await this.client.request<{ useCompany: { associate_delete: { affectedRows: number } | null } }>(ASSOCIATE_DELETE, {
      cid: this.companyNo,
      no: associateNo,
    });
    return data.useCompany.associate_delete?.affectedRows ?? 0;
  }

  private async runDeletionRoutine(associateNo: number): Promise<number> {
    const routine = this.layout.deletionRoutine;
    const data = await this.client.request<{ useCompany: { associate_processings: Record<string, { succeeded: boolean } | null> | null } }>(
      deletionRoutineMutation(routine),
      { cid: this.companyNo, no: associateNo },
    );
    const result = data.useCompany.associate_processings?.[routine];
    if (!result?.succeeded) throw new ConnectorError(`Visma's deletion routine (${routine}) did not succeed for associate ${associateNo}`, false);
    return 1;
  }

  async updateContact(contactNo: number, value: ContactValue): Promise<number> {
    const data = await this.client.request<{ useCompany: { contact_update: { affectedRows: number } | null } }>(CONTACT_UPDATE, {
      cid: this.companyNo,
      no: contactNo,
      value,
    });
    return data.useCompany.contact_update?.affectedRows ?? 0;
  }

  async deleteContact(contactNo: number): Promise<number> {
    const data = await this.client.request<{ useCompany: { contact_delete: { affectedRows: number } | null } }>(CONTACT_DELETE, {
      cid: this.companyNo,
      no: contactNo,
    });
    return data.useCompany.contact_delete?.affectedRows ?? 0;
  }

  /** Deletes one voucher's ledger rows of one customer; Visma refuses (a GraphQL error) what it must keep. */
  async deleteTransaction(customerNo: number, voucherNo: number): Promise<number> {
    const table = this.layout.ledger.table;
    const data = await this.client.request<{ useCompany: Record<string, { affectedRows: number } | null> }>(ledgerDeleteMutation(this.layout.ledger), {
      cid: this.companyNo,
      customerNo,
      voucherNo,
    });
    return data.useCompany[`${table}_delete`]?.affectedRows ?? 0;
  }

  private async readAll<T>(table: Table, filter: string, valueType: string, value: unknown): Promise<T[]> {
    const query = pageQuery(table, filter, valueType, table === 'associate' ? [...this.flagFields, ...this.associateFields] : this.flagFields);
    return this.readPages<T>(table, query, value);
  }

  private async readPages<T>(table: string, query: string, value: unknown): Promise<T[]> {
    const rows: T[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const data: { useCompany: Record<string, Page<T> | null> | null } = await this.client.request(query, {
        cid: this.companyNo,
        value,
        after,
      });
      if (!data.useCompany) throw new ConnectorError(`Visma company ${this.companyNo} is not available to this client`, false);
      const result = data.useCompany[table];
      rows.push(...(result?.items ?? []));
      if (!result?.pageInfo.hasNextPage || !result.pageInfo.endCursor) return rows;
      after = result.pageInfo.endCursor;
    }
    throw new ConnectorError(`Visma ${table} lookup returned more than ${MAX_PAGES * 100} rows; refusing to continue`, false);
  }
}

/** The customer number as Business NXT's integer, or undefined when it cannot be one. */
export function customerNumber(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d{1,9}$/.test(text)) return undefined;
  const number = Number(text);
  return number > 0 ? number : undefined;
}

/** A record's externalId: associates and contact persons are numbered separately in Business
 *  NXT, so the table is part of the id (associate 5 and contact person 5 are different people). */
export function associateId(associateNo: number): string {
  return `associate:${associateNo}`;
}

export function contactId(contactNo: number): string {
  return `contact:${contactNo}`;
}

export interface SubjectRecords {
  associates: AssociateRow[];
  contacts: ContactRow[];
}

/** What an associate or contact person holds, as the engine compares identifiers. A contact
 *  person's customer number is its company's, not the person's own, so it is not listed. */
export function heldByAssociate(row: AssociateRow): RecordIdentifiers {
  const address = [row.addressLine1, [row.postCode, row.postalArea].filter((part) => part?.trim()).join(' ')].filter((part) => part?.trim()).join(', ');
  return recordIdentifiers({
    emails: [row.emailAddress],
    phones: [row.phone, row.mobilePhone],
    customerNumbers: row.customerNo > 0 ? [String(row.customerNo)] : [],
    names: [row.name],
    addresses: [address],
  });
}

export function heldByContact(row: ContactRow): RecordIdentifiers {
  return recordIdentifiers({ emails: [row.emailAddress], phones: [row.phone, row.mobilePhone], names: [row.name] });
}

/** Whether the row itself holds one of the subject's identifiers: Business NXT compares strings by
 *  the company database's collation, and `_in` on spellings is only a search. */
function holdsSubject(row: AssociateRow | ContactRow, subject: Subject): boolean {
  if (sameEmail(row.emailAddress, subject.email)) return true;
  if (samePhone(row.phone, subject.phone) || samePhone(row.mobilePhone, subject.phone)) return true;
  const customerNo = customerNumber(subject.customerNumber);
  return customerNo !== undefined && 'customerNo' in row && row.customerNo === customerNo;
}

/** The address as given and in lower case: whether `_eq` ignores case depends on the company
 *  database's collation (not documented), so both are asked for and the rows confirmed locally. */
function emailSpellings(email: string | undefined): string[] {
  const given = email?.trim();
  const normalised = normaliseEmail(email);
  return normalised ? unique([given!, normalised], (spelling) => spelling) : [];
}

function unique<T, K>(items: T[], key: (item: T) => K): T[] {
  const seen = new Set<K>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
