import { inlineRetrySettings, type InlineRetryOptions } from '../json-api-call';
import {
  notePrevious,
  type Changes,
  type Connector,
  type ExportPart,
  type Match,
  type Outcome,
  type PreviousValues,
  type RestrictScope,
  type RetentionRules,
  type Subject,
  type SystemContext,
} from '../connector';
import { ConnectorAuthError } from '../connector-errors';
import { AccountTimeZones } from './hubspot-account-time';
import { HubSpotClient } from './hubspot-client';
import { checkHubSpotConnection, type HubSpotConnection, parseConnection } from './hubspot-connection';
import { contactEmails, type FoundContact, findContacts, heldByContact, normaliseEmail } from './hubspot-contact-search';
import { emailEventDispositions, emailEventsAfterErasure, readEmailEvents } from './hubspot-email-events';
import { findFormSubmissions, formSubmissionDispositions, formSubmissionsAfterErasure } from './hubspot-form-submissions';
import { engagementDispositions, engagementsAfterErasure } from './hubspot-erased-engagements';
import { exportSubject } from './hubspot-export';
import { findEngagements } from './hubspot-related-records';
import { stopMarketing } from './hubspot-marketing-objection';
import type { HubSpotProperties } from './hubspot-types';
import { DsrConnector } from '../dsr-connector';
import { DispositionTally } from '../disposition-tally';
import { CONTACT_NOT_FOUND, restrictionHow } from './hubspot-dispositions';
import { summarised } from '../outcome-summary';
import { HUBSPOT_OUTCOMES, HUBSPOT_SUMMARIES } from './hubspot-summaries';

export type HubSpotConnectorOptions = InlineRetryOptions;

/** HubSpot CRM contacts and their e-mail subscriptions. Settings: see README.md in this folder. */
@DsrConnector('hubspot', { rateLimit: { max: 10, durationMs: 10_000 } })
export class HubSpotConnector implements Connector {
  readonly type = 'hubspot';
  private readonly settings: Required<HubSpotConnectorOptions>;
  /** Each account's time zone, read once (see HubSpotClient.accountTimeZone). */
  private readonly timeZones = new AccountTimeZones();

  constructor(options: HubSpotConnectorOptions = {}) {
    this.settings = inlineRetrySettings(options);
  }

  checkConnection(connection: Record<string, unknown>): string[] {
    return checkHubSpotConnection(connection);
  }

  async find(ctx: SystemContext, subject: Subject): Promise<Match[]> {
    const { client, connection } = this.open(ctx);
    const found = await findContacts(client, connection, subject);
    return found.map(({ contact, matchedOn }) => ({
      externalId: contact.id,
      kind: 'contact',
      label: `HubSpot contact ${contact.id} (matched on ${matchedOn.join(', ')})`,
      holds: heldByContact(contact, connection),
    }));
  }

  async export(ctx: SystemContext, subject: Subject): Promise<ExportPart> {
    const { client, connection } = this.open(ctx);
    return exportSubject(client, connection, ctx.systemId, subject);
  }

  async rectify(ctx: SystemContext, subject: Subject, changes: Changes): Promise<Outcome> {
    const { client, connection } = this.open(ctx);
    const { properties, unmapped, sources } = toContactProperties(changes, connection);
    if (Object.keys(properties).length === 0) return { status: 'manual', ...summarised(HUBSPOT_OUTCOMES.noPropertyMapped(unmapped)) };

    const found = await findContacts(client, connection, subject);
    if (found.length === 0 && changes.email) {
      // A repeat after the e-mail was already changed finds the contact only under its new address
      // (the same contacts only: the case's record list still applies).
      const already = await findContacts(client, connection, { email: changes.email, onlyRecords: subject.onlyRecords });
      if (already.some(({ contact }) => differences(contact.properties, properties).length === 0)) {
        return { status: 'done', ...summarised(HUBSPOT_OUTCOMES.alreadyUpToDate(unmapped)), dispositions: [] };
      }
    }
    if (found.length === 0) return { status: 'not_found', ...summarised(HUBSPOT_SUMMARIES.noContactToRectify), dispositions: [CONTACT_NOT_FOUND] };
    if (properties.email && found.length > 1) {
      return { status: 'manual', ...summarised(HUBSPOT_OUTCOMES.mergeFirst(found.length)) };
    }

    const updated: string[] = [];
    const keptInHistory = new Set<string>();
    const previous: PreviousValues = {};
    const corrected = new DispositionTally();
    for (const { contact } of found) {
      const changed = differences(contact.properties, properties);
      if (changed.length === 0) continue;
      await client.updateContact(contact.id, Object.fromEntries(changed.map((name) => [name, properties[name]])));
      updated.push(contact.id);
      for (const name of await oldValuesStillInHistory(client, contact.id, changed, contact.properties)) keptInHistory.add(name);
      // The contact as read before the update: a name is its first and last name together.
      for (const [field, names] of Object.entries(sources)) {
        if (!names.some((name) => changed.includes(name))) continue;
        const joined = (values: HubSpotProperties) =>
          names
            .map((name) => values[name] ?? '')
            .filter(Boolean)
            .join(' ');
        notePrevious(previous, field, joined(contact.properties));
        corrected.corrected('contact', field, joined(contact.properties), joined(properties));
      }
    }
    const fields = Object.keys(properties);
    return updated.length
      ? {
          status: 'done',
          ...summarised(HUBSPOT_OUTCOMES.updated(fields, updated.length, unmapped, [...keptInHistory])),
          details: { contactIds: updated, properties: Object.keys(properties), previous, earlierValuesKeptInHistory: [...keptInHistory] },
          dispositions: corrected.list(),
        }
      : // Nothing changed, so nothing is said to be corrected.
        { status: 'done', ...summarised(HUBSPOT_OUTCOMES.contactsUpToDate(found.length, fields, unmapped)), dispositions: [] };
  }

