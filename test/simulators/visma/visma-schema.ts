/**
 * The slice of the Business NXT GraphQL schema the simulator serves. Shapes confirmed in the
 * Business NXT docs: `useCompany(no:)` on Query and Mutation, tables as fields with
 * `filter/first/after`, connections with `totalCount pageInfo{hasNextPage endCursor} items`,
 * `<table>_update(filter, value)` / `<table>_delete(filter)` returning `{affectedRows items}`,
 * `FilterExpression_Associate`, `Mutation_UseCompany_Associate_Result`, dates as yyyymmdd Int.
 * Every name marked (unverified) below is an assumption; the list is repeated in
 * src/connectors/visma/README.md. `noMarketing` / `processingRestricted` stand for the simulated
 * company's own flag fields: the connector assumes no name and writes them only when the data map
 * names them (connection.marketingFlagField / restrictionFlagField). `memo` stands for the
 * company's own note field on the associate, written only when the data map names it
 * (connection.annotationField).
 */
export const UNVERIFIED_FIELDS = [
  'associate.emailAddress',
  'associate.phone',
  'associate.mobilePhone',
  'associate.addressLine1',
  'associate.postCode',
  'associate.postalArea',
  'associate.noMarketing',
  'associate.processingRestricted',
  'associate.memo',
  'contact.contactNo',
  'contact.associateNo',
  'contact.name',
  'contact.emailAddress',
  'contact.phone',
  'contact.mobilePhone',
  'contact.noMarketing',
  'contact.processingRestricted',
  'Associate_Input, Contact_Input (input type names)',
  'customerTransaction_delete (that the table API deletes ledger rows past their retention limit)',
  'associate_processings.deleteCustomerSupplierData (the GraphQL name of the routine "Slett kunde-/leverandørdata"; its refusal as a GraphQL error)',
  'error codes in extensions.code other than FIELDS_ON_CORRECT_TYPE',
  'order.invoiceNo, deliveryName, deliveryAddress1, deliveryPostCode, deliveryPostalArea (Visma Business model names)',
  'order_delete / orderLine_delete (that the table API deletes an order past its retention limit, and refuses an invoiced one within it)',
] as const;

/**
 * The customer ledger as Visma Business' data model names it (table CustTr → `customerTransaction`,
 * type `CustomerTransaction`; columns customerNo, voucherNo, voucherDate, amountDomestic,
 * invoiceNo, dueDate), which Business NXT exposes under the same names. Not in the Business NXT
 * API documentation: the connector's defaults are these names, configurable, and checked by
 * introspection; this schema is what that check and every ledger query are validated against.
 */
export const LEDGER_NAMES = {
  table: 'customerTransaction',
  fields: ['customerNo', 'voucherNo', 'voucherDate', 'amountDomestic', 'invoiceNo', 'dueDate'],
} as const;

/**
 * Sales orders and lines as the connector's defaults name them (DEFAULT_VISMA_ORDERS): `order` and
 * `orderLine` with orderNo, customerNo, orderDate, lineNo, productNo, description, quantity are in
 * the Business NXT order how-tos; the rest are Visma Business model names (unverified).
 */
export const ORDER_NAMES = {
  table: 'order',
  fields: ['orderNo', 'customerNo', 'orderDate', 'invoiceNo', 'name', 'deliveryName', 'deliveryAddress1', 'deliveryPostCode', 'deliveryPostalArea'],
  lineTable: 'orderLine',
  lineFields: ['orderNo', 'lineNo', 'productNo', 'description', 'quantity', 'amountDomestic'],
} as const;

export interface SimOrder {
  orderNo: number;
  customerNo: number;
  /** yyyymmdd */
  orderDate: number;
  /** 0 until the order is invoiced. */
  invoiceNo: number;
  name: string;
  deliveryName: string;
  deliveryAddress1: string;
  deliveryPostCode: string;
  deliveryPostalArea: string;
}

export interface SimOrderLine {
  orderNo: number;
  lineNo: number;
  productNo: string;
  description: string;
  quantity: number;
  amountDomestic: number;
}

export interface SimAssociate {
  associateNo: number;
  customerNo: number;
  name: string;
  emailAddress: string;
  phone: string;
  mobilePhone: string;
  addressLine1: string;
  postCode: string;
  postalArea: string;
  noMarketing: boolean;
  processingRestricted: boolean;
  memo: string;
}

