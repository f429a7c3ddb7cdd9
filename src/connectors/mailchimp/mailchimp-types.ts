/** Shapes of the Mailchimp Marketing API v3 answers the connector reads (README.md in this folder). */

/** A member's status in one audience. `archived` members are kept but never sent to. */
export type MailchimpStatus = 'subscribed' | 'unsubscribed' | 'cleaned' | 'pending' | 'transactional' | 'archived';

export interface MailchimpList {
  id: string;
  name: string;
}

export interface MailchimpMarketingPermission {
  marketing_permission_id: string;
  text?: string;
  enabled: boolean;
}

export interface MailchimpMember {
  /** The subscriber hash: MD5 of the lower-cased e-mail address. */
  id: string;
  email_address: string;
  status: MailchimpStatus;
  list_id: string;
  merge_fields?: Record<string, unknown>;
  tags?: Array<{ id: number; name: string }>;
  location?: Record<string, unknown>;
  marketing_permissions?: MailchimpMarketingPermission[];
  [field: string]: unknown;
}

export interface MailchimpActivity {
  activity_type: string;
  created_at_timestamp: string;
  campaign_id?: string;
  campaign_title?: string;
  [field: string]: unknown;
}

export interface MailchimpTag {
  id: number;
  name: string;
  date_added?: string;
}

export interface MailchimpNote {
  id: number;
  created_at: string;
  created_by?: string;
  updated_at?: string;
  note: string;
}

/** RFC 7807 problem details, as every Mailchimp error answers (application/problem+json). */
export interface MailchimpProblem {
  type?: string;
  title?: string;
  status?: number;
  /** May name the member's e-mail address: never copied into an error message or log. */
  detail?: string;
  instance?: string;
  errors?: Array<{ field?: string; message?: string }>;
}
