import type { HubSpotSimulator } from '../simulators/hubspot/hubspot-simulator';
import type { VismaSimulator } from '../simulators/visma/visma-simulator';
import { simAssociate, simContact } from '../simulators/visma/visma-simulator';
import type { ZendeskSimulator } from '../simulators/zendesk/zendesk-simulator';

/**
 * The victim and the attacker of the impostor suite, seeded through the simulators' own seeding
 * APIs. Kari holds records in all three systems, her phone written differently in each (people
 * and systems write numbers as they please); Mallory holds one newsletter contact in HubSpot, so
 * her own access request has something of hers to answer with.
 */
export const KARI = {
  name: 'Kari Nordmann',
  email: 'kari.nordmann@example.no',
  /** One number, as each system holds it. */
  phoneInZendesk: '+47 912 34 567',
  phoneInVisma: '91234567',
  phoneInHubSpot: '0047 912 34 567',
  phoneDigits: '91234567',
  /** Distinctive enough to search a package for as a whole word. */
  customerNumber: '58317',
  address: 'Kirkeveien 123B',
  postCode: '0368',
  postalArea: 'Oslo',
  ticketSubject: 'Reklamasjon på vaskemaskin Bosch serie 6',
  ticketComment: 'Vaskemaskinen lekker fortsatt etter reparasjonen i mars.',
  companyContactOf: 'Fjordbygg Entreprenør AS',
} as const;

export const MALLORY = {
  name: 'Mallory Ondsinn',
  email: 'mallory@evil.example',
} as const;

/** Visma numbers of Kari's rows: her customer card, the company she is a contact person at, her contact row. */
export const KARI_VISMA = { associateNo: 1, companyAssociateNo: 2, contactNo: 7 } as const;

export interface Seeded {
  zendeskUserId: number;
  hubspotContactId: string;
}

/**
 * Puts the people back as they were before an attack: every attack starts from the same state,
 * so an attack that worked (deleted Kari, say) cannot make a later one look harmless.
 */
export function reseedPeople(sims: { zendesk: ZendeskSimulator; visma: VismaSimulator; hubspot: HubSpotSimulator }): Seeded {
  return { zendeskUserId: reseedZendesk(sims.zendesk), ...reseedVisma(sims.visma), hubspotContactId: reseedHubSpot(sims.hubspot) };
}

function reseedZendesk(sim: ZendeskSimulator): number {
  const state = sim.state;
  // One by one: the identity table keeps per-user indexes that a bare clear() would leave behind.
  for (const id of [...state.identities.keys()]) state.identities.delete(id);
  state.users.clear();
  state.tickets.clear();
  state.comments.clear();
  state.softDeletedUserIds.clear();
  state.permanentlyDeletedUserIds.clear();
  state.softDeletedTicketIds.clear();
  state.permanentlyDeletedTicketIds.clear();
  const agent = state.addUser({ name: 'Support Agent', email: 'agent@support.example.no', role: 'agent' });
  const kari = state.addUser({ name: KARI.name, email: KARI.email, phone: KARI.phoneInZendesk });
  state.addTicket({
    requesterId: kari.id,
    subject: KARI.ticketSubject,
    // Closed: Zendesk deletes no user who is requester on a ticket still open.
    status: 'closed',
    comments: [
      { authorId: kari.id, body: KARI.ticketComment },
      { authorId: agent.id, body: 'Vi sender en tekniker på tirsdag.' },
    ],
  });
  return kari.id;
}

function reseedVisma(sim: VismaSimulator): Record<string, never> {
  const state = sim.state;
  state.associates = [
    simAssociate({
      associateNo: KARI_VISMA.associateNo,
      customerNo: Number(KARI.customerNumber),
      name: KARI.name,
      emailAddress: KARI.email,
      mobilePhone: KARI.phoneInVisma,
      addressLine1: KARI.address,
      postCode: KARI.postCode,
      postalArea: KARI.postalArea,
    }),
    simAssociate({ associateNo: KARI_VISMA.companyAssociateNo, customerNo: 20002, name: KARI.companyContactOf, emailAddress: 'post@fjordbygg.example' }),
  ];
  state.contacts = [
    simContact({
      contactNo: KARI_VISMA.contactNo,
      associateNo: KARI_VISMA.companyAssociateNo,
      name: KARI.name,
      emailAddress: KARI.email,
      mobilePhone: '912 34 567',
    }),
  ];
  // Settled long ago (past bokføringsloven's five years): the customer card may be deleted.
  state.customerTransactions = [
    { customerNo: Number(KARI.customerNumber), voucherNo: 77121, voucherDate: 20190305, amountDomestic: 4590 },
    { customerNo: Number(KARI.customerNumber), voucherNo: 77122, voucherDate: 20190320, amountDomestic: -4590 },
  ];
  return {};
}

