import { createHash, randomUUID } from 'node:crypto';

export type MemberStatus = 'subscribed' | 'unsubscribed' | 'cleaned' | 'pending' | 'transactional' | 'archived';

export interface SimActivity {
  activity_type: string;
  created_at_timestamp: string;
  campaign_id?: string;
  campaign_title?: string;
}

export interface SimNote {
  id: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  note: string;
}

export interface SimMember {
  id: string;
  email_address: string;
  unique_email_id: string;
  contact_id: string;
  status: MemberStatus;
  merge_fields: Record<string, unknown>;
  ip_signup: string;
  timestamp_signup: string;
  timestamp_opt: string;
  last_changed: string;
  language: string;
  location: Record<string, unknown>;
  marketing_permissions: Array<{ marketing_permission_id: string; text: string; enabled: boolean }>;
  source: string;
  list_id: string;
  tags: Array<{ id: number; name: string; date_added: string }>;
  notes: SimNote[];
  activity: SimActivity[];
}

export interface MemberSeed {
  email: string;
  status?: MemberStatus;
  mergeFields?: Record<string, unknown>;
  tags?: string[];
  notes?: string[];
  activity?: SimActivity[];
  marketingPermissions?: Array<{ text: string; enabled: boolean }>;
}

export interface ListSeed {
  id: string;
  name: string;
  members?: MemberSeed[];
}

export const subscriberHash = (email: string) => createHash('md5').update(email.trim().toLowerCase()).digest('hex');

/** The account's audiences and their members, keyed as Mailchimp keys them (list id, subscriber hash). */
export class MailchimpState {
  readonly lists = new Map<string, { id: string; name: string; members: Map<string, SimMember>; forgotten: Set<string> }>();
  private nextId = 1;

  addList(seed: ListSeed): void {
    this.lists.set(seed.id, { id: seed.id, name: seed.name, members: new Map(), forgotten: new Set() });
    for (const member of seed.members ?? []) this.addMember(seed.id, member);
  }

  addMember(listId: string, seed: MemberSeed): SimMember {
    const list = this.lists.get(listId);
    if (!list) throw new Error(`no list ${listId}`);
    const now = new Date().toISOString().replace(/\.\d+Z$/, '+00:00');
    const member: SimMember = {
      id: subscriberHash(seed.email),
      email_address: seed.email,
      unique_email_id: randomUUID().slice(0, 10),
      contact_id: randomUUID().replace(/-/g, ''),
      status: seed.status ?? 'subscribed',
      merge_fields: { FNAME: '', LNAME: '', ADDRESS: '', PHONE: '', ...seed.mergeFields },
      ip_signup: '',
      timestamp_signup: now,
      timestamp_opt: now,
      last_changed: now,
      language: 'nb',
      location: { latitude: 60.39, longitude: 5.32, gmtoff: 1, dstoff: 2, country_code: 'NO', timezone: 'Europe/Oslo', region: 'Vestland' },
      marketing_permissions: (seed.marketingPermissions ?? []).map((permission, index) => ({ marketing_permission_id: `mp${index + 1}`, ...permission })),
      source: 'API - Generic',
      list_id: listId,
      tags: (seed.tags ?? []).map((name) => ({ id: this.nextId++, name, date_added: now })),
      notes: (seed.notes ?? []).map((note) => ({ id: this.nextId++, created_at: now, created_by: 'Marked', updated_at: now, note })),
      activity: seed.activity ?? [],
    };
    list.members.set(member.id, member);
    return member;
  }

  member(listId: string, email: string): SimMember | undefined {
    return this.lists.get(listId)?.members.get(subscriberHash(email));
  }

  /** Was the address permanently deleted from the audience (and so refused on re-import)? */
  forgotten(listId: string, email: string): boolean {
    return this.lists.get(listId)?.forgotten.has(subscriberHash(email)) ?? false;
  }

  newId(): number {
    return this.nextId++;
  }
}
