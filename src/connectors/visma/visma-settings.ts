import { z } from 'zod';
import { ConnectorError } from '../connector-errors';
import type { SystemContext } from '../connector';
import { connectionProblems } from '../connection-check';

export const DEFAULT_VISMA_TOKEN_URL = 'https://connect.visma.com/connect/token';
export const DEFAULT_VISMA_GRAPHQL_URL = 'https://business.visma.net/api/graphql-service';
export const VISMA_SERVICE_SCOPE = 'business-graphql-service-api:access-group-based';

const fieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a Business NXT field name (letters, digits, _)');

/**
 * The customer ledger's table and field names. Defaults are the names of Visma Business' data
 * model (the customer transaction table, CustTr), which Business NXT exposes as GraphQL names; they
 * are not listed in the Business NXT API documentation, so they can be overridden here and are
 * checked against the company's schema (introspection) before any task uses them (README.md).
 */
export const DEFAULT_VISMA_LEDGER = {
  table: 'customerTransaction',
  fields: { customerNo: 'customerNo', voucherNo: 'voucherNo', voucherDate: 'voucherDate', amount: 'amountDomestic' },
} as const;

/**
 * Sales orders (the order head) and their lines. `order` and `orderLine` with `orderNo`,
 * `customerNo`, `orderDate`, `lineNo`, `productNo`, `description`, `quantity` are in the Business
 * NXT documentation (order how-tos); `amountDomestic` on the line appears in published clients; the
 * invoice number on the head and the delivery address fields are Visma Business' model names
 * (Ord: InvoNo, DelNm, DelAd1, DelPNo, DelPArea) and unverified. Like the ledger, every name can be
 * overridden and is checked against the company's schema before use (README.md).
 */
export const DEFAULT_VISMA_ORDERS = {
  table: 'order',
  fields: {
    orderNo: 'orderNo',
    customerNo: 'customerNo',
    orderDate: 'orderDate',
    invoiceNo: 'invoiceNo',
    deliveryName: 'deliveryName',
    deliveryAddress: 'deliveryAddress1',
    deliveryPostCode: 'deliveryPostCode',
    deliveryPostalArea: 'deliveryPostalArea',
  },
  lineTable: 'orderLine',
  lineFields: { orderNo: 'orderNo', lineNo: 'lineNo', productNo: 'productNo', description: 'description', quantity: 'quantity', amount: 'amountDomestic' },
} as const;

/** Visma Business' own routine "Slett kunde-/leverandørdata" as a processing on the associate table. */
export const DEFAULT_VISMA_DELETION_ROUTINE = 'deleteCustomerSupplierData';

const ledgerSchema = z
  .object({
    table: fieldName.default(DEFAULT_VISMA_LEDGER.table),
    fields: z
      .object({
        customerNo: fieldName.default(DEFAULT_VISMA_LEDGER.fields.customerNo),
        voucherNo: fieldName.default(DEFAULT_VISMA_LEDGER.fields.voucherNo),
        voucherDate: fieldName.default(DEFAULT_VISMA_LEDGER.fields.voucherDate),
        amount: fieldName.default(DEFAULT_VISMA_LEDGER.fields.amount),
      })
      .strict()
      .default({ ...DEFAULT_VISMA_LEDGER.fields }),
  })
  .strict()
  .default({ table: DEFAULT_VISMA_LEDGER.table, fields: { ...DEFAULT_VISMA_LEDGER.fields } });

const ordersSchema = z
  .object({
    /** `false`: this company has no order module in use; orders are then listed as not searched. */
    read: z.boolean().default(true),
    table: fieldName.default(DEFAULT_VISMA_ORDERS.table),
    fields: z
      .object(Object.fromEntries(Object.entries(DEFAULT_VISMA_ORDERS.fields).map(([key, name]) => [key, fieldName.default(name)])) as OrderFieldShape)
      .strict()
      .default({ ...DEFAULT_VISMA_ORDERS.fields }),
    lineTable: fieldName.default(DEFAULT_VISMA_ORDERS.lineTable),
    lineFields: z
      .object(Object.fromEntries(Object.entries(DEFAULT_VISMA_ORDERS.lineFields).map(([key, name]) => [key, fieldName.default(name)])) as LineFieldShape)
      .strict()
      .default({ ...DEFAULT_VISMA_ORDERS.lineFields }),
  })
  .strict()
  .default({
    read: true,
    table: DEFAULT_VISMA_ORDERS.table,
    fields: { ...DEFAULT_VISMA_ORDERS.fields },
    lineTable: DEFAULT_VISMA_ORDERS.lineTable,
    lineFields: { ...DEFAULT_VISMA_ORDERS.lineFields },
  });

type OrderFieldShape = Record<keyof typeof DEFAULT_VISMA_ORDERS.fields, z.ZodDefault<typeof fieldName>>;
type LineFieldShape = Record<keyof typeof DEFAULT_VISMA_ORDERS.lineFields, z.ZodDefault<typeof fieldName>>;

