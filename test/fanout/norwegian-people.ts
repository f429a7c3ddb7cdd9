import type { HubSpotSimulator } from '../simulators/hubspot/hubspot-simulator';
import type { VismaSimulatorOptions } from '../simulators/visma/visma-simulator';
import type { ZendeskSimulator } from '../simulators/zendesk/zendesk-simulator';

/** Made-up Norwegian test people, seeded into the simulators by the fan-out tests and the demo. */
export interface TestPerson {
  name: string;
  email: string;
  phone: string;
  customerNo: number;
  /** Ledger entries in Visma: recent ones put the person under a bookkeeping hold. */
  invoices: Array<{ voucherDate: number; amount: number }>;
}

export const NORWEGIAN_PEOPLE: TestPerson[] = [
  {
    name: 'Kari Nordmann',
    email: 'kari.nordmann@example.no',
    phone: '+4791234567',
    customerNo: 10001,
    invoices: [
      { voucherDate: 20250314, amount: 1250 },
      { voucherDate: 20250401, amount: -1250 },
    ],
  },
  { name: 'Ola Hansen', email: 'ola.hansen@example.no', phone: '+4792345678', customerNo: 10002, invoices: [] },
  {
    name: 'Ingrid Johansen',
    email: 'ingrid.johansen@example.no',
    phone: '+4793456789',
    customerNo: 10003,
    invoices: [
      { voucherDate: 20190305, amount: 450 },
      { voucherDate: 20190320, amount: -450 },
    ],
  },
  { name: 'Lars Berg', email: 'lars.berg@example.no', phone: '+4794567890', customerNo: 10004, invoices: [] },
  { name: 'Sigrid Larsen', email: 'sigrid.larsen@example.no', phone: '+4795678901', customerNo: 10005, invoices: [] },
];

export function seedZendesk(sim: ZendeskSimulator, person: Pick<TestPerson, 'name' | 'email' | 'phone'>): number {
  const agent = sim.state.addUser({ name: 'Support Agent', email: `agent.${sim.state.users.size}@support.example.no`, role: 'agent' });
  const user = sim.state.addUser({ name: person.name, email: person.email, phone: person.phone });
  sim.state.addTicket({
    requesterId: user.id,
    subject: 'Levering av bestilling',
    status: 'closed',
    comments: [
      { authorId: user.id, body: 'Hei, når kommer pakken min?' },
      { authorId: agent.id, body: 'Den er sendt i dag.' },
    ],
  });
  return user.id;
}

export function seedHubSpot(sim: HubSpotSimulator, person: Pick<TestPerson, 'name' | 'email' | 'phone'>): string {
  const [firstname, ...rest] = person.name.split(' ');
  return sim.addContact({
    properties: { email: person.email, firstname, lastname: rest.join(' '), phone: person.phone },
    subscriptions: { '1001': 'SUBSCRIBED' },
  }).id;
}

/** Visma associates, contacts and ledger entries for a list of people (associateNo = index + 1). */
export function vismaSeed(people: TestPerson[]): Pick<VismaSimulatorOptions, 'associates' | 'customerTransactions'> {
  return {
    associates: people.map((person, index) => ({
      associateNo: index + 1,
      customerNo: person.customerNo,
      name: person.name,
      emailAddress: person.email,
      mobilePhone: person.phone,
      addressLine1: 'Storgata 1',
      postCode: '0155',
      postalArea: 'Oslo',
    })),
    customerTransactions: people.flatMap((person, index) =>
      person.invoices.map((invoice, entry) => ({ customerNo: person.customerNo, voucherNo: 5000 + index * 10 + entry, ...invoice })),
    ),
  };
}
