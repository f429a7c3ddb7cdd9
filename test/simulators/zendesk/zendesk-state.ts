/** The simulator's data: users, identities, tickets and comments, with seed helpers for tests. */

import { randomBytes, randomUUID } from 'node:crypto';
import { API_AGENT_ID, PERMANENTLY_DELETED_NAME } from './zendesk-assumptions';

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

export interface SimUser {
  id: number;
  name: string;
  phone: string | null;
  role: 'end-user' | 'agent' | 'admin';
  organization_id: number | null;
  external_id: string | null;
  tags: string[];
  user_fields: Record<string, unknown>;
  notes: string;
  details: string;
  locale: string;
  time_zone: string;
  verified: boolean;
  active: boolean;
  suspended: boolean;
  created_at: string;
  updated_at: string;
}

export interface SimIdentity {
  id: number;
  user_id: number;
  type: 'email' | 'phone_number';
  value: string;
  verified: boolean;
  primary: boolean;
  created_at: string;
  updated_at: string;
}

export interface SimAttachment {
  id: number;
  file_name: string;
  content_url: string;
  content_type: string;
  size: number;
  deleted: boolean;
  inline: boolean;
  malware_scan_result: 'malware_found' | 'malware_not_found' | 'not_scanned';
}

/** An attachment's stored file, found by the token in its content_url. */
export interface SimFile {
  ticketId: number;
  attachment: SimAttachment;
  bytes: Buffer;
}

/** A seeded attachment: a name (contents made up from it), or the file itself. */
export type SeedAttachment = string | { name: string; content: Buffer | string; contentType?: string; malware?: boolean; size?: number };

/** A side conversation participant (Side Conversations API "Participants"). */
export interface SimParticipant {
  user_id: number | null;
  name: string | null;
  email: string | null;
}

export interface SimSideConversationEvent {
  id: string;
  side_conversation_id: string;
  ticket_id: number;
  type: 'create' | 'reply';
  via: 'support' | 'email';
  created_at: string;
  actor: SimParticipant;
  message: { subject: string; preview_text: string; body: string; html_body: string; from: SimParticipant; to: SimParticipant[] };
  updates: Record<string, never>;
}

export interface SimSideConversation {
  id: string;
  ticket_id: number;
  subject: string;
  preview_text: string;
  state: 'open' | 'closed';
  participants: SimParticipant[];
  external_ids: Record<string, string>;
  created_at: string;
  updated_at: string;
  message_added_at: string;
  state_updated_at: string;
  events: SimSideConversationEvent[];
}

export interface SimComment {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  attachments: SimAttachment[];
  created_at: string;
}

export interface SimTicket {
  id: number;
  subject: string;
  description: string;
  status: TicketStatus;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  collaborator_ids: number[];
  email_cc_ids: number[];
  tags: string[];
  /** The requester's rating (`offered` when asked but not answered), or null without CSAT. */
  satisfaction_rating: { id: number; score: string; comment: string | null; reason: string | null } | { score: 'offered' | 'unoffered' } | null;
  created_at: string;
  updated_at: string;
}

/** An incoming e-mail Zendesk suspended (List Suspended Tickets). */
export interface SimSuspendedTicket {
  id: number;
  url: string;
  author: { id: number | null; name: string | null; email: string | null };
  subject: string;
  content: string;
  cause: string;
  cause_id: number;
  recipient: string;
  ticket_id: number | null;
  brand_id: number | null;
  via: { channel: 'email'; source: { from: { address: string; name: string }; to: { address: string }; rel: null } };
  attachments: SimAttachment[];
  created_at: string;
  updated_at: string;
}

export interface SeedUser {
  name: string;
  email?: string;
  /** Further e-mail identities (secondary). */
  emails?: string[];
  phone?: string;
  role?: SimUser['role'];
  notes?: string;
  tags?: string[];
}

export interface SeedComment {
  authorId: number;
  body: string;
  public?: boolean;
  attachments?: SeedAttachment[];
  /** Where the comment came from, as its audit records it (default: the web form from 192.0.2.10, Oslo). */
  origin?: { ipAddress?: string; location?: string; viaEmailFrom?: { address: string; name: string } };
}

