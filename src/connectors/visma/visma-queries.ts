/**
 * Every GraphQL document the connector sends, and so every Business NXT name it relies on.
 * Confirmed in the Business NXT documentation: `useCompany(no:)`, the `associate` table with
 * `associateNo`, `customerNo` and `name`, the `contact` table, `filter` with `_eq _in _or`,
 * `first/after` with `totalCount pageInfo{hasNextPage endCursor} items`, `<table>_update(filter,
 * value){affectedRows items}` and `<table>_delete(filter){affectedRows}`, dates as yyyymmdd integers.
 * Everything else is (unverified) and listed in README.md:
 *  - associate: emailAddress, phone, mobilePhone, addressLine1, postCode, postalArea (unverified)
 *  - contact: contactNo, associateNo, name, emailAddress, phone, mobilePhone (unverified)
 *  - the "no marketing" / "restricted" flags are not assumed: the data map names the company's
 *    fields (connection.marketingFlagField / restrictionFlagField), which are then read and written
 *  - the customer ledger's table and field names come from the data map (connection.ledger, with
 *    Visma Business' model names as defaults) and are checked by introspection before use
 *    (visma-schema-check.ts); they are read under fixed aliases, so the rest of the connector
 *    sees `customerNo voucherNo voucherDate amount` whatever the company's names are
 *  - sales orders and order lines: table and field names from the data map (connection.orders,
 *    defaults in DEFAULT_VISMA_ORDERS), checked by introspection and read under fixed aliases like
 *    the ledger; `<order>_delete` / `<orderLine>_delete(filter)` delete one order and its lines
 *  - input type names Associate_Input, Contact_Input (unverified)
 *  - <ledger>_delete: that Visma lets the table API delete ledger rows past their retention limit
 *    (unverified; a refusal is left to a person)
 *  - the deletion routine: `associate_processings { <routine>(filter) { succeeded } }` follows the
 *    documented processings shape; the processing's field name (default
 *    deleteCustomerSupplierData) is checked by introspection, its run without `args` relies on the
 *    company's own settings (retention period, anonymisation customer) as the dialog does
 */
import type { VismaLedgerNames, VismaOrderNames } from './visma-settings';

export const PAGE_SIZE = 100;

interface ContactFields {
  name: string | null;
  emailAddress: string | null;
  phone: string | null;
  mobilePhone: string | null;
}

interface AssociateFields extends ContactFields {
  addressLine1: string | null;
  postCode: string | null;
  postalArea: string | null;
}

/** A row also carries the configured flag fields, by the company's own names. */
export interface AssociateRow extends AssociateFields {
  associateNo: number;
  customerNo: number;
  [flagField: string]: unknown;
}

export interface ContactRow extends ContactFields {
  contactNo: number;
  associateNo: number;
  [flagField: string]: unknown;
}

export interface CustomerTransactionRow {
  customerNo: number;
  voucherNo: number;
  /** yyyymmdd, as Business NXT stores dates. */
  voucherDate: number;
  amount: number;
}

/** A sales order head, under the connector's aliases whatever the company's names are. */
export interface OrderRow {
  orderNo: number;
  customerNo: number;
  /** yyyymmdd */
  orderDate: number;
  /** The invoice number once the order is invoiced; 0, empty or null before. */
  invoiceNo: number | string | null;
  deliveryName: string | null;
  deliveryAddress: string | null;
  deliveryPostCode: string | null;
  deliveryPostalArea: string | null;
}

export interface OrderLineRow {
  orderNo: number;
  lineNo: number;
  productNo: string | null;
  description: string | null;
  quantity: number | null;
  amount: number | null;
}

export type AssociateValue = Partial<AssociateFields> & Record<string, unknown>;
export type ContactValue = Partial<ContactFields> & Record<string, unknown>;

export interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  items: T[] | null;
}

export type Table = 'associate' | 'contact';

const SELECTION: Record<Table, string> = {
  associate: 'associateNo customerNo name emailAddress phone mobilePhone addressLine1 postCode postalArea',
  contact: 'contactNo associateNo name emailAddress phone mobilePhone',
};

/** A paged read of `table`; `filter` is a GraphQL literal using `$value` of type `valueType`;
 *  `flagFields` (the data map's flag names) are read on associates and contacts. */
export function pageQuery(table: Table, filter: string, valueType: string, flagFields: string[] = []): string {
  return connectionQuery(table, filter, valueType, [SELECTION[table], ...flagFields].join(' '));
}

