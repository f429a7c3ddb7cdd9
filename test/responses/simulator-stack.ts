import { api, simulatorSecrets, startSimulatorsWith, writeDataMap, type Api, type Simulators } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import type { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { enrichDataMap } from './answer-stack';

/** What an answer test talks to: filled in by `beforeAll`, so read its fields inside tests only. */
export interface SimulatorStack {
  readonly smtp: SmtpCapture;
  sims: Simulators;
  stack: TestApp;
  /** The REST API as the first admin (re-sign in with `auth = await adminAuth(...)` after a clock jump). */
  client: Api;
  auth: { Authorization: string };
}

export interface SimulatorStackOptions {
  clock?: FixedClock;
  /** Added to (or overriding) the defaults: fast task retries, no inline retry wait. */
  env?: Record<string, string>;
  /** Changes the written data map (Zendesk, Visma and HubSpot simulators, enriched with recipients). */
  dataMap?: (file: string) => string;
}

/**
 * The whole engine against the three simulators and a test SMTP server, started once for the
 * calling `describe` (it registers its own beforeAll/afterAll) with its own database, queue prefix
 * and simulator secrets (`prefix`).
 */
export function useSimulatorStack(prefix: string, options: SimulatorStackOptions = {}): SimulatorStack {
  const env = { smtp: new SmtpCapture() } as SimulatorStack;
  const secrets = simulatorSecrets(prefix);

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    env.sims = await startSimulatorsWith(NORWEGIAN_PEOPLE);
    const file = enrichDataMap(writeDataMap(env.sims, prefix, ['zendesk', 'visma', 'hubspot']));
    env.stack = await startTestApp({
      ...(options.clock ? { clock: options.clock } : {}),
      env: {
        SMTP_URL: await env.smtp.start(),
        SYSTEMS_FILE: options.dataMap ? options.dataMap(file) : file,
        TASK_BACKOFF_MS: '100',
        CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
        ...options.env,
      },
    });
    env.auth = await adminAuth(env.stack.url);
    env.client = api(env.stack.url, () => env.auth);
  });

  afterAll(async () => {
    await env.stack?.close();
    await env.sims?.close();
    await env.smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  return env;
}
