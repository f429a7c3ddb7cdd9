import { z } from 'zod';
import { ConnectorError } from '../connector-errors';
import type { SystemContext } from '../connector';
import { connectionProblems } from '../connection-check';

/** The data map's `connection` block for a Zendesk system (see README.md). Secrets are env var names. */
const connectionSchema = z
  .object({
    baseUrl: z.url({ protocol: /^https?$/ }),
    auth: z.enum(['oauth', 'api_token']).optional(),
    clientId: z.string().min(1).optional(),
    clientIdEnv: z.string().min(1).optional(),
    clientSecretEnv: z.string().min(1).optional(),
    scope: z.string().min(1).optional(),
    email: z.string().min(3).optional(),
    emailEnv: z.string().min(1).optional(),
    apiTokenEnv: z.string().min(1).optional(),
    pageSize: z.number().int().min(1).max(100).optional(),
    closedTickets: z.enum(['redact', 'delete']).optional(),
    attachmentMaxFileMb: z.number().min(0).max(100).optional(),
    attachmentMaxTotalMb: z.number().min(0).max(200).optional(),
  })
  .loose()
  .superRefine((settings, ctx) => {
    const kind = settings.auth ?? (hasOauth(settings) ? 'oauth' : 'api_token');
    if (kind === 'oauth' && !hasOauth(settings)) {
      ctx.addIssue({
        code: 'custom',
        path: [settings.clientSecretEnv ? 'clientIdEnv' : 'clientSecretEnv'],
        message: 'auth "oauth" needs clientId or clientIdEnv, and clientSecretEnv',
      });
    }
    if (kind === 'api_token' && (!(settings.email || settings.emailEnv) || !settings.apiTokenEnv)) {
      ctx.addIssue({
        code: 'custom',
        path: [settings.apiTokenEnv ? 'emailEnv' : 'apiTokenEnv'],
        message: 'auth "api_token" needs email or emailEnv, and apiTokenEnv',
      });
    }
  });

function hasOauth(settings: { clientId?: string; clientIdEnv?: string; clientSecretEnv?: string }): boolean {
  return !!((settings.clientId || settings.clientIdEnv) && settings.clientSecretEnv);
}

/** The shape of the settings, checked at boot (secret values are read only when a task runs). */
export function checkZendeskConnection(connection: Record<string, unknown>): string[] {
  return connectionProblems(connectionSchema.safeParse(connection));
}

export type ZendeskCredentials = { kind: 'oauth'; clientId: string; clientSecret: string; scope: string } | { kind: 'api_token'; email: string; token: string };

export interface ZendeskConnection {
  /** The account root, e.g. https://acme.zendesk.com (no trailing slash, no /api/v2). */
  baseUrl: string;
  credentials: ZendeskCredentials;
  pageSize: number;
  closedTickets: 'redact' | 'delete';
  /** Caps on the attachment files an access answer carries (bytes): per file, and per export. */
  attachmentLimits: AttachmentLimits;
}

export interface AttachmentLimits {
  fileBytes: number;
  totalBytes: number;
}

/** Defaults sized like a person's hand-over (10 MB a file, 25 MB in all): one answer's files are
 *  held in memory while the package is built. 0 downloads nothing (every attachment is listed as skipped). */
export const DEFAULT_ATTACHMENT_MB = { file: 10, total: 25 } as const;
const MB = 1024 * 1024;

export const DEFAULT_SCOPE = 'users:read users:write tickets:read tickets:write';

function invalid(problem: string): ConnectorError {
  return new ConnectorError(`Zendesk connection settings: ${problem}`, false);
}

/** Reads and checks `ctx.connection`; secrets come only through `ctx.secret`. Prefers OAuth. */
export function resolveConnection(ctx: SystemContext): ZendeskConnection {
  const parsed = connectionSchema.safeParse(ctx.connection);
  if (!parsed.success) {
    throw invalid(connectionProblems(parsed).join('; '));
  }
  const settings = parsed.data;
  const baseUrl = settings.baseUrl.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
  const kind = settings.auth ?? (hasOauth(settings) ? 'oauth' : 'api_token');
  let credentials: ZendeskCredentials;
  if (kind === 'oauth') {
    credentials = {
      kind,
      clientId: settings.clientId ?? ctx.secret(settings.clientIdEnv!),
      clientSecret: ctx.secret(settings.clientSecretEnv!),
      scope: settings.scope ?? DEFAULT_SCOPE,
    };
  } else {
    credentials = { kind, email: settings.email ?? ctx.secret(settings.emailEnv!), token: ctx.secret(settings.apiTokenEnv!) };
  }
  return {
    baseUrl,
    credentials,
    pageSize: settings.pageSize ?? 100,
    closedTickets: settings.closedTickets ?? 'redact',
    attachmentLimits: {
      fileBytes: Math.round((settings.attachmentMaxFileMb ?? DEFAULT_ATTACHMENT_MB.file) * MB),
      totalBytes: Math.round((settings.attachmentMaxTotalMb ?? DEFAULT_ATTACHMENT_MB.total) * MB),
    },
  };
}
