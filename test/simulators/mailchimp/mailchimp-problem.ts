import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { ASSUMPTIONS } from './mailchimp-assumptions';

/** Every Mailchimp error: RFC 7807 problem details as application/problem+json. */
export function sendProblem(res: Response, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: ASSUMPTIONS.problemType, title, status, detail, instance: randomUUID(), ...extra }));
}
