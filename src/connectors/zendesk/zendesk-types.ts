/** The parts of Zendesk Support API v2 objects the connector reads (developer.zendesk.com api-reference). */

export interface ZendeskUser {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  role: 'end-user' | 'agent' | 'admin' | string;
  active: boolean;
  tags: string[];
  notes: string | null;
  [field: string]: unknown;
}

export interface ZendeskIdentity {
  id: number;
  user_id: number;
  type: 'email' | 'phone_number' | string;
  value: string;
  primary: boolean;
  verified: boolean;
  [field: string]: unknown;
}

export type ZendeskTicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

export interface ZendeskTicket {
  id: number;
  subject: string | null;
  status: ZendeskTicketStatus | string;
  requester_id: number;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

export interface ZendeskAttachment {
  id: number;
  file_name: string;
  content_url: string;
  content_type?: string;
  /** Bytes, as Zendesk states it. */
  size?: number;
  deleted?: boolean;
  /** `malware_found`, `malware_not_found`, `failed_to_scan`, `not_scanned`. */
  malware_scan_result?: string;
  [field: string]: unknown;
}

export interface ZendeskComment {
  id: number;
  author_id: number;
  body?: string;
  html_body?: string;
  plain_body?: string;
  public: boolean;
  attachments?: ZendeskAttachment[];
  created_at: string;
  [field: string]: unknown;
}

/** Offset pagination (`page`, `per_page`). */
export interface OffsetPage {
  next_page?: string | null;
  count?: number;
}

/** Cursor pagination (`page[size]`, `page[after]`). */
export interface CursorPage {
  meta?: { has_more?: boolean; after_cursor?: string | null };
  links?: { next?: string | null };
}

/**
 * A Zendesk error body. Zendesk answers in three envelopes: `{"error":"RecordNotFound","description":"Not found"}`,
 * `{"error":{"title":"Forbidden","message":"…"}}` (403s) and `{"errors":[{"code":"InvalidPaginationDepth","title":"…"}]}`
 * (pagination and newer endpoints).
 */
export interface ZendeskErrorBody {
  error?: string | { title?: string; message?: string };
  errors?: Array<{ code?: string; title?: string; detail?: string }>;
  description?: string;
  details?: Record<string, Array<{ description?: string; error?: string }>>;
}

/** One entry of `GET /users/{id}/compliance_deletion_statuses`: a step of Zendesk's GDPR deletion per product area. */
export interface ZendeskComplianceDeletionStatus {
  /** `request_deletion` (the permanent delete was asked for), `started`, `complete`. */
  action: string;
  /** The area of compliance: `all`, `support`, `chat`, `explore`, … */
  application: string;
  account_subdomain?: string;
  executer_id: number | null;
  user_id: number;
  created_at: string;
}
