import { z } from 'zod';
import { ConnectorError } from '../connector-errors';
import { connectionProblems } from '../connection-check';

/**
 * What an erasure does to each membership. `delete-permanent` (the default) removes the member and
 * its history for good: Art 17 erasure. `archive` only hides the member (Mailchimp keeps the profile,
 * activity and notes, and the member can be restored), so it is reported as a restriction, never as
 * erasure; it suits a company that has decided the address must stay re-importable.
 */
export const ERASE_MODES = ['delete-permanent', 'archive'] as const;
export type EraseMode = (typeof ERASE_MODES)[number];

/** `ctx.connection` for a Mailchimp system in the data map (documented in README.md). */
const connectionSchema = z
  .object({
    apiKeyEnv: z.string().min(1),
    /** The data centre, e.g. "us21"; by default the part of the API key after its last "-". */
    server: z
      .string()
      .regex(/^[a-z]{2,}[0-9]+$/, 'a Mailchimp data centre such as us21')
      .optional(),
    /** Overrides https://<server>.api.mailchimp.com/3.0 (a proxy, or the simulator in tests). */
    baseUrl: z.url().optional(),
    /** The audiences (lists) to act in; every audience of the account when absent. */
    listIds: z
      .array(z.string().regex(/^[a-zA-Z0-9]+$/, 'a Mailchimp audience (list) id'))
      .min(1)
      .optional(),
    erase: z.enum(ERASE_MODES).default('delete-permanent'),
    /** The tag a processing restriction puts on the member; campaigns and journeys must exclude it. */
    restrictionTag: z.string().min(1).max(100).default('gdpr-restricted'),
  })
  .strict();

export type MailchimpConnection = z.infer<typeof connectionSchema>;

export function parseConnection(systemId: string, connection: Record<string, unknown>): MailchimpConnection {
  const parsed = connectionSchema.safeParse(connection);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConnectorError(`Mailchimp connection for system ${systemId} is invalid: ${problems.join('; ')}`, false);
}

/** The shape of the settings, checked at boot (the API key's value is read only when a task runs). */
export function checkMailchimpConnection(connection: Record<string, unknown>): string[] {
  return connectionProblems(connectionSchema.safeParse(connection));
}

/** The API's root for this account: the data centre comes from `server` or the key's suffix. */
export function apiRoot(connection: MailchimpConnection, apiKey: string): string {
  if (connection.baseUrl) return connection.baseUrl.replace(/\/+$/, '');
  const server = connection.server ?? /-([a-z]{2,}[0-9]+)$/.exec(apiKey.trim())?.[1];
  if (!server) {
    throw new ConnectorError(`The Mailchimp API key in ${connection.apiKeyEnv} ends in no data centre (such as -us21); set connection.server`, false);
  }
  return `https://${server}.api.mailchimp.com/3.0`;
}
