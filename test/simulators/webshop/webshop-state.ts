/**
 * The data behind the webshop simulator: customers and their orders, as a small Norwegian web-shop
 * platform keeps them. Ids are opaque strings ("cus_…", "ord_…") like most commerce APIs hand out.
 */

export interface WebshopAddress {
  line1: string;
  postal_code: string;
  city: string;
  country: string;
}

export interface WebshopCustomer {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  address: WebshopAddress | null;
  marketing_consent: boolean;
  /** Set by the shop (or an API client) when the person's data may only be stored, not used. */
  processing_restricted: boolean;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebshopOrderLine {
  sku: string;
  title: string;
  quantity: number;
  unit_price: number;
}

export interface WebshopOrder {
  id: string;
  number: number;
  /** Null once the order is anonymised: it stays in the books, no longer tied to a person. */
  customer_id: string | null;
  status: 'open' | 'shipped' | 'delivered' | 'cancelled';
  total: number;
  currency: 'NOK';
  shipping_address: WebshopAddress | null;
  billing_email: string | null;
  lines: WebshopOrderLine[];
  anonymized: boolean;
  placed_at: string;
}

export interface SeedCustomer {
  email: string;
  first_name: string;
  last_name: string;
  phone?: string | null;
  address?: WebshopAddress | null;
  marketing_consent?: boolean;
  orders?: Array<{ total: number; status?: WebshopOrder['status']; lines?: WebshopOrderLine[]; placed_at?: string }>;
}

export class WebshopState {
  readonly customers = new Map<string, WebshopCustomer>();
  readonly orders = new Map<string, WebshopOrder>();
  private nextCustomer = 1000;
  private nextOrder = 5000;
  private nextOrderNumber = 10001;

  addCustomer(seed: SeedCustomer): WebshopCustomer {
    const at = new Date(Date.UTC(2024, 2, 1, 10, 0, 0) + this.nextCustomer * 60_000).toISOString();
    const customer: WebshopCustomer = {
      id: `cus_${(this.nextCustomer++).toString(36)}`,
      email: seed.email,
      first_name: seed.first_name,
      last_name: seed.last_name,
      phone: seed.phone ?? null,
      address: seed.address ?? null,
      marketing_consent: seed.marketing_consent ?? false,
      processing_restricted: false,
      note: null,
      created_at: at,
      updated_at: at,
    };
    this.customers.set(customer.id, customer);
    for (const order of seed.orders ?? []) {
      const id = `ord_${(this.nextOrder++).toString(36)}`;
      this.orders.set(id, {
        id,
        number: this.nextOrderNumber++,
        customer_id: customer.id,
        status: order.status ?? 'delivered',
        total: order.total,
        currency: 'NOK',
        shipping_address: customer.address,
        billing_email: customer.email,
        lines: order.lines ?? [{ sku: 'SKU-1', title: 'Ullgenser', quantity: 1, unit_price: order.total }],
        anonymized: false,
        placed_at: order.placed_at ?? at,
      });
    }
    return customer;
  }

  customerByEmail(email: string): WebshopCustomer | undefined {
    return [...this.customers.values()].find((customer) => customer.email.toLowerCase() === email.toLowerCase());
  }

  ordersOf(customerId: string): WebshopOrder[] {
    return [...this.orders.values()].filter((order) => order.customer_id === customerId);
  }
}

/** Digits only, the way the platform compares phone numbers ("+47 912 34 567" = "+4791234567"). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}
