import { ConnectorError } from '../connector-errors';
import type { Subject } from '../connector';
import type { VismaClient } from './visma-client';
import {
  ASSOCIATE_DELETE,
  ASSOCIATE_UPDATE,
  CONTACT_DELETE,
  CONTACT_UPDATE,
  FILTERS,
  pageQuery,
  type AssociateRow,
  type AssociateValue,
  type ContactRow,
  type ContactValue,
  type CustomerTransactionRow,
  type Page,
  type Table,
} from './visma-queries';

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
  ) {}

  /** Associates matching any of the subject's identifiers (exact matches), without duplicates. */
  async findAssociates(subject: Subject): Promise<AssociateRow[]> {
    const found: AssociateRow[] = [];
    if (subject.email?.trim()) found.push(...(await this.readAll<AssociateRow>('associate', FILTERS.byEmail, 'String', subject.email.trim())));
    const phones = phoneVariants(subject.phone);
    if (phones.length) found.push(...(await this.readAll<AssociateRow>('associate', FILTERS.byPhone, '[String!]', phones)));
    const customerNo = customerNumber(subject.customerNumber);
    if (customerNo !== undefined) found.push(...(await this.readAll<AssociateRow>('associate', FILTERS.byCustomerNo, 'Int', customerNo)));
    return unique(found, (row) => row.associateNo);
  }

  /** Contact persons (at company customers) matching the subject's e-mail or phone. */
  async findContacts(subject: Subject): Promise<ContactRow[]> {
    const found: ContactRow[] = [];
    if (subject.email?.trim()) found.push(...(await this.readAll<ContactRow>('contact', FILTERS.byEmail, 'String', subject.email.trim())));
    const phones = phoneVariants(subject.phone);
    if (phones.length) found.push(...(await this.readAll<ContactRow>('contact', FILTERS.byPhone, '[String!]', phones)));
    return unique(found, (row) => row.contactNo);
  }

  async associatesByNo(associateNos: number[]): Promise<AssociateRow[]> {
    if (!associateNos.length) return [];
    return this.readAll<AssociateRow>('associate', FILTERS.byAssociateNos, '[Int!]', unique(associateNos, (no) => no));
  }

  async contactsByNo(contactNos: number[]): Promise<ContactRow[]> {
    if (!contactNos.length) return [];
    return this.readAll<ContactRow>('contact', FILTERS.byContactNos, '[Int!]', unique(contactNos, (no) => no));
  }

  async contactsOf(associateNos: number[]): Promise<ContactRow[]> {
    if (!associateNos.length) return [];
    return this.readAll<ContactRow>('contact', FILTERS.byAssociateNos, '[Int!]', unique(associateNos, (no) => no));
  }

  /** Customer ledger entries of the given customer numbers (0 = "not a customer" is skipped). */
  async transactionsOf(customerNos: number[]): Promise<CustomerTransactionRow[]> {
    const numbers = unique(customerNos.filter((no) => no > 0), (no) => no);
    if (!numbers.length) return [];
    return this.readAll<CustomerTransactionRow>('customerTransaction', FILTERS.byCustomerNos, '[Int!]', numbers);
  }

  async updateAssociate(associateNo: number, value: AssociateValue): Promise<number> {
    const data = await this.client.request<{ useCompany: { associate_update: { affectedRows: number } | null } }>(ASSOCIATE_UPDATE, {
      cid: this.companyNo,
      no: associateNo,
      value,
    });
    return data.useCompany.associate_update?.affectedRows ?? 0;
  }

  async deleteAssociate(associateNo: number): Promise<number> {
    const data = await this.client.request<{ useCompany: { associate_delete: { affectedRows: number } | null } }>(ASSOCIATE_DELETE, {
      cid: this.companyNo,
      no: associateNo,
    });
    return data.useCompany.associate_delete?.affectedRows ?? 0;
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

  private async readAll<T>(table: Table, filter: string, valueType: string, value: unknown): Promise<T[]> {
    const query = pageQuery(table, filter, valueType, table === 'associate' ? [...this.flagFields, ...this.associateFields] : this.flagFields);
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

/** Exact spellings a Norwegian number is commonly stored in (phone is free text in Visma):
 *  as given, compact, with/without +47, and grouped "912 34 567" / "22 12 34 56". */
export function phoneVariants(phone: string | undefined): string[] {
  const given = phone?.trim();
  if (!given) return [];
  const compact = given.replace(/[\s\-().]/g, '').replace(/^00/, '+');
  const variants = [given, compact];
  const national = compact.startsWith('+47') ? compact.slice(3) : /^\d{8}$/.test(compact) ? compact : undefined;
  if (national && /^\d{8}$/.test(national)) {
    const mobileStyle = `${national.slice(0, 3)} ${national.slice(3, 5)} ${national.slice(5)}`;
    const landlineStyle = `${national.slice(0, 2)} ${national.slice(2, 4)} ${national.slice(4, 6)} ${national.slice(6)}`;
    variants.push(national, `+47${national}`, mobileStyle, landlineStyle, `+47 ${mobileStyle}`, `+47 ${landlineStyle}`);
  }
  return unique(variants, (variant) => variant);
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