/** The ledger entries of customer numbers `$value`, read under the connector's own aliases. */
export function ledgerPageQuery(ledger: VismaLedgerNames): string {
  const { customerNo, voucherNo, voucherDate, amount } = ledger.fields;
  const selection = `customerNo: ${customerNo} voucherNo: ${voucherNo} voucherDate: ${voucherDate} amount: ${amount}`;
  return connectionQuery(ledger.table, `{ ${customerNo}: { _in: $value } }`, '[Int!]', selection);
}

/** One voucher's rows in the customer ledger of one customer (a voucher number alone may span customers). */
export function ledgerDeleteMutation(ledger: VismaLedgerNames): string {
  const { customerNo, voucherNo } = ledger.fields;
  return `mutation delete_customer_transaction($cid: Int!, $customerNo: Int!, $voucherNo: Int!) {
  useCompany(no: $cid) {
    ${ledger.table}_delete(filter: { _and: [{ ${customerNo}: { _eq: $customerNo } }, { ${voucherNo}: { _eq: $voucherNo } }] }) { affectedRows }
  }
}`;
}

/** The orders of customer numbers `$value` (Int list), read under the connector's own aliases. */
export function ordersPageQuery(orders: VismaOrderNames): string {
  return connectionQuery(orders.table, `{ ${orders.fields.customerNo}: { _in: $value } }`, '[Int!]', aliased(orders.fields));
}

/** The lines of order numbers `$value`. */
export function orderLinesPageQuery(orders: VismaOrderNames): string {
  return connectionQuery(orders.lineTable, `{ ${orders.lineFields.orderNo}: { _in: $value } }`, '[Int!]', aliased(orders.lineFields));
}

/** One order: its lines first, then the head (a head without lines is what a retry finds). */
export function orderDeleteMutation(orders: VismaOrderNames): string {
  return `mutation delete_order($cid: Int!, $orderNo: Int!) {
  useCompany(no: $cid) {
    lines: ${orders.lineTable}_delete(filter: { ${orders.lineFields.orderNo}: { _eq: $orderNo } }) { affectedRows }
    head: ${orders.table}_delete(filter: { ${orders.fields.orderNo}: { _eq: $orderNo } }) { affectedRows }
  }
}`;
}

/** `alias: companyName` for every field, so rows carry the connector's names. */
function aliased(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([alias, name]) => `${alias}: ${name}`)
    .join(' ');
}

/** Visma Business' own "delete customer/supplier data" routine on one associate (a processing). */
export function deletionRoutineMutation(routine: string): string {
  return `mutation delete_customer_data($cid: Int!, $no: Int!) {
  useCompany(no: $cid) {
    associate_processings {
      ${routine}(filter: { associateNo: { _eq: $no } }) { succeeded }
    }
  }
}`;
}

function connectionQuery(table: string, filter: string, valueType: string, selection: string): string {
  return `query read_${table}($cid: Int!, $value: ${valueType}, $after: String) {
  useCompany(no: $cid) {
    ${table}(filter: ${filter}, first: ${PAGE_SIZE}, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      items { ${selection} }
    }
  }
}`;
}

export const FILTERS = {
  byEmails: '{ emailAddress: { _in: $value } }',
  byPhone: '{ _or: [{ phone: { _in: $value } }, { mobilePhone: { _in: $value } }] }',
  byCustomerNo: '{ customerNo: { _eq: $value } }',
  byAssociateNos: '{ associateNo: { _in: $value } }',
  byContactNos: '{ contactNo: { _in: $value } }',
} as const;

export const ASSOCIATE_UPDATE = `mutation update_associate($cid: Int!, $no: Int!, $value: Associate_Input!) {
  useCompany(no: $cid) {
    associate_update(filter: { associateNo: { _eq: $no } }, value: $value) {
      affectedRows
    }
  }
}`;

export const ASSOCIATE_DELETE = `mutation delete_associate($cid: Int!, $no: Int!) {
  useCompany(no: $cid) {
    associate_delete(filter: { associateNo: { _eq: $no } }) { affectedRows }
  }
}`;

export const CONTACT_UPDATE = `mutation update_contact($cid: Int!, $no: Int!, $value: Contact_Input!) {
  useCompany(no: $cid) {
    contact_update(filter: { contactNo: { _eq: $no } }, value: $value) {
      affectedRows
    }
  }
}`;

export const CONTACT_DELETE = `mutation delete_contact($cid: Int!, $no: Int!) {
  useCompany(no: $cid) {
    contact_delete(filter: { contactNo: { _eq: $no } }) { affectedRows }
  }
}`;
