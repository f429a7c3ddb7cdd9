import { isIP } from 'node:net';
import { z } from 'zod';
import { isIsoDate, isWeekend } from '../common/iso-date';
import { inboundMailSettings } from './inbound-mail-config';
import { oidcSettings } from './oidc-config';

/** Every setting the service reads, validated once at boot (README "Configuration").
 *  An invalid value stops start-up with a message naming the variable. */
/** The first admin's address when ADMIN_EMAIL is unset (a fresh install; README "Configuration"). */
export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

const onOff = z.enum(['on', 'off']);
/** Comma-separated YYYY-MM-DD dates. Each bad value is named in the message: the calendar would
 *  otherwise fail on it later, at the first deadline it computes, without saying which setting. */
const isoDateList = (kind: 'closed' | 'working') =>
  z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : [],
    )
    .superRefine((dates, ctx) => {
      for (const date of dates) {
        if (!isIsoDate(date)) {
          ctx.addIssue({ code: 'custom', message: `${String(date)} is not a real calendar date (expected comma-separated YYYY-MM-DD dates)` });
        } else if (kind === 'working' && isWeekend(date)) {
          // Regulation 1182/71 art. 3(4): Saturdays and Sundays are never working days.
          ctx.addIssue({ code: 'custom', message: `${date} is a ${weekdayName(date)}; a weekend day cannot be declared a working day` });
        }
      }
    });

/** Express's `trust proxy`: a hop count, or a comma list of addresses, CIDR ranges and the names
 *  proxy-addr knows. `true` (trust every hop) is left out: any client could then pick its address. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function isProxyAddress(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [address, prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}
const trustProxy = z
  .string()
  .default('loopback')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .refine((items) => items.length > 0, 'give a hop count, loopback, or comma-separated addresses/CIDR ranges')
  .refine(
    (items) => (items.length === 1 && /^\d{1,2}$/.test(items[0])) || items.every(isProxyAddress),
    'expected a hop count (e.g. 1), loopback/linklocal/uniquelocal, or comma-separated IP addresses and CIDR ranges (e.g. 10.0.0.0/8)',
  )
  .transform((items): number | string => (/^\d+$/.test(items[0]) ? Number(items[0]) : items.join(',')));

/** Comma-separated secrets being rotated out: they still verify and decrypt, never sign or seal. */
const secretList = (check: (value: string) => boolean, problem: string) =>
  z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : [],
    )
    .superRefine((items, ctx) => {
      items.forEach((item, index) => {
        if (!check(item)) ctx.addIssue({ code: 'custom', message: `item ${index + 1} ${problem}` });
      });
    });
