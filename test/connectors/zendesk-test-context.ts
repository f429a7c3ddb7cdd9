import { randomUUID } from 'node:crypto';
import type { SystemContext } from '../../src/connectors/connector';
import {
  startZendeskSimulator,
  ZENDESK_SIMULATOR_CREDENTIALS,
  type ZendeskSimulator,
  type ZendeskSimulatorOptions,
} from '../simulators/zendesk/zendesk-simulator';

const OAUTH_SECRETS: Record<string, string> = {
  ZENDESK_CLIENT_ID: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientId,
  ZENDESK_CLIENT_SECRET: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientSecret,
};

/** A Zendesk system's context for the simulator at `baseUrl`: OAuth with the simulator's client, `connection` on top. */
export function zendeskTestContext(baseUrl: string, connection: Record<string, unknown> = {}): SystemContext {
  return {
    systemId: `zendesk-${randomUUID().slice(0, 8)}`,
    connection: { baseUrl, auth: 'oauth', clientIdEnv: 'ZENDESK_CLIENT_ID', clientSecretEnv: 'ZENDESK_CLIENT_SECRET', ...connection },
    secret(name) {
      const value = OAUTH_SECRETS[name];
      if (value === undefined) throw new Error(`no secret ${name}`);
      return value;
    },
  };
}

/** A fresh simulator and context per test (registers beforeEach/afterEach); `start` restarts it with other options. */
export function useZendeskSimulator(): {
  readonly sim: ZendeskSimulator;
  readonly ctx: SystemContext;
  start(options?: ZendeskSimulatorOptions, connection?: Record<string, unknown>): Promise<void>;
} {
  let sim: ZendeskSimulator | undefined;
  let ctx: SystemContext | undefined;
  const stop = async () => {
    await sim?.close();
    sim = undefined;
  };
  const env = {
    get sim() {
      return sim!;
    },
    get ctx() {
      return ctx!;
    },
    async start(options: ZendeskSimulatorOptions = {}, connection: Record<string, unknown> = {}) {
      await stop();
      sim = await startZendeskSimulator(options);
      ctx = zendeskTestContext(sim.baseUrl, connection);
    },
  };
  beforeEach(() => env.start());
  afterEach(() => stop());
  return env;
}