  async erase(ctx: SystemContext, subject: Subject, retention: RetentionRules): Promise<Outcome> {
    const { client, connection } = this.open(ctx);
    if (retention.legalHolds.length > 0) {
      // GDPR delete removes the whole contact irreversibly; it cannot keep part of it under a hold.
      return { status: 'manual', ...summarised(HUBSPOT_OUTCOMES.legalHolds(retention.legalHolds.map((hold) => hold.records))) };
    }
    const found = await findContacts(client, connection, subject);
    if (found.length === 0) return { status: 'not_found', ...summarised(HUBSPOT_SUMMARIES.noContactToErase), dispositions: [CONTACT_NOT_FOUND] };

    // The engagements and what else holds them, the e-mail events and form submissions are read
    // before the delete (which removes the links and the profile), then read back after it.
    const contactIds = found.map(({ contact }) => contact.id);
    const engagements = await findEngagements(client, contactIds);
    const emailEvents = connection.emailEvents
      ? await readEmailEvents(
          client,
          found.flatMap(({ contact }) => contactEmails(contact)),
        )
      : [];
    const formSubmissions = connection.formSubmissions ? await findFormSubmissions(client, contactIds) : [];
    const deleted: string[] = [];
    const alreadyGone: string[] = [];
    for (const { contact } of found) {
      ((await client.gdprDeleteContact(contact.id)) ? deleted : alreadyGone).push(contact.id);
    }
    const after = await engagementsAfterErasure(client, engagements);
    const eventsAfter = await emailEventsAfterErasure(client, emailEvents);
    const formsAfter = await formSubmissionsAfterErasure(client, formSubmissions);
    return {
      status: 'done',
      ...summarised(
        HUBSPOT_OUTCOMES.erased({
          deleted: deleted.length,
          alreadyGone: alreadyGone.length,
          engagementsGone: after.erased.length,
          engagementsLeft: after.remaining.length,
          eventsLeft: eventsAfter.remaining,
          formsLeft: formsAfter.remaining + formsAfter.unconfirmed,
        }),
      ),
      details: {
        deletedContactIds: deleted,
        alreadyDeletedContactIds: alreadyGone,
        method: 'gdpr-delete',
        erasedEngagements: after.erased.map(({ type, id }) => `${type} ${id}`),
        engagementsLeftOnOtherRecords: after.remaining.map(({ type, id, alsoOn }) => ({ type, id, alsoOn })),
        emailEvents: eventsAfter,
        formSubmissions: formsAfter,
      },
      // A contact gone between the search and the delete was not erased by this request.
      dispositions: [
        ...(deleted.length ? [{ kind: 'erased' as const, what: 'contact', count: deleted.length }] : [CONTACT_NOT_FOUND]),
        ...engagementDispositions(after),
        ...emailEventDispositions(eventsAfter),
        ...formSubmissionDispositions(formsAfter),
      ],
    };
  }

  async restrict(ctx: SystemContext, subject: Subject, scope: RestrictScope): Promise<Outcome> {
    const { client, connection } = this.open(ctx);
    const found = await findContacts(client, connection, subject);
    if (scope === 'marketing') return stopMarketing(client, connection, subject, found, this.settings.now);
    return this.flagRestricted(client, connection, found);
  }