const isPackageKey = (value: string) => Buffer.from(value, 'base64').length === 32;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/dsr'),
    /** PostgreSQL connections per process. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .min(1)
      .regex(/^[^:\s]+$/, 'may not contain ":" or spaces')
      .default('{dsr}'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    ROLE: z.enum(['all', 'api', 'worker']).default('all'),
    PUBLIC_URL: z.string().url().optional(),
    /** Which proxies in front may say who the client is (X-Forwarded-For/-Proto): the client address
     *  for rate limits, and whether the request came over https (the Secure session cookie). */
    TRUST_PROXY: trustProxy,
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().optional(),
    MAIL_DIR: z.string().default('var/mail'),
    SYSTEMS_FILE: z.string().default('config/systems.yaml'),
    DEADLINE_PROMISE_DAYS: z.coerce.number().int().min(0).max(90).default(30),
    DEADLINE_PAUSE: onOff.default('on'),
    DEADLINE_EXTRA_CLOSED_DAYS: isoDateList('closed'),
    DEADLINE_EXTRA_WORKING_DAYS: isoDateList('working'),
    TZ_NAME: z
      .string()
      .default('Europe/Oslo')
      .refine((name) => isTimeZone(name), 'not a known IANA time zone'),
    ALERT_HOUR: z.coerce.number().int().min(0).max(23).default(8),
    STAFF_ALERT_EMAIL: z.string().email().optional(),
    /** The first admin, and the last fallback for staff e-mails when no admin is active. */
    ADMIN_EMAIL: z.string().email().default(DEFAULT_ADMIN_EMAIL),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Key rotation: the APP_SECRETs used before, comma-separated; links and tokens they signed still work. */
    APP_SECRET_PREVIOUS: secretList((value) => value.length >= 32, 'must be at least 32 characters'),
    TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),
    RECONCILE_EVERY_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /** How long an e-mailed verification link works; an unverified request is closed when it lapses. */
    VERIFICATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    /** Days after submission when one reminder goes out if the e-mail is still unconfirmed. */
    VERIFICATION_REMINDER_DAYS: z.coerce.number().int().min(1).max(89).default(3),
    /** Public submissions (form and POST /api/v1/requests) per client address per minute. */
    INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(10),
    /** Fan-out task jobs: attempts and the first exponential back-off step. */
    TASK_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    TASK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    /** A plan surveyed longer ago than this is surveyed again before it is executed (docs/plans.md). */
    PLAN_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(8760).default(72),
    /** How long a task job's lock lasts: after a worker dies, its running tasks restart this much later. */
    TASK_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    /** Task jobs per connector type and window, e.g. `zendesk=30/60000,hubspot=20/10000` (max/ms). */
    TASK_RATE_LIMITS: z
      .string()
      .optional()
      .refine(
        (value) => !value || /^\s*[a-z][a-z0-9-]*=\d+\/\d+\s*(,\s*[a-z][a-z0-9-]*=\d+\/\d+\s*)*$/.test(value),
        'expected type=max/ms pairs, e.g. zendesk=30/60000,hubspot=20/10000',
      ),
    /** A provider's Retry-After up to this long is waited out inside the connector call; longer ones go back to the queue. */
    CONNECTOR_INLINE_RETRY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    /** Staff UI: a session ends after this many minutes without a request (sliding expiry). */
    STAFF_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    /** Staff UI: sign-in attempts per client address per minute (the account lockout is separate). */
    STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(10),
    /** Answer packages: AES-256-GCM key, base64 of 32 bytes. Unset → derived from APP_SECRET (development only, with a warning). */
    PACKAGE_KEY: z
      .string()
      .optional()
      .refine((value) => !value || isPackageKey(value), 'must be the base64 of exactly 32 random bytes (openssl rand -base64 32)'),
    /** Key rotation: the PACKAGE_KEYs used before, comma-separated; what they sealed still opens. */
    PACKAGE_KEY_PREVIOUS: secretList(isPackageKey, 'must be the base64 of exactly 32 random bytes'),
    /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; unset, /metrics is open. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Verification and proof-code e-mails to one address per hour; beyond it none is sent (the request stays). */
    RECIPIENT_EMAILS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
    /** Art 12(5): a request is flagged "possibly excessive" when the same person made this many of the same type … */
    REPEAT_REQUEST_COUNT: z.coerce.number().int().min(2).max(100).default(3),
    /** … within this many months (the flag informs a handler; the engine never refuses on its own). */
    REPEAT_REQUEST_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
    /** Art 18(3): working days between the notice that a restriction will be lifted and the lift, in which the person can object. */
    RESTRICTION_LIFT_NOTICE_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(5),
    /** Days an answer package can be downloaded; then it is deleted. */
    PACKAGE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Minutes a one-time download code works. */
    PACKAGE_CODE_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /** Where proof codes by SMS go: `file` appends JSON lines to SMS_FILE (development, tests); `twilio` sends them. */
    SMS_TRANSPORT: z.enum(['file', 'twilio']).default('file'),
    SMS_FILE: z.string().default('var/sms.log'),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex digits')
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
    /** The sender: an E.164 number, or an alphanumeric sender id (Twilio wants at least one letter in it). */
    TWILIO_FROM: z
      .string()
      .regex(
        /^(\+[1-9]\d{6,14}|(?=[A-Za-z0-9 ]*[A-Za-z])[A-Za-z0-9 ]{1,11})$/,
        'expected an E.164 number (+4712345678) or an alphanumeric sender id of up to 11 characters with at least one letter',
      )
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `pretty`: one readable line per entry (pino-pretty); `json`: one JSON object per line, for
     *  log collectors. Unset: pretty when stdout is a terminal, JSON otherwise. */
    LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
    /** Staff single sign-on with OpenID Connect (docs/sso.md); off while OIDC_ISSUER is unset. */
    ...oidcSettings,
    /** Replies by e-mail (README "Replies by e-mail"); off while INBOUND_IMAP_URL and REPLY_ADDRESS are unset. */
    ...inboundMailSettings,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.APP_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['APP_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (env.SMS_TRANSPORT === 'twilio') {
      for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when SMS_TRANSPORT=twilio' });
      }
    }
    if (env.OIDC_ISSUER) {
      for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when OIDC_ISSUER is set' });
      }
      if (env.OIDC_PROVISION === 'mapped' && env.OIDC_ROLE_MAP.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['OIDC_ROLE_MAP'], message: 'is required when OIDC_PROVISION=mapped (no role, no new account)' });
      }
    }
    // Half the setting would either promise a reply address nobody reads or read a mailbox no e-mail points to.
    if (Boolean(env.INBOUND_IMAP_URL) !== Boolean(env.REPLY_ADDRESS)) {
      const missing = env.INBOUND_IMAP_URL ? 'REPLY_ADDRESS' : 'INBOUND_IMAP_URL';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: `is required when ${missing === 'REPLY_ADDRESS' ? 'INBOUND_IMAP_URL' : 'REPLY_ADDRESS'} is set`,
      });
    }
    const closed = new Set(env.DEADLINE_EXTRA_CLOSED_DAYS);
    for (const date of env.DEADLINE_EXTRA_WORKING_DAYS) {
      if (closed.has(date)) {
        ctx.addIssue({ code: 'custom', path: ['DEADLINE_EXTRA_WORKING_DAYS'], message: `${date} is also listed in DEADLINE_EXTRA_CLOSED_DAYS` });
      }
    }
  });

function weekdayName(date: string): string {
  return new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export type Environment = z.infer<typeof schema>;

export interface AppConfig extends Environment {
  PUBLIC_URL: string;
  /** True when APP_SECRET was not given: the one generated at first start is read from
   *  PostgreSQL at boot (config/app-secrets.ts) and replaces the placeholder below. */
  generatedSecret: boolean;
  APP_SECRET: string;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, generateSecret: () => string): AppConfig {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const config = parsed.data;
  return {
    ...config,
    PUBLIC_URL: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
    APP_SECRET: config.APP_SECRET ?? generateSecret(),
    generatedSecret: !config.APP_SECRET,
  };
}
