import { Logger } from '@nestjs/common';
import { fetchJsonOnce, sendJson, type JsonAnswer, type JsonApi, type JsonCall } from '../json-api-call';
import { type AccountTimeZones, isKnownTimeZone } from './hubspot-account-time';
import { connectorErrorFrom, networkError, rateLimitedError, rateLimitFrom } from './hubspot-errors';
import type { HubSpotListReference } from './hubspot-connection';
import type {
  HubSpotChannel,
  HubSpotAssociationBatch,
  HubSpotAssociationPage,
  HubSpotList,
  HubSpotMembershipChange,
  HubSpotObject,
  HubSpotContact,
  HubSpotEmailEvent,
  HubSpotEmailEventPage,
  HubSpotErrorBody,
  HubSpotFormSubmissionPage,
  HubSpotProfileFormSubmission,
  HubSpotPropertyVersion,
  HubSpotProperties,
  HubSpotPropertyDefinition,
  HubSpotSearchRequest,
  HubSpotSearchResponse,
  HubSpotSubscriptionStatus,
  HubSpotSubscriptionStatusesResponse,
  HubSpotUnsubscribeRequest,
  HubSpotV4ActionResponse,
} from './hubspot-types';

export interface HubSpotClientOptions {
  baseUrl: string;
  token: string;
  /** A 429 asking for at most this long is waited out in the call; longer ones throw RateLimitedError. */
  maxInlineRetryWaitMs: number;
  maxInlineRetries: number;
  requestTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /** Where the account's time zone is kept once read, under `accountKey`. */
  timeZones: AccountTimeZones;
  accountKey: string;
}

type RequestSpec = JsonCall;

/** HubSpot's object type id for contacts, used in list paths. */
const CONTACT_OBJECT_TYPE_ID = '0-1';

type RawResponse = JsonAnswer;

/** A thin typed client over fetch. Deliberately not @hubspot/api-client, which retries 429s on its own
 *  schedule without regard to which limit was hit (a daily cap is not waited out in a request). Built per call from the system's context; holds no shared state. */
export class HubSpotClient {
  private readonly logger = new Logger(HubSpotClient.name);
  private timeZoneRead?: Promise<string | undefined>;

  constructor(private readonly options: HubSpotClientOptions) {}

  async searchContacts(request: HubSpotSearchRequest): Promise<HubSpotSearchResponse> {
    return (await this.expect(200, {
      operation: 'contact search',
      method: 'POST',
      path: '/crm/v3/objects/contacts/search',
      body: request,
    })) as HubSpotSearchResponse;
  }

  /** Null when HubSpot answers 404 (no such contact, or archived). */
  async getContact(id: string, properties: string[], associations: string[], propertiesWithHistory: string[] = []): Promise<HubSpotContact | null> {
    const response = await this.send({
      operation: 'contact read',
      method: 'GET',
      path: `/crm/v3/objects/contacts/${encodeURIComponent(id)}`,
      query: {
        ...(properties.length ? { properties: properties.join(',') } : {}),
        ...(associations.length ? { associations: associations.join(',') } : {}),
        ...(propertiesWithHistory.length ? { propertiesWithHistory: propertiesWithHistory.join(',') } : {}),
      },
    });
    if (response.status === 404) return null;
    return this.accept(200, 'contact read', response) as HubSpotContact;
  }

  async updateContact(id: string, properties: HubSpotProperties): Promise<HubSpotContact> {
    return (await this.expect(200, {
      operation: 'contact update',
      method: 'PATCH',
      path: `/crm/v3/objects/contacts/${encodeURIComponent(id)}`,
      body: { properties },
    })) as HubSpotContact;
  }

  /** Permanent GDPR deletion. Returns false when HubSpot no longer knows the id (already deleted). */
  async gdprDeleteContact(id: string): Promise<boolean> {
    const response = await this.send({
      operation: 'contact GDPR delete',
      method: 'POST',
      path: '/crm/v3/objects/contacts/gdpr-delete',
      body: { objectId: id },
    });
    if (response.status === 404) return false;
    this.accept(204, 'contact GDPR delete', response);
    return true;
  }

  async listContactProperties(): Promise<HubSpotPropertyDefinition[]> {
    const body = (await this.expect(200, {
      operation: 'contact property list',
      method: 'GET',
      path: '/crm/v3/properties/contacts',
    })) as { results: HubSpotPropertyDefinition[] };
    return body.results;
  }

  /** Null when HubSpot has nothing for the address (404). */
  async getEmailSubscriptionStatuses(email: string): Promise<HubSpotSubscriptionStatusesResponse | null> {
    const response = await this.send({
      operation: 'subscription status read',
      method: 'GET',
      path: `/communication-preferences/v3/status/email/${encodeURIComponent(email)}`,
    });
    if (response.status === 404) return null;
    return this.accept(200, 'subscription status read', response) as HubSpotSubscriptionStatusesResponse;
  }

  async unsubscribe(request: HubSpotUnsubscribeRequest): Promise<HubSpotSubscriptionStatus> {
    return (await this.expect(200, {
      operation: 'unsubscribe',
      method: 'POST',
      path: '/communication-preferences/v3/unsubscribe',
      body: request,
    })) as HubSpotSubscriptionStatus;
  }

