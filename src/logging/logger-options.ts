import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** Fields that can hold personal data or secrets, wherever they appear in a log object. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.email',
  '*.name',
  '*.phone',
  '*.customerNumber',
  '*.subject',
  '*.password',
  '*.token',
  '*.details',
  '*.to',
];

/** A request is logged by method and path only; query strings and path tokens (verification,
 *  status and answer download links) are cut, since they can carry e-mail addresses or secrets. */
export function safePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0];
  return path.replace(/\/(verify|status|answer|download|invite|reset)\/[^/]+/g, '/$1/[token]').replace(/[^/]+@[^/]+/g, '[email]');
}

/** Readable lines for a person at a terminal; JSON for anything that collects logs. */
export function logFormat(config: Pick<AppConfig, 'LOG_FORMAT'>, stdoutIsTerminal = Boolean(process.stdout.isTTY)): 'pretty' | 'json' {
  return config.LOG_FORMAT ?? (stdoutIsTerminal ? 'pretty' : 'json');
}

export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      // Redaction happens before the transport: a pretty line hides the same fields as JSON.
      ...(logFormat(config) === 'pretty'
        ? {
            transport: {
              target: 'pino-pretty',
              options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,context', messageFormat: '{if context}{context}: {end}{msg}', singleLine: true },
            },
          }
        : {}),
      redact: { paths: REDACT, censor: '[redacted]' },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, path: safePath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
