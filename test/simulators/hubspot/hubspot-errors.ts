import type { Response } from 'express';
import { randomUUID } from 'node:crypto';

/** HubSpot's error body: `{status:"error", message, correlationId, category, …}`. */
export function sendError(res: Response, httpStatus: number, category: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(httpStatus).json({ status: 'error', message, correlationId: randomUUID(), category, ...extra });
}

export function sendNotFound(res: Response, id: string): void {
  sendError(res, 404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [id] } });
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