/** A ticket audit (List Audits for a Ticket): who changed the ticket, from where, by which channel. */
export interface SimAudit {
  id: number;
  ticket_id: number;
  author_id: number;
  created_at: string;
  metadata: {
    system: { client: string; ip_address: string | null; location: string | null; latitude: number | null; longitude: number | null };
    custom: Record<string, unknown>;
  };
  via: { channel: 'web' | 'email' | 'api'; source: { from: { address?: string; name?: string }; to: { address?: string; name?: string }; rel: string | null } };
  events: Array<{ id: number; type: 'Comment'; author_id: number; public: boolean }>;
}

export interface SeedTicket {
  requesterId: number;
  subject?: string;
  status?: TicketStatus;
  ccIds?: number[];
  /** Defaults to one comment by the requester. */
  comments?: SeedComment[];
  /** ISO timestamp the ticket was created (default: now). */
  createdAt?: string;
  /** The requester's satisfaction rating. */
  rating?: { score: 'good' | 'bad'; comment?: string };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/p>\s*<p[^>]*>/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Identities by id, with an index by user: a search looks at every user's identities, and a
 *  scan of all identities per user made the simulator quadratic at the benchmark's 10,000 people. */
class IdentityTable extends Map<number, SimIdentity> {
  private readonly byUser = new Map<number, Map<number, SimIdentity>>();
  private readonly searchable = new Map<number, { emails: string[]; phones: string[] }>();
  /** Told about every user whose identities changed (the search index follows). */
  onChange: (userId: number) => void = () => undefined;

  override set(id: number, identity: SimIdentity): this {
    this.delete(id);
    this.searchable.delete(identity.user_id);
    if (!this.byUser.has(identity.user_id)) this.byUser.set(identity.user_id, new Map());
    this.byUser.get(identity.user_id)!.set(id, identity);
    super.set(id, identity);
    this.onChange(identity.user_id);
    return this;
  }

  override delete(id: number): boolean {
    const identity = this.get(id);
    if (identity) {
      this.byUser.get(identity.user_id)?.delete(id);
      this.searchable.delete(identity.user_id);
    }
    const deleted = super.delete(id);
    if (identity) this.onChange(identity.user_id);
    return deleted;
  }

  ofUser(userId: number): SimIdentity[] {
    return [...(this.byUser.get(userId)?.values() ?? [])];
  }

  /** A user's e-mails (lower case) and phone numbers (digits only), as search compares them. */
  searchableOf(userId: number): { emails: string[]; phones: string[] } {
    let entry = this.searchable.get(userId);
    if (!entry) {
      const identities = this.ofUser(userId);
      entry = {
        emails: identities.filter((identity) => identity.type === 'email').map((identity) => identity.value.toLowerCase()),
        phones: identities.filter((identity) => identity.type === 'phone_number').map((identity) => identity.value.replace(/\D/g, '')),
      };
      this.searchable.set(userId, entry);
    }
    return entry;
  }
}

/** What search sees of a user: its name, e-mails (lower case) and phone digits. */
export interface SearchView {
  name: string;
  emails: string[];
  phones: string[];
}

/** One step of a user's GDPR deletion, as `GET /users/{id}/compliance_deletion_statuses` lists it. */
export interface SimComplianceStatus {
  account_subdomain: string;
  action: 'request_deletion' | 'started' | 'complete';
  application: string;
  created_at: string;
  executer_id: number | null;
  user_id: number;
}

export class ZendeskState {
  /** The simulator's own origin once it listens: attachment content_urls point at it, as Zendesk's point at the account's host. */
  origin = 'https://simulated.zendesk.com';
  /** Where attachment downloads are redirected (default: the simulator's own origin, standing in for Zendesk's file host). */
  attachmentRedirectOrigin: string | null = null;
  /** false: the account has no Collaboration add-on, and the side conversation endpoints answer 403. */
  collaborationAddOn = true;
  /** Attachment files by the token in their content_url. */
  readonly files = new Map<string, SimFile>();
  /** Side conversations by ticket id. */
  readonly sideConversations = new Map<number, SimSideConversation[]>();
  readonly users = new Map<number, SimUser>();
  readonly identities = new IdentityTable();
  readonly tickets = new Map<number, SimTicket>();
  readonly comments = new Map<number, SimComment[]>();
  readonly audits = new Map<number, SimAudit[]>();
  readonly suspendedTickets = new Map<number, SimSuspendedTicket>();
  readonly softDeletedUserIds = new Set<number>();
  readonly permanentlyDeletedUserIds = new Set<number>();
  readonly softDeletedTicketIds = new Set<number>();
  readonly permanentlyDeletedTicketIds = new Set<number>();
  /** Forced 429s for the next N API calls (tests of Retry-After handling). */
  forcedRateLimits: Array<{ retryAfterSeconds: number }> = [];
  /** One-off server errors for an endpoint (`DELETE /api/v2/deleted_users/:id`), as an outage would give. */
  forcedFailures: Array<{ endpoint: string; status: number }> = [];
  /** Bearer tokens issued by POST /oauth/tokens → expiry (ms epoch, or null). */
  readonly issuedTokens = new Map<string, number | null>();
  /** Bearer token → the scope it was issued with (OAuth scopes are enforced per request). */
  readonly tokenScopes = new Map<string, string>();
  /** How long a created or changed user takes to reach the search index (0 = at once). */
  searchIndexDelayMs = 0;
  /** How long after a permanent delete Zendesk still shows the user's name, e-mail and phone in
   *  the deleted-users list before blanking them to "Permanently Deleted User" (0 = at once). */
  permanentDeletionBlankingDelayMs = 0;
  /** How long after a permanent delete Zendesk reports the deletion `complete` (0 = at once). */
  complianceCompletionDelayMs = 0;
  /** false: the account has no Agent Workspace, so comment redaction answers 403. */
  agentWorkspace = true;
  /** userId → when it was permanently deleted (ms epoch). */
  readonly permanentlyDeletedAt = new Map<number, number>();
  /** userId → what search shows and from when, newest last (only kept while a delay is set). */
  private readonly searchIndex = new Map<number, Array<{ visibleAt: number; view: SearchView }>>();
  private nextId = 1000;