  private async flagRestricted(client: HubSpotClient, connection: HubSpotConnection, found: FoundContact[]): Promise<Outcome> {
    if (found.length === 0) return { status: 'not_found', ...summarised(HUBSPOT_SUMMARIES.noContactToRestrict), dispositions: [CONTACT_NOT_FOUND] };
    const property = connection.restrictionProperty;
    const flagged: string[] = [];
    for (const { contact } of found) {
      if (contact.properties[property] === 'true') continue;
      await client.updateContact(contact.id, { [property]: 'true' });
      flagged.push(contact.id);
    }
    return {
      status: 'done',
      ...summarised(HUBSPOT_OUTCOMES.restricted(this.settings.now(), property, found.length, found.length - flagged.length)),
      details: { property, contactIds: found.map(({ contact }) => contact.id), newlyFlagged: flagged },
      dispositions: [{ kind: 'restricted', what: 'contact', count: found.length, how: restrictionHow(property) }],
    };
  }

  private open(ctx: SystemContext): { client: HubSpotClient; connection: HubSpotConnection } {
    const connection = parseConnection(ctx.systemId, ctx.connection);
    const token = ctx.secret(connection.tokenEnv);
    if (!token) throw new ConnectorAuthError(`HubSpot token variable ${connection.tokenEnv} is empty`, 401);
    const client = new HubSpotClient({
      baseUrl: connection.baseUrl,
      token,
      maxInlineRetryWaitMs: this.settings.maxInlineRetryWaitMs,
      maxInlineRetries: this.settings.maxInlineRetries,
      requestTimeoutMs: this.settings.requestTimeoutMs,
      sleep: this.settings.sleep,
      now: this.settings.now,
      timeZones: this.timeZones,
      accountKey: `${connection.baseUrl} ${connection.tokenEnv}`,
    });
    return { client, connection };
  }
}

/** Case field names → HubSpot contact properties. A full name splits at its last space: the last word
 *  is the family name, the rest the given names (a single word clears the family name). */
/** The changes as contact properties; `sources` says which properties each case field became. */
function toContactProperties(
  changes: Changes,
  connection: HubSpotConnection,
): { properties: HubSpotProperties; unmapped: string[]; sources: Record<string, string[]> } {
  const properties: Record<string, string> = {};
  const unmapped: string[] = [];
  const sources: Record<string, string[]> = {};
  for (const [field, raw] of Object.entries(changes)) {
    const value = raw.trim();
    const before = Object.keys(properties);
    switch (field) {
      case 'name': {
        const words = value.split(/\s+/).filter(Boolean);
        properties.firstname = (words.length > 1 ? words.slice(0, -1) : words).join(' ');
        properties.lastname = words.length > 1 ? words[words.length - 1] : '';
        break;
      }
      case 'firstName':
      case 'firstname':
        properties.firstname = value;
        break;
      case 'lastName':
      case 'lastname':
        properties.lastname = value;
        break;
      case 'email':
        properties.email = normaliseEmail(value) ?? '';
        break;
      case 'phone':
        properties.phone = value;
        break;
      case 'mobilephone':
        properties.mobilephone = value;
        break;
      case 'customerNumber':
        if (connection.customerNumberProperty) properties[connection.customerNumberProperty] = value;
        else unmapped.push(field);
        break;
      default:
        unmapped.push(field);
    }
    const added = Object.keys(properties).filter((name) => !before.includes(name));
    if (added.length) sources[field] = added;
  }
  return { properties, unmapped, sources };
}

/** The changed properties whose value before the update HubSpot still lists in the property history
 *  (it keeps every value a property had): read back, so the outcome never implies they are gone. */
async function oldValuesStillInHistory(client: HubSpotClient, contactId: string, changed: string[], before: HubSpotProperties): Promise<string[]> {
  const withOldValue = changed.filter((name) => before[name]);
  if (!withOldValue.length) return [];
  const history = (await client.contactPropertyHistory(contactId, withOldValue)) ?? {};
  return withOldValue.filter((name) => (history[name] ?? []).some((version) => version.value === before[name]));
}

function differences(current: HubSpotProperties, wanted: HubSpotProperties): string[] {
  return Object.keys(wanted).filter((name) => {
    const have = name === 'email' ? (normaliseEmail(current[name] ?? undefined) ?? '') : (current[name] ?? '');
    return have !== (wanted[name] ?? '');
  });
}
