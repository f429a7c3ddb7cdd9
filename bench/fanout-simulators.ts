import { simulatorSecrets, writeDataMap, type Simulators } from '../test/fanout/fanout-stack';
import { seedHubSpot, seedZendesk, vismaSeed, type TestPerson } from '../test/fanout/norwegian-people';
import { startHubSpotSimulator } from '../test/simulators/hubspot/hubspot-simulator';
import { startVismaSimulator } from '../test/simulators/visma/visma-simulator';
import { startZendeskSimulator } from '../test/simulators/zendesk/zendesk-simulator';

/** HTTP calls one access (export) task makes, measured with the simulators (a subject found /
 *  not found); the bench prints the measured average so a drift shows. */
const CALLS_PER_EXPORT = {
  zendesk: { found: 5, missing: 1 },
  visma: { found: 4, missing: 2 },
  hubspot: { found: 4, missing: 3 },
} as const;

/** BullMQ's rate-limit window for task jobs: long enough that the task count per window is not
 *  rounded down much, short enough that its bursts stay inside HubSpot's rolling 10 s window. */
export const TASK_WINDOW_MS = 2000;

/** The share of a provider's limit the task rate aims at, as an operator would set
 *  TASK_RATE_LIMITS: calls per task vary with the data found, and BullMQ's fixed windows meet the
 *  provider's rolling ones at their edges, so aiming at exactly 100 % draws 429s. */
export const TASK_RATE_HEADROOM = Number(process.env.BENCH_TASK_RATE_HEADROOM ?? 0.95);

export interface BenchSimulators {
  dataMap: string;
  secrets: Record<string, string>;
  /** Task jobs per TASK_WINDOW_MS per connector that keep its calls at the allowed rate. */
  tasksPerWindow: Record<'zendesk' | 'visma' | 'hubspot', number>;
  counts(): Record<'zendesk' | 'visma' | 'hubspot', { answered: number; limited: number }>;
  close(): Promise<void>;
}

/** The three simulators, each limited to `callsPerSecond`, with `present` of `cases` subjects seeded
 *  (person n is fanout<n>@example.no, as the bench's cases are). */
export async function startBenchSimulators(cases: number, present: number, callsPerSecond: number, secretPrefix: string): Promise<BenchSimulators> {
  const zendesk = await startZendeskSimulator({ rateLimitPerMinute: callsPerSecond * 60 });
  const people: TestPerson[] = Array.from({ length: present }, (_, index) => ({
    name: `Fanout Testperson ${index + 1}`,
    email: `fanout${index + 1}@example.no`,
    phone: `+47${String(40_000_000 + index + 1)}`,
    customerNo: 100_000 + index + 1,
    invoices: [],
  }));
  const visma = await startVismaSimulator({ ...vismaSeed(people), rateLimitPerMinute: callsPerSecond * 60 });
  const hubspot = await startHubSpotSimulator({
    rateLimit: { maxPerInterval: callsPerSecond * 10, intervalMs: 10_000, searchPerSecond: callsPerSecond, dailyLimit: 10_000_000 },
  });
  for (const person of people) {
    seedZendesk(zendesk, person);
    seedHubSpot(hubspot, person);
  }
  const sims: Simulators = { zendesk, visma, hubspot, close: async () => undefined };
  const dataMap = writeDataMap(sims, secretPrefix, ['zendesk', 'visma', 'hubspot'], []);
  const foundShare = present / cases;
  const tasksPerWindow = (type: keyof typeof CALLS_PER_EXPORT) => {
    const calls = foundShare * CALLS_PER_EXPORT[type].found + (1 - foundShare) * CALLS_PER_EXPORT[type].missing;
    return Math.max(1, Math.floor((callsPerSecond * TASK_RATE_HEADROOM * TASK_WINDOW_MS) / 1000 / calls));
  };
  return {
    dataMap,
    secrets: simulatorSecrets(secretPrefix),
    tasksPerWindow: { zendesk: tasksPerWindow('zendesk'), visma: tasksPerWindow('visma'), hubspot: tasksPerWindow('hubspot') },
    counts: () => ({
      zendesk: {
        answered: zendesk.calls.all.filter((call) => call.endpoint !== 'POST /oauth/tokens' && call.status !== 429).length,
        limited: zendesk.calls.all.filter((call) => call.status === 429).length,
      },
      visma: { answered: visma.calls.graphql, limited: visma.calls.rateLimited + visma.calls.concurrencyRejected },
      hubspot: {
        answered: hubspot.calls.filter((call) => call.status !== 429).length,
        limited: hubspot.calls.filter((call) => call.status === 429).length,
      },
    }),
    close: async () => {
      await Promise.all([zendesk.close(), visma.close(), hubspot.close()]);
    },
  };
}
