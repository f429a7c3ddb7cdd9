import { Router, type Request, type Response } from 'express';
import { ASSUMPTIONS } from './mailchimp-assumptions';
import { type MailchimpState, type MemberStatus, type SimMember, subscriberHash } from './mailchimp-state';
import { sendProblem } from './mailchimp-problem';

const STATUSES: MemberStatus[] = ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'];

/** The member as `GET /lists/{id}/members/{hash}` returns it (notes and activity have their own endpoints). */
function memberView(member: SimMember, root: string): Record<string, unknown> {
  const { notes: _notes, activity: _activity, ...rest } = member;
  const name = [member.merge_fields.FNAME, member.merge_fields.LNAME].filter(Boolean).join(' ');
  return {
    ...rest,
    full_name: name,
    tags_count: member.tags.length,
    tags: member.tags.map(({ id, name: tag }) => ({ id, name: tag })),
    _links: [{ rel: 'self', href: `${root}/lists/${member.list_id}/members/${member.id}`, method: 'GET' }],
  };
}

/** `count` (default 10, at most 1000) and `offset` (default 0), as every Mailchimp collection pages. */
function page<T>(req: Request, res: Response, items: T[]): { items: T[]; total_items: number } | null {
  const count = req.query.count === undefined ? 10 : Number(req.query.count);
  const offset = req.query.offset === undefined ? 0 : Number(req.query.offset);
  if (!Number.isInteger(count) || count < 1 || count > ASSUMPTIONS.refusesCountAbove || !Number.isInteger(offset) || offset < 0) {
    sendProblem(res, 400, 'Invalid Resource', "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", {
      errors: [{ field: Number.isInteger(count) && count >= 1 && count <= ASSUMPTIONS.refusesCountAbove ? 'offset' : 'count', message: 'Invalid value' }],
    });
    return null;
  }
  return { items: items.slice(offset, offset + count), total_items: items.length };
}