/** The data map's `connection` block for a Visma Business NXT system (see README.md). */
const connectionSchema = z
  .object({
    companyNo: z.coerce.number().int().positive('must be a positive integer'),
    clientIdEnv: z.string().min(1, 'name the env var holding the client id'),
    clientSecretEnv: z.string().min(1, 'name the env var holding the client secret'),
    tokenUrl: z.url().optional(),
    graphqlUrl: z.url().optional(),
    tenantId: z.string().min(1).optional(),
    /** Boolean field on associate and contact that stops marketing; unset → restriction is a manual task. */
    marketingFlagField: fieldName.optional(),
    /** Boolean field on associate and contact that marks processing as restricted. */
    restrictionFlagField: fieldName.optional(),
    /** Text field on the associate for the company's own notes; rectify appends a dated note there. */
    annotationField: fieldName.optional(),
    /** MM-DD on which the company's financial year starts (bokføringsloven § 13 counts from its end). */
    financialYearStart: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD, e.g. 01-01 (calendar year) or 07-01')
      .default('01-01'),
    /** The customer ledger's table and field names (defaults: DEFAULT_VISMA_LEDGER). */
    ledger: ledgerSchema,
    /** Sales orders and order lines: table and field names (defaults: DEFAULT_VISMA_ORDERS). */
    orders: ordersSchema,
    /** How a customer is deleted: Visma's own routine (default) or the table API's delete. */
    deletion: z.enum(['routine', 'direct'], { message: "must be 'routine' (Visma's own deletion routine) or 'direct' (associate_delete)" }).default('routine'),
    /** The routine's processing name on the associate table. */
    deletionRoutine: fieldName.default(DEFAULT_VISMA_DELETION_ROUTINE),
  })
  .loose();

/** The resolved `connection` of a Visma Business NXT system (see README.md). */
export interface VismaSettings {
  systemId: string;
  tokenUrl: string;
  graphqlUrl: string;
  companyNo: number;
  clientId: string;
  clientSecret: string;
  /** Sent as `tenant_id` in the token request when set (unverified for NXT). */
  tenantId?: string;
  flags: VismaFlagFields;
  /** The company's note field on the associate; unset → a correction is recorded only in the case. */
  annotationField?: string;
  financialYearStart: string;
  ledger: VismaLedgerNames;
  orders: VismaOrderNames;
  /** `routine`: Visma's "Slett kunde-/leverandørdata" processing; `direct`: `associate_delete`. */
  deletion: 'routine' | 'direct';
  /** The processing field under `associate_processings` that runs the routine. */
  deletionRoutine: string;
}

/** The customer ledger's names in this company's schema. */
export interface VismaLedgerNames {
  table: string;
  fields: { customerNo: string; voucherNo: string; voucherDate: string; amount: string };
}

/** Sales orders' and order lines' names in this company's schema; `read: false` = not read. */
export interface VismaOrderNames {
  read: boolean;
  table: string;
  fields: Record<keyof typeof DEFAULT_VISMA_ORDERS.fields, string>;
  lineTable: string;
  lineFields: Record<keyof typeof DEFAULT_VISMA_ORDERS.lineFields, string>;
}

/** The company's own names for the "no marketing" and "restricted" flags (none is assumed). */
export interface VismaFlagFields {
  marketing?: string;
  restriction?: string;
}

/** The shape of the settings, checked at boot (secret values are read only when a task runs). */
export function checkVismaConnection(connection: Record<string, unknown>): string[] {
  return connectionProblems(connectionSchema.safeParse(connection));
}

/** Reads and checks `ctx.connection`; a broken data-map entry is a permanent failure. */
export function readVismaSettings(ctx: SystemContext): VismaSettings {
  const parsed = connectionSchema.safeParse(ctx.connection ?? {});
  if (!parsed.success) throw invalid(connectionProblems(parsed).join('; '));
  const connection = parsed.data;
  return {
    systemId: ctx.systemId,
    tokenUrl: connection.tokenUrl ?? DEFAULT_VISMA_TOKEN_URL,
    graphqlUrl: connection.graphqlUrl ?? DEFAULT_VISMA_GRAPHQL_URL,
    companyNo: connection.companyNo,
    clientId: ctx.secret(connection.clientIdEnv),
    clientSecret: ctx.secret(connection.clientSecretEnv),
    tenantId: connection.tenantId,
    flags: { marketing: connection.marketingFlagField, restriction: connection.restrictionFlagField },
    annotationField: connection.annotationField,
    financialYearStart: connection.financialYearStart,
    ledger: connection.ledger,
    orders: connection.orders,
    deletion: connection.deletion,
    deletionRoutine: connection.deletionRoutine,
  };
}

function invalid(problem: string): ConnectorError {
  return new ConnectorError(`Visma connection settings: ${problem}`, false);
}