export interface SimContact {
  contactNo: number;
  associateNo: number;
  name: string;
  emailAddress: string;
  phone: string;
  mobilePhone: string;
  noMarketing: boolean;
  processingRestricted: boolean;
}

export interface SimCustomerTransaction {
  customerNo: number;
  voucherNo: number;
  /** yyyymmdd */
  voucherDate: number;
  /** The amount in the company's currency. */
  amountDomestic: number;
  invoiceNo?: string;
  /** yyyymmdd */
  dueDate?: number;
}

export const VISMA_SCHEMA_SDL = /* GraphQL */ `
  type Query {
    useCompany(no: Int!): Query_UseCompany
  }

  type Mutation {
    useCompany(no: Int!): Mutation_UseCompany
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  input FilterExpression_Int {
    _eq: Int
    _not_eq: Int
    _gt: Int
    _gte: Int
    _lt: Int
    _lte: Int
    _in: [Int!]
    _not_in: [Int!]
    _between: [Int!]
  }

  input FilterExpression_String {
    _eq: String
    _not_eq: String
    _gt: String
    _gte: String
    _lt: String
    _lte: String
    _like: String
    _not_like: String
    _in: [String!]
    _not_in: [String!]
  }

  input FilterExpression_Decimal {
    _eq: Float
    _not_eq: Float
    _gt: Float
    _gte: Float
    _lt: Float
    _lte: Float
    _in: [Float!]
    _not_in: [Float!]
    _between: [Float!]
  }

  input FilterExpression_Boolean {
    _eq: Boolean
    _not_eq: Boolean
  }

  type Associate {
    associateNo: Int!
    customerNo: Int!
    name: String
    emailAddress: String # (unverified)
    phone: String # (unverified)
    mobilePhone: String # (unverified)
    addressLine1: String # (unverified)
    postCode: String # (unverified)
    postalArea: String # (unverified)
    noMarketing: Boolean # (unverified) this company's "no marketing" field (data map: marketingFlagField)
    processingRestricted: Boolean # (unverified) this company's "restricted" field (data map: restrictionFlagField)
    memo: String # (unverified) this company's note field on the customer (data map: annotationField)
  }

  input FilterExpression_Associate {
    associateNo: FilterExpression_Int
    customerNo: FilterExpression_Int
    name: FilterExpression_String
    emailAddress: FilterExpression_String
    phone: FilterExpression_String
    mobilePhone: FilterExpression_String
    noMarketing: FilterExpression_Boolean
    processingRestricted: FilterExpression_Boolean
    _and: [FilterExpression_Associate!]
    _or: [FilterExpression_Associate!]
  }

  # (unverified) input type name
  input Associate_Input {
    name: String
    emailAddress: String
    phone: String
    mobilePhone: String
    addressLine1: String
    postCode: String
    postalArea: String
    noMarketing: Boolean
    processingRestricted: Boolean
    memo: String
  }

  type Query_UseCompany_Associate_Connection {
    totalCount: Int!
    pageInfo: PageInfo!
    items: [Associate!]
  }

  type Mutation_UseCompany_Associate_Result {
    affectedRows: Int!
    items: [Associate!]
  }

  # (unverified) every contact field name
  type Contact {
    contactNo: Int!
    associateNo: Int!
    name: String
    emailAddress: String
    phone: String
    mobilePhone: String
    noMarketing: Boolean
    processingRestricted: Boolean
  }

  input FilterExpression_Contact {
    contactNo: FilterExpression_Int
    associateNo: FilterExpression_Int
    name: FilterExpression_String
    emailAddress: FilterExpression_String
    phone: FilterExpression_String
    mobilePhone: FilterExpression_String
    _and: [FilterExpression_Contact!]
    _or: [FilterExpression_Contact!]
  }

  # (unverified) input type name
  input Contact_Input {
    name: String
    emailAddress: String
    phone: String
    mobilePhone: String
    noMarketing: Boolean
    processingRestricted: Boolean
  }

  type Query_UseCompany_Contact_Connection {
    totalCount: Int!
    pageInfo: PageInfo!
    items: [Contact!]
  }

  type Mutation_UseCompany_Contact_Result {
    affectedRows: Int!
    items: [Contact!]
  }

  # the customer ledger under Visma Business' model names (LEDGER_NAMES above)
  type CustomerTransaction {
    customerNo: Int!
    voucherNo: Int!
    voucherDate: Int!
    amountDomestic: Float!
    invoiceNo: String
    dueDate: Int
  }

  input FilterExpression_CustomerTransaction {
    customerNo: FilterExpression_Int
    voucherNo: FilterExpression_Int
    voucherDate: FilterExpression_Int
    amountDomestic: FilterExpression_Decimal
    invoiceNo: FilterExpression_String
    dueDate: FilterExpression_Int
    _and: [FilterExpression_CustomerTransaction!]
    _or: [FilterExpression_CustomerTransaction!]
  }

  type Mutation_UseCompany_CustomerTransaction_Result {
    affectedRows: Int!
    items: [CustomerTransaction!]
  }

  type Query_UseCompany_CustomerTransaction_Connection {
    totalCount: Int!
    pageInfo: PageInfo!
    items: [CustomerTransaction!]
  }

  # sales orders under the names of ORDER_NAMES above
  type Order {
    orderNo: Int!
    customerNo: Int!
    orderDate: Int!
    invoiceNo: Int
    name: String
    deliveryName: String
    deliveryAddress1: String
    deliveryPostCode: String
    deliveryPostalArea: String
  }

  input FilterExpression_Order {
    orderNo: FilterExpression_Int
    customerNo: FilterExpression_Int
    orderDate: FilterExpression_Int
    invoiceNo: FilterExpression_Int
    _and: [FilterExpression_Order!]
    _or: [FilterExpression_Order!]
  }

  type Query_UseCompany_Order_Connection {
    totalCount: Int!
    pageInfo: PageInfo!
    items: [Order!]
  }

  type Mutation_UseCompany_Order_Result {
    affectedRows: Int!
    items: [Order!]
  }

  type OrderLine {
    orderNo: Int!
    lineNo: Int!
    productNo: String
    description: String
    quantity: Float
    amountDomestic: Float
  }

  input FilterExpression_OrderLine {
    orderNo: FilterExpression_Int
    lineNo: FilterExpression_Int
    _and: [FilterExpression_OrderLine!]
    _or: [FilterExpression_OrderLine!]
  }

  type Query_UseCompany_OrderLine_Connection {
    totalCount: Int!
    pageInfo: PageInfo!
    items: [OrderLine!]
  }

  type Mutation_UseCompany_OrderLine_Result {
    affectedRows: Int!
    items: [OrderLine!]
  }

  type Query_UseCompany {
    order(filter: FilterExpression_Order, first: Int, after: String): Query_UseCompany_Order_Connection
    orderLine(filter: FilterExpression_OrderLine, first: Int, after: String): Query_UseCompany_OrderLine_Connection
    associate(filter: FilterExpression_Associate, first: Int, after: String): Query_UseCompany_Associate_Connection
    contact(filter: FilterExpression_Contact, first: Int, after: String): Query_UseCompany_Contact_Connection
    customerTransaction(filter: FilterExpression_CustomerTransaction, first: Int, after: String): Query_UseCompany_CustomerTransaction_Connection
  }

  # processings: <table>_processings of type <Table>Processings, one field per processing with
  # filter (and args), answering { succeeded } (documented shape; see UNVERIFIED_FIELDS for the name)
  type AssociateProcessings_DeleteCustomerSupplierData_Result {
    succeeded: Boolean!
  }

  type AssociateProcessings {
    deleteCustomerSupplierData(filter: FilterExpression_Associate): AssociateProcessings_DeleteCustomerSupplierData_Result
  }

  type Mutation_UseCompany {
    associate_processings: AssociateProcessings
    associate_update(filter: FilterExpression_Associate, value: Associate_Input!): Mutation_UseCompany_Associate_Result
    associate_delete(filter: FilterExpression_Associate): Mutation_UseCompany_Associate_Result
    contact_update(filter: FilterExpression_Contact, value: Contact_Input!): Mutation_UseCompany_Contact_Result
    contact_delete(filter: FilterExpression_Contact): Mutation_UseCompany_Contact_Result
    # (unverified) deleting ledger rows through the table API
    customerTransaction_delete(filter: FilterExpression_CustomerTransaction): Mutation_UseCompany_CustomerTransaction_Result
    # (unverified) deleting orders and their lines through the table API
    order_delete(filter: FilterExpression_Order): Mutation_UseCompany_Order_Result
    orderLine_delete(filter: FilterExpression_OrderLine): Mutation_UseCompany_OrderLine_Result
  }
`;
