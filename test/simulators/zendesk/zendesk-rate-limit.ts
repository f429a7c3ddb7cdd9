import type { Response } from 'express';
import { RATE_LIMITED_TEXT_BODY } from './zendesk-assumptions';

/** Fixed windows per key: `limit` requests per `windowMs`. */
export class RateWindow {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(key: string): { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number } {
    const at = this.now();
    let window = this.windows.get(key);
    if (!window || at - window.start >= this.windowMs) {
      window = { start: at, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - at) / 1000)) };
    }
    window.count += 1;
    return { allowed: true, remaining: this.limit - window.count };
  }
}

export function sendRateLimited(res: Response, retryAfterSeconds: number, limit: number): void {
  res
    .status(429)
    .set({ 'Retry-After': String(retryAfterSeconds), 'X-Rate-Limit': String(limit), 'X-Rate-Limit-Remaining': '0' })
    .type('text/plain')
    .send(RATE_LIMITED_TEXT_BODY);
}