export function mailchimpRoutes(state: MailchimpState, root: () => string): Router {
  const router = Router();

  const listOr404 = (req: Request, res: Response) => {
    const list = state.lists.get(String(req.params.listId));
    if (!list) sendProblem(res, 404, 'Resource Not Found', 'The requested resource could not be found.');
    return list;
  };
  const memberOr404 = (req: Request, res: Response) => {
    const list = listOr404(req, res);
    if (!list) return undefined;
    const member = list.members.get(String(req.params.hash).toLowerCase());
    if (!member) sendProblem(res, 404, 'Resource Not Found', 'The requested resource could not be found.');
    return member ? { list, member } : undefined;
  };

  router.get('/3.0/lists', (req, res) => {
    const lists = [...state.lists.values()].map((list) => ({ id: list.id, name: list.name, stats: { member_count: list.members.size } }));
    const paged = page(req, res, lists);
    if (paged) res.json({ lists: paged.items, total_items: paged.total_items });
  });

  router.get('/3.0/lists/:listId', (req, res) => {
    const list = listOr404(req, res);
    if (list) res.json({ id: list.id, name: list.name, stats: { member_count: list.members.size } });
  });

  router.post('/3.0/lists/:listId/members', (req, res) => {
    const list = listOr404(req, res);
    if (!list) return;
    const email = String(req.body?.email_address ?? '');
    const status = req.body?.status as MemberStatus;
    if (!email.includes('@') || !STATUSES.includes(status)) {
      return sendProblem(res, 400, 'Invalid Resource', "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", {
        errors: [{ field: email.includes('@') ? 'status' : 'email_address', message: 'Invalid value' }],
      });
    }
    const hash = subscriberHash(email);
    if (list.forgotten.has(hash)) {
      return sendProblem(
        res,
        400,
        'Forgotten Email Not Subscribed',
        `${email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.`,
      );
    }
    if (list.members.has(hash)) return sendProblem(res, 400, 'Member Exists', `${email} is already a list member. Use PUT to insert or update list members.`);
    const member = state.addMember(list.id, { email, status, mergeFields: req.body?.merge_fields });
    res.json(memberView(member, root()));
  });

  router.get('/3.0/lists/:listId/members/:hash', (req, res) => {
    const found = memberOr404(req, res);
    if (found) res.json(memberView(found.member, root()));
  });

  router.patch('/3.0/lists/:listId/members/:hash', (req, res) => {
    const found = memberOr404(req, res);
    if (!found) return;
    const { list, member } = found;
    const body = (req.body ?? {}) as { status?: MemberStatus; email_address?: string; merge_fields?: Record<string, unknown> };
    if (body.status !== undefined && !STATUSES.includes(body.status)) {
      return sendProblem(res, 400, 'Invalid Resource', "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", {
        errors: [{ field: 'status', message: 'Data did not match any of the schemas described in anyOf.' }],
      });
    }
    if (body.email_address !== undefined) {
      const hash = subscriberHash(body.email_address);
      if (hash !== member.id) {
        if (list.forgotten.has(hash)) {
          return sendProblem(res, 400, 'Forgotten Email Not Subscribed', `${body.email_address} was permanently deleted and cannot be re-imported.`);
        }
        if (list.members.has(hash)) return sendProblem(res, 400, 'Member Exists', `${body.email_address} is already a list member.`);
        list.members.delete(member.id);
        member.id = hash;
        list.members.set(hash, member);
      }
      member.email_address = body.email_address;
    }
    if (body.status) member.status = body.status;
    if (body.merge_fields) member.merge_fields = { ...member.merge_fields, ...body.merge_fields };
    member.last_changed = new Date().toISOString().replace(/\.\d+Z$/, '+00:00');
    res.json(memberView(member, root()));
  });

  // Archive: the member stays, hidden and never sent to.
  router.delete('/3.0/lists/:listId/members/:hash', (req, res) => {
    const found = memberOr404(req, res);
    if (!found) return;
    if (found.member.status === 'archived') return sendProblem(res, 404, 'Resource Not Found', 'The requested resource could not be found.');
    found.member.status = 'archived';
    res.status(204).end();
  });

  // Permanent deletion: the member and everything about it go, and the address is refused on re-import.
  router.post('/3.0/lists/:listId/members/:hash/actions/delete-permanent', (req, res) => {
    const found = memberOr404(req, res);
    if (!found) return;
    found.list.members.delete(found.member.id);
    found.list.forgotten.add(found.member.id);
    res.status(204).end();
  });

  router.get('/3.0/lists/:listId/members/:hash/activity-feed', (req, res) => {
    const found = memberOr404(req, res);
    if (!found) return;
    const paged = page(req, res, found.member.activity);
    if (paged) res.json({ activity: paged.items, email_id: found.member.id, list_id: found.list.id, total_items: paged.total_items });
  });

  router.get('/3.0/lists/:listId/members/:hash/tags', (req, res) => {
    const found = memberOr404(req, res);
    if (!found) return;
    const paged = page(req, res, found.member.tags);
    if (paged) res.json({ tags: paged.items, total_items: paged.total_items });
  });

  router.post('/3.0/lists/:listId/members/:hash/tags', (req, res) => {
    const found = memberOr404(req, res);
    if (!found) return;
    const tags = req.body?.tags as Array<{ name?: string; status?: string }> | undefined;
    if (!Array.isArray(tags) || tags.some((tag) => !tag.name || !['active', 'inactive'].includes(String(tag.status)))) {
      return sendProblem(res, 400, 'Invalid Resource', "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", {
        errors: [{ field: 'tags', message: 'Schema describes array, object found instead' }],
      });
    }
    for (const tag of tags) {
      const held = found.member.tags.find((existing) => existing.name === tag.name);
      if (tag.status === 'active' && !held) found.member.tags.push({ id: state.newId(), name: tag.name!, date_added: new Date().toISOString() });
      if (tag.status === 'inactive' && held) found.member.tags.splice(found.member.tags.indexOf(held), 1);
    }
    res.status(204).end();
  });

  router.get('/3.0/lists/:listId/members/:hash/notes', (req, res) => {
    const found = memberOr404(req, res);
    if (!found) return;
    const notes = found.member.notes.map((note) => ({ ...note, list_id: found.list.id, email_id: found.member.id, contact_id: found.member.contact_id }));
    const paged = page(req, res, notes);
    if (paged) res.json({ notes: paged.items, list_id: found.list.id, email_id: found.member.id, total_items: paged.total_items });
  });

  return router;
}