  constructor(private readonly now: () => number) {
    this.identities.onChange = (userId) => this.reindex(userId);
  }

  /** A user changed in a way search sees: the index shows the new state after the delay. */
  reindex(userId: number): void {
    if (this.searchIndexDelayMs <= 0) return;
    const user = this.users.get(userId);
    if (!user) return;
    const { emails, phones } = this.searchableOf(userId);
    const at = this.now();
    // Keep what search shows now and what is still on its way; older snapshots are gone for good.
    const earlier = this.searchIndex.get(userId) ?? [];
    const shownNow = earlier.filter((entry) => entry.visibleAt <= at).at(-1);
    const entries = [...(shownNow ? [shownNow] : []), ...earlier.filter((entry) => entry.visibleAt > at)];
    entries.push({ visibleAt: at + this.searchIndexDelayMs, view: { name: user.name, emails: [...emails], phones: [...phones] } });
    this.searchIndex.set(userId, entries);
  }

  /** What search sees of the user now, or undefined when the user is not in the index yet. */
  searchView(user: SimUser): SearchView | undefined {
    if (this.searchIndexDelayMs <= 0) return { name: user.name, ...this.searchableOf(user.id) };
    const at = this.now();
    return (this.searchIndex.get(user.id) ?? []).filter((entry) => entry.visibleAt <= at).at(-1)?.view;
  }

  /** The compliance deletion statuses of a permanently deleted user, as Zendesk reports them now. */
  complianceStatuses(userId: number, subdomain: string): SimComplianceStatus[] {
    const deletedAt = this.permanentlyDeletedAt.get(userId);
    if (deletedAt === undefined) return [];
    const entry = (action: SimComplianceStatus['action'], application: string, at: number, executer: number | null): SimComplianceStatus => ({
      account_subdomain: subdomain,
      action,
      application,
      created_at: new Date(at).toISOString(),
      executer_id: executer,
      user_id: userId,
    });
    const statuses = [entry('request_deletion', 'all', deletedAt, API_AGENT_ID), entry('started', 'support', deletedAt, null)];
    const completeAt = deletedAt + this.complianceCompletionDelayMs;
    if (this.now() >= completeAt) statuses.push(entry('complete', 'support', completeAt, null));
    return statuses;
  }