function reseedHubSpot(sim: HubSpotSimulator): string {
  const state = sim.state;
  state.contacts.clear();
  state.subscriptions.clear();
  state.optedOutOfAll.clear();
  state.gdprDeletions.length = 0;
  state.blocklistedEmails.clear();
  const kari = sim.addContact({
    properties: {
      email: KARI.email,
      firstname: 'Kari',
      lastname: 'Nordmann',
      phone: KARI.phoneInHubSpot,
      address: KARI.address,
      customer_number: KARI.customerNumber,
    },
    subscriptions: { '1001': 'SUBSCRIBED', '1002': 'SUBSCRIBED' },
  });
  sim.addContact({ properties: { email: MALLORY.email, firstname: 'Mallory', lastname: 'Ondsinn' }, subscriptions: { '1001': 'SUBSCRIBED' } });
  return kari.id;
}

/**
 * Everything the simulators hold about Kari, and every write any of them counted on her rows:
 * two snapshots are equal only if no record of hers was read into a change, changed, suppressed
 * or deleted.
 */
export function victimState(sims: { zendesk: ZendeskSimulator; visma: VismaSimulator; hubspot: HubSpotSimulator }, seeded: Seeded): unknown {
  const zendesk = sims.zendesk.state;
  const userId = seeded.zendeskUserId;
  const tickets = [...zendesk.tickets.values()].filter((ticket) => ticket.requester_id === userId);
  const visma = sims.visma;
  const hubspot = sims.hubspot.state;
  const kariPhoneKey = (key: string) => key.replace(/\D/g, '').endsWith(KARI.phoneDigits);
  // A copy, not the simulators' live objects: a later change must not reach the earlier snapshot.
  return structuredClone({
    zendesk: {
      user: zendesk.users.get(userId) ?? null,
      softDeleted: zendesk.softDeletedUserIds.has(userId),
      permanentlyDeleted: zendesk.permanentlyDeletedUserIds.has(userId),
      identities: zendesk.identitiesOf(userId),
      tickets: tickets.map((ticket) => ({
        ticket,
        comments: zendesk.commentsOf(ticket.id),
        softDeleted: zendesk.softDeletedTicketIds.has(ticket.id),
        permanentlyDeleted: zendesk.permanentlyDeletedTicketIds.has(ticket.id),
      })),
    },
    visma: {
      associate: visma.state.associates.find((row) => row.associateNo === KARI_VISMA.associateNo) ?? null,
      contact: visma.state.contacts.find((row) => row.contactNo === KARI_VISMA.contactNo) ?? null,
      ledger: visma.state.customerTransactions.filter((row) => row.customerNo === Number(KARI.customerNumber)),
      associateWrites: [visma.calls.associateUpdates.get(KARI_VISMA.associateNo) ?? 0, visma.calls.associateDeletes.get(KARI_VISMA.associateNo) ?? 0],
      contactWrites: [visma.calls.contactUpdates.get(KARI_VISMA.contactNo) ?? 0, visma.calls.contactDeletes.get(KARI_VISMA.contactNo) ?? 0],
    },
    hubspot: {
      contact: hubspot.contacts.get(seeded.hubspotContactId) ?? null,
      subscriptions: Object.fromEntries(hubspot.subscriptions.get(KARI.email) ?? new Map()),
      optedOutOfAll: [...hubspot.optedOutOfAll.entries()].filter(([key]) => key.includes(KARI.email) || kariPhoneKey(key)),
      gdprDeletions: hubspot.gdprDeletions.filter(
        (entry) => JSON.stringify(entry).includes(seeded.hubspotContactId) || JSON.stringify(entry).toLowerCase().includes(KARI.email),
      ),
      blocklisted: hubspot.blocklistedEmails.has(KARI.email),
    },
  });
}

/** What of Kari's must never reach the attacker: name, e-mail, phone, customer number, address,
 *  ticket text. `typed` leaves out what the attacker typed herself: she had it already, and a
 *  letter may repeat what the requester wrote. */
export function victimNeedles(
  typed: { name?: boolean; phone?: boolean; customerNumber?: boolean; address?: boolean } = {},
): Array<{ what: string; test: (text: string) => boolean }> {
  const lower = (needle: string) => (text: string) => text.toLowerCase().includes(needle.toLowerCase());
  const needles: Array<{ what: string; test: (text: string) => boolean }> = [
    { what: 'e-mail', test: lower(KARI.email) },
    { what: 'ticket subject', test: lower(KARI.ticketSubject) },
    { what: 'ticket comment', test: lower(KARI.ticketComment) },
    { what: 'company she works for', test: lower(KARI.companyContactOf) },
  ];
  if (!typed.name) needles.push({ what: 'name', test: (text) => /kari\s+nordmann/i.test(text) || /"lastname"\s*:\s*"nordmann"/i.test(text) });
  if (!typed.address) needles.push({ what: 'address', test: lower(KARI.address) });
  if (!typed.customerNumber) needles.push({ what: 'customer number', test: (text) => new RegExp(`\\b${KARI.customerNumber}\\b`).test(text) });
  // Digits only, so "912 34 567", "+4791234567" and "0047 912 34 567" all count.
  if (!typed.phone) needles.push({ what: 'phone', test: (text) => text.replace(/[\s\-().+]/g, '').includes(KARI.phoneDigits) });
  return needles;
}
