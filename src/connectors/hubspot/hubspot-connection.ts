import { z } from 'zod';
import { ConnectorError } from '../connector-errors';
import { connectionProblems } from '../connection-check';

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