  /** Soft-deleted and permanently deleted users, oldest first (List Deleted Users). */
  deletedUsers(): SimUser[] {
    return [...new Set([...this.softDeletedUserIds, ...this.permanentlyDeletedUserIds])]
      .sort((a, b) => a - b)
      .map((id) => this.users.get(id))
      .filter((user): user is SimUser => !!user);
  }

  /** A deleted user as List Deleted Users shows it: a permanently deleted one as "Permanently
   *  Deleted User" without e-mail or phone, once Zendesk has got round to blanking it. */
  renderDeleted(user: SimUser, baseUrl: string): Record<string, unknown> {
    const deletedAt = this.permanentlyDeletedAt.get(user.id);
    if (deletedAt !== undefined && this.now() >= deletedAt + this.permanentDeletionBlankingDelayMs) {
      const { id, role, created_at, updated_at } = user;
      return {
        id,
        url: `${baseUrl}/api/v2/users/${id}.json`,
        name: PERMANENTLY_DELETED_NAME,
        email: null,
        phone: null,
        role,
        active: false,
        created_at,
        updated_at,
      };
    }
    const email = deletedAt === undefined ? this.primaryEmail(user.id) : (this.lastEmail.get(user.id) ?? null);
    return { ...this.render(user, baseUrl), email, active: false };
  }

  /** The primary e-mail a user had when permanently deleted (identities are gone by then). */
  readonly lastEmail = new Map<number, string | null>();

  /** Permanently deletes a soft-deleted user: identities go, the deletion is on record. */
  permanentlyDelete(userId: number): void {
    this.lastEmail.set(userId, this.primaryEmail(userId));
    this.permanentlyDeletedUserIds.add(userId);
    this.permanentlyDeletedAt.set(userId, this.now());
    for (const identity of this.identitiesOf(userId)) this.identities.delete(identity.id);
  }

