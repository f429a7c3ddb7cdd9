import { z } from 'zod';
import { ConnectorError } from '../connector-errors';
import { connectionProblems } from '../connection-check';
import type { CountryCode } from 'libphonenumber-js';
import { DEFAULT_PHONE_REGION, isPhoneRegion } from '../../identity/phone';

const LEGAL_BASES = [
  'LEGITIMATE_INTEREST_PQL',
  'LEGITIMATE_INTEREST_CLIENT',
  'PERFORMANCE_OF_CONTRACT',
  'CONSENT_WITH_NOTICE',
  'NON_GDPR',
  'PROCESS_AND_STORE',
  'LEGITIMATE_INTEREST_OTHER',
] as const;

const propertyName = z.string().regex(/^[a-z0-9_]+$/, 'a HubSpot internal property name (lower case, digits, _)');

/** A contact list named by its list id (ILS id, digits) or by its exact name; a name is looked up once per task. */
const listReference = z.union([
  z.object({ id: z.string().regex(/^\d+$/, 'a HubSpot list id (digits)') }).strict(),
  z.object({ name: z.string().trim().min(1) }).strict(),
]);
export type HubSpotListReference = z.infer<typeof listReference>;

/** `ctx.connection` for a HubSpot system in the data map (documented in README.md). */
const connectionSchema = z
  .object({
    baseUrl: z.url().default('https://api.hubapi.com'),
    tokenEnv: z.string().min(1),
    subscriptionIds: z.array(z.string().min(1)).default([]),
    channels: z
      .array(z.enum(['EMAIL', 'SMS', 'WHATSAPP']))
      .min(1)
      .default(['EMAIL']),
    customerNumberProperty: propertyName.optional(),
    restrictionProperty: propertyName.default('gdpr_restricted'),
    /** Contact properties (single checkboxes) the company's call and mail lists exclude; an
     *  objection sets them to "true", which is how calls and post are stopped from HubSpot. */
    doNotCallProperty: propertyName.optional(),
    doNotMailProperty: propertyName.optional(),
    unsubscribeLegalBasis: z.enum(LEGAL_BASES).default('CONSENT_WITH_NOTICE'),
    unsubscribeLegalBasisExplanation: z.string().min(1).default('Objection to direct marketing (GDPR Art. 21(2)-(3)): stop all marketing.'),
    exportProperties: z.array(propertyName).min(1).optional(),
    /** Properties whose earlier values (property history) are exported; default: the personal ones in hubspot-property-history.ts. */
    historyProperties: z.array(propertyName).min(1).optional(),
    /** Read the marketing e-mail events of the contacts' addresses (Email Events API, scope `content`). */
    emailEvents: z.boolean().default(true),
    /** Read the contacts' form submissions (v1 profile and Forms v1, scope `forms`). */
    formSubmissions: z.boolean().default(true),
    /** Region a phone number typed without a country code belongs to ("912 34 567" in NO). */
    defaultRegion: z
      .string()
      .refine(isPhoneRegion, 'a two-letter region code libphonenumber knows, e.g. NO or SE')
      .transform((code) => code as CountryCode)
      .default(DEFAULT_PHONE_REGION),
    /** Manual contact lists an objection to direct marketing changes: `addTo` the company's
     *  suppression lists (which its marketing excludes), `removeFrom` its static marketing lists. */
    objectionLists: z
      .object({
        addTo: z.array(listReference).default([]),
        removeFrom: z.array(listReference).default([]),
      })
      .strict()
      .default({ addTo: [], removeFrom: [] }),
  })
  .strict();

export type HubSpotConnection = z.infer<typeof connectionSchema>;

export function parseConnection(systemId: string, connection: Record<string, unknown>): HubSpotConnection {
  const parsed = connectionSchema.safeParse(connection);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConnectorError(`HubSpot connection for system ${systemId} is invalid: ${problems.join('; ')}`, false);
}

/** The shape of the settings, checked at boot (the token's value is read only when a task runs). */
export function checkHubSpotConnection(connection: Record<string, unknown>): string[] {
  return connectionProblems(connectionSchema.safeParse(connection));
}
