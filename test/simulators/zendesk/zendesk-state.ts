/** The simulator's data: users, identities, tickets and comments, with seed helpers for tests. */

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
  attachments?: string[];
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

  override set(id: number, identity: SimIdentity): this {
    this.delete(id);
    this.searchable.delete(identity.user_id);
    if (!this.byUser.has(identity.user_id)) this.byUser.set(identity.user_id, new Map());
    this.byUser.get(identity.user_id)!.set(id, identity);
    return super.set(id, identity);
  }

  override delete(id: number): boolean {
    const identity = this.get(id);
    if (identity) {
      this.byUser.get(identity.user_id)?.delete(id);
      this.searchable.delete(identity.user_id);
    }
    return super.delete(id);
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

export class ZendeskState {
  readonly users = new Map<number, SimUser>();
  readonly identities = new IdentityTable();
  readonly tickets = new Map<number, SimTicket>();
  readonly comments = new Map<number, SimComment[]>();
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
  private nextId = 1000;

  constructor(private readonly now: () => number) {}

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
      attachments: (seed.attachments ?? []).map((fileName) => {
        const id = this.id();
        return {
          id,
          file_name: fileName,
          content_url: `https://simulated.zendesk.com/attachments/token/${id}/?name=${fileName}`,
          content_type: 'application/octet-stream',
          size: 1024,
        };
      }),
      created_at: this.stamp(),
    };
    this.comments.get(ticketId)?.push(comment);
    return comment;
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