  private id(): number {
    return this.nextId++;
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  addUser(seed: SeedUser): SimUser {
    const at = this.stamp();
    const user: SimUser = {
      id: this.id(),
      name: seed.name,
      phone: seed.phone ?? null,
      role: seed.role ?? 'end-user',
      organization_id: null,
      external_id: null,
      tags: seed.tags ?? [],
      user_fields: {},
      notes: seed.notes ?? '',
      details: '',
      locale: 'nb',
      time_zone: 'Copenhagen',
      verified: true,
      active: true,
      suspended: false,
      created_at: at,
      updated_at: at,
    };
    this.users.set(user.id, user);
    const emails = [...(seed.email ? [seed.email] : []), ...(seed.emails ?? [])];
    emails.forEach((email, index) => this.addIdentity(user.id, 'email', email, index === 0));
    if (seed.phone) this.addIdentity(user.id, 'phone_number', seed.phone, true);
    this.reindex(user.id);
    return user;
  }

  addIdentity(userId: number, type: SimIdentity['type'], value: string, primary = false): SimIdentity {
    const at = this.stamp();
    const identity: SimIdentity = { id: this.id(), user_id: userId, type, value, verified: true, primary, created_at: at, updated_at: at };
    this.identities.set(identity.id, identity);
    return identity;
  }

  addTicket(seed: SeedTicket): SimTicket {
    const at = this.stamp();
    const comments = seed.comments ?? [{ authorId: seed.requesterId, body: 'Hello, I need help with my order.' }];
    const ticket: SimTicket = {
      id: this.id(),
      subject: seed.subject ?? 'Help needed',
      description: comments[0]?.body ?? '',
      status: seed.status ?? 'closed',
      requester_id: seed.requesterId,
      submitter_id: seed.requesterId,
      assignee_id: null,
      collaborator_ids: seed.ccIds ?? [],
      email_cc_ids: seed.ccIds ?? [],
      tags: [],
      satisfaction_rating: seed.rating
        ? { id: this.id(), score: seed.rating.score, comment: seed.rating.comment ?? null, reason: null }
        : { score: 'unoffered' },
      created_at: seed.createdAt ?? at,
      updated_at: at,
    };
    this.tickets.set(ticket.id, ticket);
    this.comments.set(ticket.id, []);
    for (const comment of comments) this.addComment(ticket.id, comment);
    return ticket;
  }

  addComment(ticketId: number, seed: SeedComment): SimComment {
    const html = `<div class="zd-comment" dir="auto">${seed.body
      .split(/\n{2,}/)
      .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
      .join('')}</div>`;
    const comment: SimComment = {
      id: this.id(),
      type: 'Comment',
      author_id: seed.authorId,
      body: seed.body,
      html_body: html,
      plain_body: seed.body,
      public: seed.public ?? true,
      attachments: (seed.attachments ?? []).map((attachment) => this.addFile(ticketId, attachment)),
      created_at: this.stamp(),
    };
    this.comments.get(ticketId)?.push(comment);
    const origin = seed.origin ?? {};
    const api = seed.authorId === API_AGENT_ID;
    const email = origin.viaEmailFrom;
    const audits = this.audits.get(ticketId) ?? [];
    audits.push({
      id: this.id(),
      ticket_id: ticketId,
      author_id: seed.authorId,
      created_at: comment.created_at,
      metadata: {
        system: api
          ? { client: 'dsr-engine', ip_address: null, location: null, latitude: null, longitude: null }
          : {
              client: 'Mozilla/5.0',
              ip_address: origin.ipAddress ?? '192.0.2.10',
              location: origin.location ?? 'Oslo, 12, Norway',
              latitude: 59.91,
              longitude: 10.75,
            },
        custom: {},
      },
      via: email
        ? { channel: 'email', source: { from: email, to: { address: 'support@simulated.zendesk.com' }, rel: null } }
        : { channel: api ? 'api' : 'web', source: { from: {}, to: {}, rel: null } },
      events: [{ id: comment.id, type: 'Comment', author_id: seed.authorId, public: comment.public }],
    });
    this.audits.set(ticketId, audits);
    return comment;
  }

  /** Stores an attachment's file under a random token; its content_url is on the simulator's own host. */
  private addFile(ticketId: number, seed: SeedAttachment): SimAttachment {
    const spec = typeof seed === 'string' ? { name: seed, content: `Simulated contents of ${seed}` } : seed;
    const bytes = Buffer.isBuffer(spec.content) ? spec.content : Buffer.from(spec.content);
    const token = randomBytes(12).toString('hex');
    const attachment: SimAttachment = {
      id: this.id(),
      file_name: spec.name,
      content_url: `${this.origin}/attachments/token/${token}/?name=${encodeURIComponent(spec.name)}`,
      content_type: (typeof seed === 'string' ? undefined : seed.contentType) ?? 'application/octet-stream',
      size: (typeof seed === 'string' ? undefined : seed.size) ?? bytes.length,
      deleted: false,
      inline: false,
      malware_scan_result: typeof seed !== 'string' && seed.malware ? 'malware_found' : 'malware_not_found',
    };
    this.files.set(token, { ticketId, attachment, bytes });
    return attachment;
  }

  /** A stored file by its token, while its ticket is not permanently deleted. */
  file(token: string): SimFile | undefined {
    const file = this.files.get(token);
    return file && !this.permanentlyDeletedTicketIds.has(file.ticketId) ? file : undefined;
  }

  /** Redaction replaces the file with an empty one (REDACTED_ATTACHMENT_NAME). */
  emptyFile(contentUrl: string): void {
    const token = /\/attachments\/token\/([^/]+)\//.exec(contentUrl)?.[1];
    const file = token ? this.files.get(token) : undefined;
    if (file) file.bytes = Buffer.alloc(0);
  }

  /** A side conversation on a ticket: the first message creates it, the rest are replies. */
  addSideConversation(
    ticketId: number,
    seed: { subject: string; messages: Array<{ from: Partial<SimParticipant>; to: Array<Partial<SimParticipant>>; body: string }> },
  ): SimSideConversation {
    const at = this.stamp();
    const participant = (given: Partial<SimParticipant>): SimParticipant => ({
      user_id: given.user_id ?? null,
      name: given.name ?? null,
      email: given.email ?? null,
    });
    const id = randomUUID();
    const events = seed.messages.map((message, index): SimSideConversationEvent => ({
      id: randomUUID(),
      side_conversation_id: id,
      ticket_id: ticketId,
      type: index === 0 ? 'create' : 'reply',
      via: 'support',
      created_at: at,
      actor: participant(message.from),
      message: {
        subject: seed.subject,
        preview_text: message.body.slice(0, 60),
        body: message.body,
        html_body: `<p>${escapeHtml(message.body)}</p>`,
        from: participant(message.from),
        to: message.to.map(participant),
      },
      updates: {},
    }));
    const everyone = new Map<string, SimParticipant>();
    for (const event of events) for (const who of [event.message.from, ...event.message.to]) everyone.set(JSON.stringify(who), who);
    const conversation: SimSideConversation = {
      id,
      ticket_id: ticketId,
      subject: seed.subject,
      preview_text: seed.messages[0]?.body.slice(0, 60) ?? '',
      state: 'open',
      participants: [...everyone.values()],
      external_ids: {},
      created_at: at,
      updated_at: at,
      message_added_at: at,
      state_updated_at: at,
      events,
    };
    this.sideConversations.set(ticketId, [...(this.sideConversations.get(ticketId) ?? []), conversation]);
    return conversation;
  }

  /** An e-mail Zendesk suspended; `authorEmail` need not belong to any user. */
  addSuspendedTicket(seed: { authorEmail: string; authorName?: string; subject?: string; content?: string; cause?: string }): SimSuspendedTicket {
    const at = this.stamp();
    const id = this.id();
    const name = seed.authorName ?? seed.authorEmail.split('@')[0];
    const user = [...this.identities.values()].find((identity) => identity.type === 'email' && identity.value.toLowerCase() === seed.authorEmail.toLowerCase());
    const ticket: SimSuspendedTicket = {
      id,
      url: `https://simulated.zendesk.com/api/v2/suspended_tickets/${id}.json`,
      author: { id: user?.user_id ?? null, name, email: seed.authorEmail },
      subject: seed.subject ?? 'Help with my order',
      content: seed.content ?? 'Hello, my order has not arrived.',
      cause: seed.cause ?? 'Detected as spam',
      cause_id: 0,
      recipient: 'support@simulated.zendesk.com',
      ticket_id: null,
      brand_id: null,
      via: { channel: 'email', source: { from: { address: seed.authorEmail, name }, to: { address: 'support@simulated.zendesk.com' }, rel: null } },
      attachments: [],
      created_at: at,
      updated_at: at,
    };
    this.suspendedTickets.set(id, ticket);
    return ticket;
  }

  /** Answer the next `count` API calls with 429 and this Retry-After. */
  rateLimitNext(count: number, retryAfterSeconds: number): void {
    for (let i = 0; i < count; i++) this.forcedRateLimits.push({ retryAfterSeconds });
  }

  /** Answer the next call to `endpoint` with this server error (once). */
  failNext(endpoint: string, status: 503 | 500 | 502): void {
    this.forcedFailures.push({ endpoint, status });
  }

  /** Invalidate every issued bearer token (as a revoked or rotated token would be). */
  revokeTokens(): void {
    this.issuedTokens.clear();
  }

  /** A user that exists and is not permanently deleted (soft-deleted ones included). */
  user(id: number): SimUser | undefined {
    return this.permanentlyDeletedUserIds.has(id) ? undefined : this.users.get(id);
  }

  isLive(id: number): boolean {
    return !!this.user(id) && !this.softDeletedUserIds.has(id);
  }

  identitiesOf(userId: number): SimIdentity[] {
    return this.identities.ofUser(userId);
  }

  searchableOf(userId: number): { emails: string[]; phones: string[] } {
    return this.identities.searchableOf(userId);
  }

  primaryEmail(userId: number): string | null {
    return this.identitiesOf(userId).find((identity) => identity.type === 'email' && identity.primary)?.value ?? null;
  }

  liveTickets(): SimTicket[] {
    return [...this.tickets.values()].filter((ticket) => !this.softDeletedTicketIds.has(ticket.id) && !this.permanentlyDeletedTicketIds.has(ticket.id));
  }

  commentsOf(ticketId: number): SimComment[] {
    return this.comments.get(ticketId) ?? [];
  }

  /** The user as the API shows it (`email` is the primary e-mail identity). */
  render(user: SimUser, baseUrl: string) {
    return { ...user, url: `${baseUrl}/api/v2/users/${user.id}.json`, email: this.primaryEmail(user.id) };
  }
}
