import { type Request, type Response, Router } from 'express';
import { randomUUID } from 'node:crypto';
import { sendError } from './hubspot-errors';
import { ASSUMPTIONS } from './hubspot-simulator-assumptions';
import type { HubSpotSimulatorState } from './hubspot-simulator-state';

/**
 * Marketing data kept outside the contact record: the Email Events API (v1, offset/hasMore paging),
 * the legacy contact profile's `form-submissions` (v1) and a form's submissions (Forms v1,
 * `paging.next.after`), as developers.hubspot.com documents them.
 */
export function marketingRoutes(state: HubSpotSimulatorState): Router {
  const router = Router();

  router.get('/email/public/v1/events', (req: Request, res: Response) => {
    const limit = pageSize(req.query.limit, 10, 1000);
    if (limit === undefined) return sendError(res, 400, 'VALIDATION_ERROR', 'limit must be between 1 and 1000');
    const start = position(req.query.offset);
    if (start === undefined) return sendError(res, 400, 'VALIDATION_ERROR', 'offset is not a valid offset token');
    const recipient = typeof req.query.recipient === 'string' ? req.query.recipient.toLowerCase() : undefined;
    const type = typeof req.query.eventType === 'string' ? req.query.eventType : undefined;
    const matching = state.marketing.emailEvents
      .filter((event) => (!recipient || event.recipient === recipient) && (!type || event.type === type))
      .sort((a, b) => ASSUMPTIONS.emailEventsOrder * (a.created - b.created) || a.id.localeCompare(b.id));
    const page = matching.slice(start, start + limit);
    const hasMore = start + limit < matching.length;
    res.json({ hasMore, offset: token(start + page.length), events: page });
  });

  router.get('/contacts/v1/contact/vid/:vid/profile', (req: Request, res: Response) => {
    const contact = state.contacts.get(String(req.params.vid));
    if (!contact || contact.archived) {
      return void res.status(404).json({ status: 'error', message: 'contact does not exist', correlationId: randomUUID(), requestId: randomUUID() });
    }
    const mode = typeof req.query.formSubmissionMode === 'string' ? req.query.formSubmissionMode : ASSUMPTIONS.profileFormSubmissionMode;
    const all = state.marketing.submissionsOf(contact.id);
    const chosen = mode === 'all' ? all : mode === 'newest' ? all.slice(0, 1) : mode === 'oldest' ? all.slice(-1) : [];
    res.json({
      vid: Number(contact.id),
      'canonical-vid': Number(contact.id),
      'merged-vids': [],
      'portal-id': 24_000_001,
      'is-contact': true,
      properties: Object.fromEntries(Object.entries(contact.properties).map(([name, value]) => [name, { value }])),
      'form-submissions': chosen.map(({ form, submission }) => ({
        'conversion-id': submission.conversionId,
        timestamp: submission.submittedAt,
        'form-id': form.guid,
        'portal-id': 24_000_001,
        'page-url': submission.pageUrl,
        'page-title': submission.pageTitle,
        title: form.name,
        'form-type': 'HUBSPOT',
        'meta-data': [],
      })),
      'identity-profiles': [],
      'list-memberships': [],
    });
  });

  router.get('/form-integrations/v1/submissions/forms/:formGuid', (req: Request, res: Response) => {
    const form = state.marketing.forms.get(String(req.params.formGuid));
    if (!form || form.deleted) return sendError(res, 404, 'OBJECT_NOT_FOUND', `Form ${String(req.params.formGuid)} does not exist`);
    const limit = pageSize(req.query.limit, 20, 50);
    if (limit === undefined) return sendError(res, 400, 'VALIDATION_ERROR', 'limit must be between 1 and 50');
    const start = position(req.query.after);
    if (start === undefined) return sendError(res, 400, 'VALIDATION_ERROR', 'after is not a valid paging token');
    const page = form.submissions.slice(start, start + limit);
    const next = start + limit < form.submissions.length ? token(start + limit) : undefined;
    res.json({
      results: page.map(({ conversionId, submittedAt, values, pageUrl }) => ({ conversionId, submittedAt, values, pageUrl })),
      ...(next ? { paging: { next: { after: next, link: `${req.path}?after=${next}` } } } : {}),
    });
  });

  return router;
}

function pageSize(raw: unknown, fallback: number, max: number): number | undefined {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
}

/** Paging tokens are opaque to clients; here an encoded position. */
function token(index: number): string {
  return Buffer.from(`p${index}`).toString('base64url');
}

function position(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return 0;
  const match = /^p(\d+)$/.exec(Buffer.from(String(raw), 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}
