import type { ExportPart, Subject } from '../connector';
import type { MailchimpClient } from './mailchimp-client';
import type { MailchimpConnection } from './mailchimp-connection';
import { exportDispositions } from './mailchimp-dispositions';
import { findMembers } from './mailchimp-members';
import type { MailchimpActivity, MailchimpMember, MailchimpNote, MailchimpTag } from './mailchimp-types';

type Row = Record<string, unknown>;

interface ExportedMembership {
  listId: string;
  audience: string;
  /** The member as Mailchimp returns it: merge fields, status, location, marketing permissions… */
  member: MailchimpMember;
  tags: MailchimpTag[];
  notes: MailchimpNote[];
  activity: MailchimpActivity[];
}

/** Every membership of the subject with its tags, notes and activity feed, per audience. */
export async function exportSubject(client: MailchimpClient, connection: MailchimpConnection, systemId: string, subject: Subject): Promise<ExportPart> {
  const memberships: ExportedMembership[] = [];
  for (const { list, hash, member } of await findMembers(client, connection, subject)) {
    memberships.push({
      listId: list.id,
      audience: list.name,
      member,
      tags: await client.tags(list.id, hash),
      notes: await client.notes(list.id, hash),
      activity: await client.activity(list.id, hash),
    });
  }
  const notes = memberships.reduce((total, membership) => total + membership.notes.length, 0);
  const activity = memberships.reduce((total, membership) => total + membership.activity.length, 0);
  return {
    systemId,
    data: { memberships },
    tables: tables(memberships),
    recordCount: memberships.length,
    dispositions: exportDispositions({ members: memberships.length, notes, activity }),
  };
}

function tables(memberships: ExportedMembership[]): Record<string, Row[]> {
  const per = <T>(pick: (membership: ExportedMembership) => T[], row: (item: T, membership: ExportedMembership) => Row) =>
    memberships.flatMap((membership) => pick(membership).map((item) => ({ audience: membership.audience, ...row(item, membership) })));
  return {
    mailchimp_memberships: memberships.map(({ audience, member }) => ({
      audience,
      email: member.email_address,
      status: member.status,
      signedUp: member.timestamp_signup ?? '',
      optedIn: member.timestamp_opt ?? '',
      lastChanged: member.last_changed ?? '',
      language: member.language ?? '',
      location: member.location ? JSON.stringify(member.location) : '',
    })),
    mailchimp_merge_fields: per(
      (membership) => Object.entries(membership.member.merge_fields ?? {}).filter(([, value]) => value !== '' && value !== null),
      ([field, value]) => ({ field, value: typeof value === 'object' ? JSON.stringify(value) : value }),
    ),
    mailchimp_marketing_permissions: per(
      (membership) => membership.member.marketing_permissions ?? [],
      (permission) => ({ permission: permission.text ?? permission.marketing_permission_id, enabled: permission.enabled }),
    ),
    mailchimp_tags: per(
      (membership) => membership.tags,
      (tag) => ({ tag: tag.name, added: tag.date_added ?? '' }),
    ),
    mailchimp_notes: per(
      (membership) => membership.notes,
      (note) => ({ written: note.created_at, by: note.created_by ?? '', note: note.note }),
    ),
    mailchimp_activity: per(
      (membership) => membership.activity,
      (event) => ({ at: event.created_at_timestamp, activity: event.activity_type, campaign: event.campaign_title ?? event.campaign_id ?? '' }),
    ),
  };
}