  async unsubscribeAll(subscriberId: string, channel: HubSpotChannel): Promise<HubSpotV4ActionResponse> {
    return (await this.expect(200, {
      operation: 'unsubscribe from all',
      method: 'POST',
      path: `/communication-preferences/v4/statuses/${encodeURIComponent(subscriberId)}/unsubscribe-all`,
      query: { channel },
    })) as HubSpotV4ActionResponse;
  }

  /** The wide ("unsubscribed from all") status; `results` is empty when there is none. */
  async getUnsubscribeAllStatus(subscriberId: string, channel: HubSpotChannel): Promise<HubSpotV4ActionResponse> {
    return (await this.expect(200, {
      operation: 'unsubscribe-from-all status read',
      method: 'GET',
      path: `/communication-preferences/v4/statuses/${encodeURIComponent(subscriberId)}/unsubscribe-all`,
      query: { channel },
    })) as HubSpotV4ActionResponse;
  }

  /**
   * The account's time zone, read once (per process and account) before the first call: the daily
   * limit resets at midnight there, and once the limit is reached this read would be refused too.
   * A failed read is not fatal: the task goes on and is retried hourly if the daily cap is hit.
   */
  /** Ids of the `toType` records associated with the contact (v4 associations, every page). */
  async contactAssociations(contactId: string, toType: string): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = (await this.expect(200, {
        operation: `contact ${toType} associations read`,
        method: 'GET',
        path: `/crm/v4/objects/contacts/${encodeURIComponent(contactId)}/associations/${encodeURIComponent(toType)}`,
        query: { limit: '500', ...(after ? { after } : {}) },
      })) as HubSpotAssociationPage;
      ids.push(...page.results.map((result) => String(result.toObjectId)));
      after = page.paging?.next?.after;
    } while (after);
    return ids;
  }

  /** `from id → ids of its toType associations`, for up to 1,000 records (v4 batch read). */
  async batchAssociations(fromType: string, toType: string, ids: string[]): Promise<Map<string, string[]>> {
    const response = await this.send({
      operation: `${fromType} to ${toType} associations batch read`,
      method: 'POST',
      path: `/crm/v4/associations/${encodeURIComponent(fromType)}/${encodeURIComponent(toType)}/batch/read`,
      body: { inputs: ids.map((id) => ({ id })) },
    });
    const body = this.acceptBatch(`${fromType} to ${toType} associations batch read`, response) as HubSpotAssociationBatch;
    return new Map(body.results.map((result) => [String(result.from.id), result.to.map((to) => String(to.toObjectId))]));
  }

  /** The records of `type` with these properties, up to 100 ids; ids HubSpot no longer has are left out (207). */
  async batchRead(type: string, ids: string[], properties: string[]): Promise<HubSpotObject[]> {
    const response = await this.send({
      operation: `${type} batch read`,
      method: 'POST',
      path: `/crm/v3/objects/${encodeURIComponent(type)}/batch/read`,
      body: { inputs: ids.map((id) => ({ id })), properties },
    });
    return (this.acceptBatch(`${type} batch read`, response) as { results: HubSpotObject[] }).results;
  }

  /** A contact list by its id or its exact name; null when HubSpot has no such list (404). */
  async getList(reference: HubSpotListReference): Promise<HubSpotList | null> {
    const response = await this.send({
      operation: 'list read',
      method: 'GET',
      path:
        'id' in reference
          ? `/crm/v3/lists/${encodeURIComponent(reference.id)}`
          : `/crm/v3/lists/object-type-id/${CONTACT_OBJECT_TYPE_ID}/name/${encodeURIComponent(reference.name)}`,
    });
    if (response.status === 404) return null;
    return (this.accept(200, 'list read', response) as { list: HubSpotList }).list;
  }

  /** Adds or removes contacts of a MANUAL or SNAPSHOT list (HubSpot refuses changes to an active list). */
  async changeListMembers(listId: string, change: 'add' | 'remove', contactIds: string[]): Promise<HubSpotMembershipChange> {
    return (await this.expect(200, {
      operation: change === 'add' ? 'list membership add' : 'list membership remove',
      method: 'PUT',
      path: `/crm/v3/lists/${encodeURIComponent(listId)}/memberships/${change}`,
      body: contactIds,
    })) as HubSpotMembershipChange;
  }

  /** Every marketing e-mail event logged for the address (Email Events API, 1,000 a page, `offset` while `hasMore`). */
  async emailEvents(recipient: string): Promise<HubSpotEmailEvent[]> {
    const events: HubSpotEmailEvent[] = [];
    let offset: string | undefined;
    for (;;) {
      const page = (await this.expect(200, {
        operation: 'e-mail events read',
        method: 'GET',
        path: '/email/public/v1/events',
        query: { recipient, limit: '1000', ...(offset ? { offset } : {}) },
      })) as HubSpotEmailEventPage;
      events.push(...page.events);
      if (!page.hasMore || !page.offset || page.offset === offset) return events;
      offset = page.offset;
    }
  }

  /** Which forms the contact submitted and when (v1 profile, `formSubmissionMode=all`); null when the contact is gone (404). */
  async contactFormSubmissions(contactId: string): Promise<HubSpotProfileFormSubmission[] | null> {
    const response = await this.send({
      operation: 'contact profile read',
      method: 'GET',
      path: `/contacts/v1/contact/vid/${encodeURIComponent(contactId)}/profile`,
      query: { formSubmissionMode: 'all', propertyMode: 'value_only', showListMemberships: 'false' },
    });
    if (response.status === 404) return null;
    const body = this.accept(200, 'contact profile read', response) as { 'form-submissions'?: HubSpotProfileFormSubmission[] };
    return body['form-submissions'] ?? [];
  }

  /** One page (50, newest first) of a form's submissions; null when HubSpot has no such form (404). */
  async formSubmissionPage(formGuid: string, after?: string): Promise<HubSpotFormSubmissionPage | null> {
    const response = await this.send({
      operation: 'form submissions read',
      method: 'GET',
      path: `/form-integrations/v1/submissions/forms/${encodeURIComponent(formGuid)}`,
      query: { limit: '50', ...(after ? { after } : {}) },
    });
    if (response.status === 404) return null;
    return this.accept(200, 'form submissions read', response) as HubSpotFormSubmissionPage;
  }

  /** Every value the properties have had (CRM v3 read with `propertiesWithHistory`); null when the contact is gone. */
  async contactPropertyHistory(contactId: string, properties: string[]): Promise<Record<string, HubSpotPropertyVersion[]> | null> {
    const contact = await this.getContact(contactId, [], [], properties);
    return contact ? (contact.propertiesWithHistory ?? {}) : null;
  }

  private accountTimeZone(): Promise<string | undefined> {
    // One read per client (one task action) even when it fails, so a refusal is not repeated per call.
    this.timeZoneRead ??= this.readAccountTimeZone();
    return this.timeZoneRead;
  }

  private async readAccountTimeZone(): Promise<string | undefined> {
    const known = this.options.timeZones.get(this.options.accountKey);
    if (known) return known;
    const { response, body } = await this.fetchOnce({ operation: 'account details read', method: 'GET', path: '/account-info/v3/details' });
    const zone = (body as { timeZone?: unknown } | undefined)?.timeZone;
    if (!response.ok || !isKnownTimeZone(zone)) {
      this.logger.warn(`HubSpot account details read answered ${response.status} without a usable timeZone; the daily limit is retried hourly`);
      return undefined;
    }
    this.options.timeZones.set(this.options.accountKey, zone);
    return zone;
  }

  private async expect(status: number, spec: RequestSpec): Promise<unknown> {
    return this.accept(status, spec.operation, await this.send(spec));
  }

  /** Batch endpoints answer 207 Multi-Status when some inputs were not found; the rest is in `results`. */
  private acceptBatch(operation: string, response: RawResponse): unknown {
    return this.accept(200, operation, response.status === 207 ? { ...response, status: 200 } : response);
  }

  private accept(expected: number, operation: string, response: RawResponse): unknown {
    if (response.status === expected || (expected === 200 && response.status === 201)) return response.body;
    throw connectorErrorFrom(operation, response.status, response.body as HubSpotErrorBody | undefined);
  }

  /** Sends one request, waiting out short 429s (HubSpot's daily limit is thrown at once); 404 is
   *  returned to the caller, other failures throw. */
  private async send(spec: RequestSpec): Promise<RawResponse> {
    const timeZone = await this.accountTimeZone();
    return sendJson(this.api(timeZone), spec, this.logger);
  }

  private fetchOnce(spec: RequestSpec): Promise<{ response: Response; body: unknown }> {
    return fetchJsonOnce(this.api(undefined), spec);
  }

  /** HubSpot's API as `sendJson` calls it; `timeZone` dates a daily limit's reset (accountTimeZone). */
  private api(timeZone: string | undefined): JsonApi {
    return {
      provider: 'hubspot',
      baseUrl: this.options.baseUrl,
      headers: { Authorization: `Bearer ${this.options.token}`, Accept: 'application/json' },
      requestTimeoutMs: this.options.requestTimeoutMs,
      maxInlineRetryWaitMs: this.options.maxInlineRetryWaitMs,
      maxInlineRetries: this.options.maxInlineRetries,
      sleep: this.options.sleep,
      rateLimit: (call, response, body) => {
        const limit = rateLimitFrom(response.headers, body as HubSpotErrorBody | undefined, timeZone, this.options.now().getTime());
        return {
          waitMs: limit.waitMs,
          final: limit.daily,
          error: () => rateLimitedError(limit),
          note: `HubSpot ${call.operation} rate limited (${limit.policyName}); waiting ${limit.waitMs} ms`,
        };
      },
      failure: (call, status, body) => connectorErrorFrom(call.operation, status, body as HubSpotErrorBody | undefined),
      unreachable: (call, error) => networkError(call.operation, error),
    };
  }
}
