/** The parts of HubSpot's API shapes the connector reads (CRM v3 contacts, communication preferences v3/v4). */

export type HubSpotProperties = Record<string, string | null>;

export interface HubSpotFilter {
  propertyName: string;
  operator: 'EQ' | 'NEQ' | 'CONTAINS_TOKEN' | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' | 'IN';
  value?: string;
  values?: string[];
}

export interface HubSpotSearchRequest {
  filterGroups: Array<{ filters: HubSpotFilter[] }>;
  properties?: string[];
  limit?: number;
  after?: string;
}

export interface HubSpotContact {
  id: string;
  properties: HubSpotProperties;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
  /** Only when asked for with `propertiesWithHistory`. */
  propertiesWithHistory?: Record<string, HubSpotPropertyVersion[]>;
}

export interface HubSpotSearchResponse {
  total: number;
  results: HubSpotContact[];
  paging?: { next?: { after: string } };
}

export interface HubSpotPropertyDefinition {
  name: string;
  label: string;
  type: string;
  groupName?: string;
}

/** v3 `GET /communication-preferences/v3/status/email/{email}`. */
export interface HubSpotSubscriptionStatus {
  id: string;
  name: string;
  description?: string;
  status: 'SUBSCRIBED' | 'NOT_SUBSCRIBED';
  sourceOfStatus: 'PORTAL_WIDE_STATUS' | 'BRAND_WIDE_STATUS' | 'SUBSCRIPTION_STATUS';
  brandId?: number;
  preferenceGroupName?: string;
  legalBasis?: string;
  legalBasisExplanation?: string;
}

export interface HubSpotSubscriptionStatusesResponse {
  recipient: string;
  subscriptionStatuses: HubSpotSubscriptionStatus[];
}

/** v3 `POST /communication-preferences/v3/unsubscribe` body. */
export interface HubSpotUnsubscribeRequest {
  emailAddress: string;
  subscriptionId: string;
  legalBasis?: string;
  legalBasisExplanation?: string;
}

export type HubSpotChannel = 'EMAIL' | 'SMS' | 'WHATSAPP';

/** v4 status entry, as returned by `POST …/unsubscribe-all` and `GET …/unsubscribe-all`. */
export interface HubSpotV4Status {
  subscriberIdString: string;
  channel: HubSpotChannel;
  status: string;
  timestamp: string;
  subscriptionId?: number | string;
  wideStatusType?: string;
}

export interface HubSpotV4ActionResponse {
  status: string;
  results: HubSpotV4Status[];
  startedAt?: string;
  completedAt?: string;
}

/** HubSpot's error body: `{status:"error", message, correlationId, category, errors?, …}`. */
export interface HubSpotErrorBody {
  status?: string;
  message?: string;
  correlationId?: string;
  category?: string;
  errorType?: string;
  policyName?: string;
  errors?: Array<{ message?: string; code?: string }>;
}

/** Lists v3 `list` (inside `{ list }`). Only MANUAL and SNAPSHOT lists take membership changes. */
export interface HubSpotList {
  listId: string;
  name: string;
  objectTypeId: string;
  processingType: 'MANUAL' | 'SNAPSHOT' | 'DYNAMIC';
}

/** `PUT /crm/v3/lists/{listId}/memberships/add|remove`. */
export interface HubSpotMembershipChange {
  recordIdsAdded?: string[];
  recordIdsRemoved?: string[];
  recordIdsMissing?: string[];
}

/** v4 `GET /crm/v4/objects/contacts/{id}/associations/{toType}`. */
export interface HubSpotAssociationPage {
  results: Array<{ toObjectId: number | string; associationTypes?: Array<{ category: string; typeId: number; label: string | null }> }>;
  paging?: { next?: { after: string } };
}

/** v4 `POST /crm/v4/associations/{fromType}/{toType}/batch/read`. */
export interface HubSpotAssociationBatch {
  results: Array<{ from: { id: string }; to: Array<{ toObjectId: number | string }> }>;
}

/** A CRM record other than a contact, as v3 batch read returns it. */
export interface HubSpotObject {
  id: string;
  properties: HubSpotProperties;
  createdAt: string;
  updatedAt: string;
}

/** One marketing e-mail event, `GET /email/public/v1/events` (Email Events API). */
export interface HubSpotEmailEvent {
  id: string;
  created: number;
  type: string;
  recipient: string;
  emailCampaignId?: number;
  subject?: string;
  url?: string;
  response?: string;
  browser?: { name?: string };
  location?: { city?: string; state?: string; country?: string };
}

export interface HubSpotEmailEventPage {
  events: HubSpotEmailEvent[];
  hasMore: boolean;
  offset?: string;
}

/** `form-submissions[]` of the v1 contact profile: which forms the contact submitted, and when. */
export interface HubSpotProfileFormSubmission {
  'conversion-id': string;
  timestamp: number;
  'form-id': string;
  'page-url'?: string;
  'page-title'?: string;
  title?: string;
}

/** Forms v1 `GET /form-integrations/v1/submissions/forms/{formGuid}`: newest first. */
export interface HubSpotFormSubmissionPage {
  results: Array<{ conversionId?: string; submittedAt: number; values: Array<{ name: string; value: string }>; pageUrl?: string }>;
  paging?: { next?: { after: string } };
}

/** One value of a property in `propertiesWithHistory` (newest first, the current value included). */
export interface HubSpotPropertyVersion {
  value: string;
  timestamp: string;
  sourceType?: string;
  sourceId?: string;
  sourceLabel?: string;
}
