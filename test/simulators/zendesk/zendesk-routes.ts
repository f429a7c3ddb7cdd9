import type { Request, Response } from 'express';
import {
  API_AGENT_ID,
  DUPLICATE_IDENTITY_ERROR,
  FORBIDDEN_ERROR,
  openTicketsDeleteError,
  REDACTED_ATTACHMENT_NAME,
  REDACTION_MISMATCH_ERROR,
  ticketPermanentlyDeletedBody,
} from './zendesk-assumptions';
import { paginate } from './zendesk-pagination';
import { sendRateLimited, type RateWindow } from './zendesk-rate-limit';
import { htmlToText, type SearchView, type SimUser, type ZendeskState } from './zendesk-state';

export interface RouteContext {
  req: Request;
  res: Response;
  params: string[];
  /** The full request URL as the client sent it (with `.json` if it was there). */
  url: URL;
  origin: string;
}

export interface ZendeskRoute {
  method: string;
  /** Relative to /api/v2, e.g. `/users/:id`. */
  pattern: string;
  regex: RegExp;
  handle(context: RouteContext): void;
}

const NOT_FOUND = { error: 'RecordNotFound', description: 'Not found' };

/** The account's subdomain as compliance statuses name it. */
const SIMULATED_SUBDOMAIN = 'simulated';

function route(method: string, pattern: string, handle: (context: RouteContext) => void): ZendeskRoute {
  const regex = new RegExp(`^${pattern.replace(/:[a-z_]+/g, '([^/]+)')}$`);
  return { method, pattern, regex, handle };
}

const digits = (value: string) => value.replace(/\D/g, '');

/** Zendesk search matches partially; the simulator matches substrings, the least kind reading.
 *  A value in double quotes is one term, spaces included (`phone:"912 34 567"`), as in Zendesk's
 *  search syntax. The query is parsed once per search, then tested against each user's cached identities. */
