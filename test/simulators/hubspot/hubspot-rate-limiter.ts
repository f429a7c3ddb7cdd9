import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { ASSUMPTIONS } from './hubspot-simulator-assumptions';

export interface RateLimitOptions {
  /** Requests per rolling interval per token (HubSpot private apps: 100–190 per 10 s). */
  maxPerInterval: number;
  intervalMs: number;
  dailyLimit: number;
  searchPerSecond: number;
  /** The account's time zone: the daily count starts again at midnight there. */
  timeZone: string;
}

export type RateLimitDecision =
  { allowed: true; headers: Record<string, string> } | { allowed: false; headers: Record<string, string>; body: Record<string, unknown> };

interface TokenUsage {
  window: number[];
  searches: number[];
  day: string;
  dailyCount: number;
}

/** HubSpot's per-token limits: a rolling 10-second window, a daily cap counted per calendar day in
 *  the account's time zone, and search's own per-second limit. A 429 names the policy hit in its
 *  body and carries the X-HubSpot-RateLimit-* headers; HubSpot sends no Retry-After. */
export class HubSpotRateLimiter {
  private readonly usage = new Map<string, TokenUsage>();

  constructor(private readonly options: RateLimitOptions) {}

  get timeZone(): string {
    return this.options.timeZone;
  }

  admit(token: string, isSearch: boolean, now = Date.now()): RateLimitDecision {
    const usage = this.usageFor(token, now);
    usage.window = usage.window.filter((at) => at > now - this.options.intervalMs);
    usage.searches = usage.searches.filter((at) => at > now - 1000);

    if (usage.dailyCount >= this.options.dailyLimit) return this.refuse(usage, 'DAILY', 'You have reached your daily limit.');
    if (usage.window.length >= this.options.maxPerInterval) {
      return this.refuse(usage, 'TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.');
    }
    if (isSearch && usage.searches.length >= this.options.searchPerSecond) {
      return this.refuse(usage, ASSUMPTIONS.searchPolicyName, 'You have reached your secondly limit.');
    }

    usage.window.push(now);
    usage.dailyCount += 1;
    if (isSearch) usage.searches.push(now);
    return { allowed: true, headers: this.headers(usage) };
  }

  private refuse(usage: TokenUsage, policyName: string, message: string): RateLimitDecision {
    return {
      allowed: false,
      headers: this.headers(usage),
      body: { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName },
    };
  }

  private headers(usage: TokenUsage): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Max': String(this.options.maxPerInterval),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, this.options.maxPerInterval - usage.window.length)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(this.options.intervalMs),
      'X-HubSpot-RateLimit-Daily': String(this.options.dailyLimit),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, this.options.dailyLimit - usage.dailyCount)),
    };
  }

  private usageFor(token: string, now: number): TokenUsage {
    const day = DateTime.fromMillis(now, { zone: this.options.timeZone }).toISODate() ?? '';
    const existing = this.usage.get(token);
    if (existing && existing.day === day) return existing;
    const fresh: TokenUsage = { window: existing?.window ?? [], searches: existing?.searches ?? [], day, dailyCount: 0 };
    this.usage.set(token, fresh);
    return fresh;
  }
}
