import { randomUUID } from 'node:crypto';

/**
 * What HubSpot's marketing tools keep about a person outside the contact record: the marketing
 * e-mail events logged by recipient address (Email Events API) and the form submissions kept per
 * form (Forms API), each linked to the contact that submitted it (its conversion id).
 */

/** A marketing e-mail event as `GET /email/public/v1/events` returns it. */
export interface SimulatedEmailEvent {
  id: string;
  created: number;
  type: string;
  recipient: string;
  portalId: number;
  appId: number;
  appName: string;
  emailCampaignId: number;
  sentBy: { id: string; created: number };
  subject?: string;
  url?: string;
  response?: string;
  browser?: { name: string; family: string; type: string };
  location?: { city: string; country: string; state: string };
}

export interface EmailEventSeed {
  recipient: string;
  /** SENT, DELIVERED, OPEN, CLICK, BOUNCE, … */
  type: string;
  /** Epoch ms (default: now). */
  created?: number;
  emailCampaignId?: number;
  subject?: string;
  url?: string;
  city?: string;
}

export interface SimulatedSubmission {
  conversionId: string;
  submittedAt: number;
  values: Array<{ name: string; value: string }>;
  pageUrl: string;
  pageTitle: string;
  /** The contact the submission created or updated. */
  contactId?: string;
}

export interface SimulatedForm {
  guid: string;
  name: string;
  /** Newest first, as the API returns them. */
  submissions: SimulatedSubmission[];
  /** Deleted in the portal: the Forms API answers 404, contact profiles still list their submissions. */
  deleted?: boolean;
}

export interface FormSeed {
  guid: string;
  name: string;
  submissions?: Array<Partial<Omit<SimulatedSubmission, 'values'>> & { values: Record<string, string> }>;
}

const PORTAL_ID = 24_000_001;

export class HubSpotMarketingState {
  readonly emailEvents: SimulatedEmailEvent[] = [];
  readonly forms = new Map<string, SimulatedForm>();

  addEmailEvent(seed: EmailEventSeed): SimulatedEmailEvent {
    const created = seed.created ?? Date.now();
    const event: SimulatedEmailEvent = {
      id: randomUUID(),
      created,
      type: seed.type,
      recipient: seed.recipient.toLowerCase(),
      portalId: PORTAL_ID,
      appId: 113,
      appName: 'BatchEmail',
      emailCampaignId: seed.emailCampaignId ?? 2_000_001,
      sentBy: { id: randomUUID(), created },
      ...(seed.subject ? { subject: seed.subject } : {}),
      ...(seed.url ? { url: seed.url } : {}),
      ...(seed.type === 'OPEN' || seed.type === 'CLICK'
        ? {
            browser: { name: 'Firefox', family: 'Firefox', type: 'Browser' },
            location: { city: seed.city ?? 'Bergen', country: 'Norway', state: 'Vestland' },
          }
        : {}),
      ...(seed.type === 'DELIVERED' ? { response: '250 2.0.0 OK' } : {}),
    };
    this.emailEvents.push(event);
    return event;
  }

  addForm(seed: FormSeed): SimulatedForm {
    const form: SimulatedForm = {
      guid: seed.guid,
      name: seed.name,
      submissions: (seed.submissions ?? []).map((submission) => ({
        conversionId: submission.conversionId ?? randomUUID(),
        submittedAt: submission.submittedAt ?? Date.now(),
        values: Object.entries(submission.values).map(([name, value]) => ({ name, value })),
        pageUrl: submission.pageUrl ?? 'https://www.example.no/nyhetsbrev',
        pageTitle: submission.pageTitle ?? 'Nyhetsbrev',
        contactId: submission.contactId,
      })),
    };
    form.submissions.sort((a, b) => b.submittedAt - a.submittedAt);
    this.forms.set(form.guid, form);
    return form;
  }

  /** The contact's submissions, newest first, with the form each belongs to. */
  submissionsOf(contactId: string): Array<{ form: SimulatedForm; submission: SimulatedSubmission }> {
    return [...this.forms.values()]
      .flatMap((form) => form.submissions.filter((submission) => submission.contactId === contactId).map((submission) => ({ form, submission })))
      .sort((a, b) => b.submission.submittedAt - a.submission.submittedAt);
  }

  /** The purge a GDPR delete performs: the contact's addresses' e-mail events and its form submissions. */
  purge(contactId: string, addresses: string[]): void {
    const gone = new Set(addresses.map((address) => address.toLowerCase()));
    for (let index = this.emailEvents.length - 1; index >= 0; index--) if (gone.has(this.emailEvents[index].recipient)) this.emailEvents.splice(index, 1);
    for (const form of this.forms.values()) form.submissions = form.submissions.filter((submission) => submission.contactId !== contactId);
  }
}