function compileQuery(state: ZendeskState, query: string): (user: SimUser) => boolean {
  const tests = (query.match(/[^\s"]*"[^"]*"|\S+/g) ?? []).map((term): ((view: SearchView) => boolean) => {
    const [keyword, ...rest] = term.split(':');
    const value = rest.join(':').replace(/^"|"$/g, '').toLowerCase();
    if (rest.length && keyword === 'email') return (view) => view.emails.some((email) => email.includes(value));
    if (rest.length && keyword === 'phone') {
      const wanted = digits(value);
      return (view) => wanted.length > 0 && view.phones.some((phone) => phone.includes(wanted));
    }
    const text = term.toLowerCase();
    const textDigits = digits(text) || '\u0000';
    return (view) =>
      view.name.toLowerCase().includes(text) || view.emails.some((email) => email.includes(text)) || view.phones.some((phone) => phone.includes(textDigits));
  });
  // Search reads the index, which shows a created or changed user only after the indexing delay.
  return (user) => {
    const view = state.searchView(user);
    return !!view && tests.every((test) => test(view));
  };
}

function redactHtml(html: string): string {
  return html
    .replace(/<redact>([\s\S]*?)<\/redact>/g, (_all, inner: string) => '▇'.repeat(Array.from(htmlToText(inner)).length))
    .replace(/<img\b[^>]*\sredact\b[^>]*>/g, '')
    .replace(/<a\b[^>]*\sredact\b[^>]*>/g, '<a>');
}

const withoutRedactMarkup = (html: string) => html.replace(/<\/?redact>/g, '').replace(/(<[a-z]+)\sredact(?=[\s>])/g, '$1');

export function buildZendeskRoutes(state: ZendeskState, limits: { updateUserLimit: RateWindow; permanentDeleteLimit: RateWindow }): ZendeskRoute[] {
  const send = (context: RouteContext, answer: { status: number; body: unknown }) => context.res.status(answer.status).json(answer.body);
  const notFound = (context: RouteContext) => context.res.status(404).json(NOT_FOUND);
  const userId = (context: RouteContext) => Number(context.params[0]);

  return [
    route('GET', '/users/search', (context) => {
      const query = (context.url.searchParams.get('query') ?? '').trim();
      const matches = compileQuery(state, query);
      const users = query ? [...state.users.values()].filter((user) => state.isLive(user.id) && matches(user)).sort((a, b) => a.id - b.id) : [];
      send(
        context,
        paginate(
          users.map((user) => state.render(user, context.origin)),
          'users',
          context.url,
          false,
        ),
      );
    }),

    // Show Many Users: reads the users themselves (not the search index); at most 100 ids.
    route('GET', '/users/show_many', (context) => {
      const ids = (context.url.searchParams.get('ids') ?? '').split(',').filter(Boolean).map(Number);
      if (ids.length > 100) return send(context, { status: 400, body: { error: 'InvalidValue', description: 'Too many ids (max 100)' } });
      const users = ids.map((id) => state.user(id)).filter((user): user is SimUser => !!user);
      context.res.json({ users: users.map((user) => state.render(user, context.origin)) });
    }),

    route('GET', '/users/:id/compliance_deletion_statuses', (context) => {
      const id = userId(context);
      if (!state.users.has(id)) return notFound(context);
      const application = context.url.searchParams.get('application');
      const statuses = state.complianceStatuses(id, SIMULATED_SUBDOMAIN).filter((status) => !application || status.application === application);
      send(context, paginate(statuses, 'compliance_deletion_statuses', context.url, true));
    }),

    route('GET', '/users/:id', (context) => {
      const user = state.user(userId(context));
      if (!user) return notFound(context);
      context.res.json({ user: state.render(user, context.origin) });
    }),

    route('PUT', '/users/:id', (context) => {
      const id = userId(context);
      const user = state.user(id);
      if (!user || !state.isLive(id)) return notFound(context);
      const quota = limits.updateUserLimit.take(String(id));
      if (!quota.allowed) return sendRateLimited(context.res, quota.retryAfterSeconds, limits.updateUserLimit.limit);
      const changes = ((context.req.body ?? {}) as { user?: Record<string, unknown> }).user ?? {};
      if (typeof changes.name === 'string') user.name = changes.name;
      if (typeof changes.notes === 'string') user.notes = changes.notes;
      if (typeof changes.details === 'string') user.details = changes.details;
      if (Array.isArray(changes.tags)) user.tags = [...new Set(changes.tags.map(String))];
      if (changes.user_fields && typeof changes.user_fields === 'object') user.user_fields = { ...user.user_fields, ...(changes.user_fields as object) };
      // Show/Update User: a null phone clears the profile phone and its primary phone identity.
      if (changes.phone === null) {
        user.phone = null;
        for (const identity of state.identitiesOf(id).filter((candidate) => candidate.type === 'phone_number' && candidate.primary))
          state.identities.delete(identity.id);
      }
      if (typeof changes.phone === 'string') {
        user.phone = changes.phone;
        const phone = state.identitiesOf(id).find((identity) => identity.type === 'phone_number' && identity.primary);
        // Stored again so the identity table re-indexes the changed number for search.
        if (phone) state.identities.set(phone.id, { ...phone, value: changes.phone });
        else state.addIdentity(id, 'phone_number', changes.phone, true);
      }
      if (typeof changes.email === 'string') {
        const exists = state
          .identitiesOf(id)
          .some((identity) => identity.type === 'email' && identity.value.toLowerCase() === (changes.email as string).toLowerCase());
        if (!exists) state.addIdentity(id, 'email', changes.email, !state.primaryEmail(id));
      }
      user.updated_at = new Date().toISOString();
      state.reindex(id);
      context.res.json({ user: state.render(user, context.origin) });
    }),

    route('DELETE', '/users/:id', (context) => {
      const id = userId(context);
      const user = state.user(id);
      if (!user || !state.isLive(id)) return notFound(context);
      const open = state.liveTickets().filter((ticket) => ticket.requester_id === id && ticket.status !== 'closed');
      if (open.length) return send(context, { status: 422, body: openTicketsDeleteError(user.name, open.length) });
      state.softDeletedUserIds.add(id);
      user.active = false;
      context.res.json({ user: state.render(user, context.origin) });
    }),

    route('GET', '/users/:id/identities', (context) => {
      if (!state.user(userId(context))) return notFound(context);
      send(context, paginate(state.identitiesOf(userId(context)), 'identities', context.url, true));
    }),

    route('POST', '/users/:id/identities', (context) => {
      const id = userId(context);
      if (!state.isLive(id)) return notFound(context);
      const identity = ((context.req.body ?? {}) as { identity?: { type?: string; value?: string } }).identity;
      if (!identity || (identity.type !== 'email' && identity.type !== 'phone_number') || !identity.value) {
        return send(context, {
          status: 422,
          body: {
            error: 'RecordInvalid',
            description: 'Record validation errors',
            details: { value: [{ description: 'Value is invalid', error: 'InvalidValue' }] },
          },
        });
      }
      const taken = [...state.identities.values()].some(
        (other) => other.type === identity.type && other.value.toLowerCase() === identity.value!.toLowerCase() && !!state.user(other.user_id),
      );
      if (taken) return send(context, { status: 422, body: DUPLICATE_IDENTITY_ERROR });
      const created = state.addIdentity(id, identity.type, identity.value);
      created.verified = false;
      context.res.status(201).json({ identity: created });
    }),

    route('PUT', '/users/:id/identities/:identity_id/make_primary', (context) => {
      const id = userId(context);
      const identity = state.identities.get(Number(context.params[1]));
      if (!state.isLive(id) || !identity || identity.user_id !== id) return notFound(context);
      for (const other of state.identitiesOf(id)) if (other.type === identity.type) other.primary = other.id === identity.id;
      context.res.json({ identities: state.identitiesOf(id) });
    }),

    route('DELETE', '/users/:id/identities/:identity_id', (context) => {
      const id = userId(context);
      const identity = state.identities.get(Number(context.params[1]));
      if (!state.isLive(id) || !identity || identity.user_id !== id) return notFound(context);
      state.identities.delete(identity.id);
      context.res.status(204).end();
    }),

    route('GET', '/users/:id/tickets/requested', (context) => {
      const id = userId(context);
      if (!state.user(id)) return notFound(context);
      send(
        context,
        paginate(
          state.liveTickets().filter((ticket) => ticket.requester_id === id),
          'tickets',
          context.url,
          true,
        ),
      );
    }),

    route('GET', '/users/:id/tickets/ccd', (context) => {
      const id = userId(context);
      if (!state.user(id)) return notFound(context);
      const ccd = state.liveTickets().filter((ticket) => ticket.collaborator_ids.includes(id) || ticket.email_cc_ids.includes(id));
      send(context, paginate(ccd, 'tickets', context.url, true));
    }),

    route('GET', '/tickets/:id/comments', (context) => {
      const ticket = state.liveTickets().find((candidate) => candidate.id === Number(context.params[0]));
      if (!ticket) return notFound(context);
      send(context, paginate(state.commentsOf(ticket.id), 'comments', context.url, true));
    }),

    // List Audits for a Ticket: cursor or offset pages. Comment redaction does not touch audits.
    route('GET', '/tickets/:id/audits', (context) => {
      const ticket = state.liveTickets().find((candidate) => candidate.id === Number(context.params[0]));
      if (!ticket) return notFound(context);
      send(context, paginate(state.audits.get(ticket.id) ?? [], 'audits', context.url, true));
    }),

    route('PUT', '/comment_redactions/:id', (context) => {
      // Redact Ticket Comment In Agent Workspace: "Agent Workspace must be enabled on the account".
      if (!state.agentWorkspace) return send(context, { status: 403, body: FORBIDDEN_ERROR });
      const body = (context.req.body ?? {}) as { ticket_id?: number; html_body?: string; external_attachment_urls?: string[] };
      const ticket = state.liveTickets().find((candidate) => candidate.id === Number(body.ticket_id));
      const comment = ticket ? state.commentsOf(ticket.id).find((candidate) => candidate.id === Number(context.params[0])) : undefined;
      if (!comment) return notFound(context);
      if (typeof body.html_body === 'string') {
        if (withoutRedactMarkup(body.html_body) !== comment.html_body) return send(context, { status: 422, body: REDACTION_MISMATCH_ERROR });
        comment.html_body = redactHtml(body.html_body);
        comment.plain_body = htmlToText(comment.html_body);
        comment.body = comment.plain_body;
      }
      for (const url of body.external_attachment_urls ?? []) {
        const attachment = comment.attachments.find((candidate) => candidate.content_url === url);
        if (attachment) state.emptyFile(url);
        if (attachment)
          Object.assign(attachment, {
            file_name: REDACTED_ATTACHMENT_NAME,
            content_type: 'text/plain',
            size: 0,
            content_url: `${url.split('?')[0]}?name=${REDACTED_ATTACHMENT_NAME}`,
          });
      }
      context.res.json({ comment });
    }),

    // Show Ticket.
    route('GET', '/tickets/:id', (context) => {
      const ticket = state.liveTickets().find((candidate) => candidate.id === Number(context.params[0]));
      if (!ticket) return notFound(context);
      context.res.json({ ticket });
    }),

    // Update Ticket: `ticket.comment` adds a comment (`public: false` = an internal note, by the
    // API's own user); `status` and `tags` (replacing the list) are taken as given.
    route('PUT', '/tickets/:id', (context) => {
      const ticket = state.liveTickets().find((candidate) => candidate.id === Number(context.params[0]));
      if (!ticket) return notFound(context);
      const changes =
        ((context.req.body ?? {}) as { ticket?: { comment?: { body?: string; public?: boolean }; status?: string; tags?: string[] } }).ticket ?? {};
      if (changes.comment?.body) state.addComment(ticket.id, { authorId: API_AGENT_ID, body: changes.comment.body, public: changes.comment.public !== false });
      if (typeof changes.status === 'string') ticket.status = changes.status as typeof ticket.status;
      if (Array.isArray(changes.tags)) ticket.tags = [...new Set(changes.tags.map(String))];
      ticket.updated_at = new Date().toISOString();
      context.res.json({ ticket });
    }),

    // Add Tags (PUT adds to the ticket's tags; POST would replace them, DELETE remove them).
    route('PUT', '/tickets/:id/tags', (context) => {
      const ticket = state.liveTickets().find((candidate) => candidate.id === Number(context.params[0]));
      if (!ticket) return notFound(context);
      const tags = ((context.req.body ?? {}) as { tags?: unknown[] }).tags ?? [];
      ticket.tags = [...new Set([...ticket.tags, ...tags.map((tag) => String(tag).toLowerCase())])];
      context.res.json({ tags: ticket.tags });
    }),

    route('DELETE', '/tickets/:id', (context) => {
      const ticket = state.liveTickets().find((candidate) => candidate.id === Number(context.params[0]));
      if (!ticket) return notFound(context);
      state.softDeletedTicketIds.add(ticket.id);
      context.res.status(204).end();
    }),

    // List Side Conversations: offset pages (`next_page`, `previous_page`, `count`), as the
    // reference's example answer shows; the Collaboration add-on is required.
    route('GET', '/tickets/:id/side_conversations', (context) => {
      if (!state.collaborationAddOn) return send(context, { status: 403, body: FORBIDDEN_ERROR });
      const ticket = state.liveTickets().find((candidate) => candidate.id === Number(context.params[0]));
      if (!ticket) return notFound(context);
      const list = state.sideConversations.get(ticket.id) ?? [];
      send(
        context,
        paginate(list, 'side_conversations', context.url, false, ({ events: _events, ...conversation }) => ({
          ...conversation,
          url: `${context.origin}/api/v2/tickets/${ticket.id}/side_conversations/${conversation.id}`,
        })),
      );
    }),

    // List Side Conversation Events: offset pages like the list.
    route('GET', '/tickets/:id/side_conversations/:side_conversation_id/events', (context) => {
      if (!state.collaborationAddOn) return send(context, { status: 403, body: FORBIDDEN_ERROR });
      const ticket = state.liveTickets().find((candidate) => candidate.id === Number(context.params[0]));
      const conversation = ticket ? (state.sideConversations.get(ticket.id) ?? []).find((candidate) => candidate.id === context.params[1]) : undefined;
      if (!conversation) return notFound(context);
      send(context, paginate(conversation.events, 'events', context.url, false));
    }),

    // List Suspended Tickets: cursor pagination only.
    route('GET', '/suspended_tickets', (context) => {
      const list = [...state.suspendedTickets.values()].sort((a, b) => a.id - b.id);
      send(context, paginate(list, 'suspended_tickets', context.url, true));
    }),

    route('DELETE', '/suspended_tickets/:id', (context) => {
      if (!state.suspendedTickets.delete(Number(context.params[0]))) return notFound(context);
      context.res.status(204).end();
    }),

    route('DELETE', '/deleted_tickets/:id', (context) => {
      const id = Number(context.params[0]);
      if (!state.softDeletedTicketIds.has(id) || state.permanentlyDeletedTicketIds.has(id)) return notFound(context);
      state.permanentlyDeletedTicketIds.add(id);
      state.comments.delete(id);
      state.audits.delete(id);
      state.sideConversations.delete(id);
      context.res.json(ticketPermanentlyDeletedBody(id));
    }),

    // List Deleted Users: soft-deleted and permanently deleted users ("Returns deleted users,
    // including permanently deleted users"), cursor or offset pages.
    route('GET', '/deleted_users', (context) => {
      send(
        context,
        paginate(state.deletedUsers(), 'deleted_users', context.url, true, (user) => state.renderDeleted(user, context.origin)),
      );
    }),

    route('GET', '/deleted_users/:id', (context) => {
      const id = userId(context);
      const user = state.user(id);
      if (!user || !state.softDeletedUserIds.has(id)) return notFound(context);
      context.res.json({ deleted_user: state.render(user, context.origin) });
    }),

    route('DELETE', '/deleted_users/:id', (context) => {
      const id = userId(context);
      const user = state.user(id);
      if (!user || !state.softDeletedUserIds.has(id)) return notFound(context);
      const quota = limits.permanentDeleteLimit.take('account');
      if (!quota.allowed) return sendRateLimited(context.res, quota.retryAfterSeconds, limits.permanentDeleteLimit.limit);
      state.permanentlyDelete(id);
      context.res.json({ deleted_user: { id, name: 'Permanently deleted user', email: null, phone: null, active: false } });
    }),
  ];
}
