import { JSONPath } from 'jsonpath-plus';
import { normaliseEmail } from '../../identity/email';
import { toE164 } from '../../identity/phone';
import type { RecordIdentifiers, Subject } from '../connector';
import { ConnectorError } from '../connector-errors';
import { inScope, recordIdentifiers } from '../record-identifiers';
import type { HttpApiClient } from './http-client';
import type { HttpConnection, RecordKind } from './http-connection';
import { canRender, IDENTIFIER_PLACEHOLDERS, placeholdersIn, type IdentifierPlaceholder, type TemplateValues } from './http-template';

/** One record the data map's find templates turned up for the subject. */
export interface FoundRecord {
  kind: RecordKind;
  id: string;
  /** `<kind>:<id>`, unique across the system's kinds: what matches and `onlyRecords` use. */
  externalId: string;
  parentId?: string;
  data: unknown;
}

/** The subject's established identifiers as template values (e-mail lower-cased, phone in E.164). */
export function identifierValues(subject: Subject): TemplateValues {
  const values: TemplateValues = {};
  const email = normaliseEmail(subject.email);
  const phone = subject.phone ? toE164(subject.phone) : null;
  if (email) values.email = email;
  if (phone) values.phone = phone;
  if (subject.customerNumber?.trim()) values.customerNumber = subject.customerNumber.trim();
  if (subject.name?.trim()) values.name = subject.name.trim().replace(/\s+/g, ' ');
  return values;
}

/**
 * Every record of the subject, kind by kind in the data map's order: a top-level kind through each
 * find request the subject's identifiers can fill, each hit confirmed against what the record itself
 * holds (APIs search loosely); a child kind once per record of its parent. With `onlyRecords` only
 * the listed top-level records (and what hangs under them) count.
 */
export async function findRecords(client: HttpApiClient, connection: HttpConnection, subject: Subject): Promise<FoundRecord[]> {
  const values = identifierValues(subject);
  const found: FoundRecord[] = [];
  let searched = false;
  for (const kind of connection.records) {
    const byId = new Map<string, FoundRecord>();
    const parents = kind.parent ? found.filter((record) => record.kind.kind === kind.parent) : [undefined];
    for (const parent of parents) {
      const scoped: TemplateValues = parent ? { ...values, parentId: parent.id } : values;
      for (const [index, request] of kind.find.entries()) {
        if (!canRender([request.path, request.query, request.body], scoped)) continue;
        if (!parent) searched = true;
        const where = `records.${kind.kind}.find[${index}]`;
        const records = (await client.list(where, request, scoped)) ?? [];
        for (const data of records) {
          const id = recordId(kind, data);
          if (byId.has(id)) continue;
          if (!parent && !confirmed(kind, data, placeholdersIn([request.path, request.query, request.body]), values)) continue;
          const record: FoundRecord = { kind, id, externalId: `${kind.kind}:${id}`, parentId: parent?.id, data };
          if (!parent && !inScope(subject, record.externalId)) continue;
          byId.set(id, record);
        }
      }
    }
    found.push(...byId.values());
  }
  if (!searched) {
    const usable = [
      ...new Set(
        connection.records.filter((kind) => !kind.parent).flatMap((kind) => kind.find.flatMap((request) => placeholdersIn([request.path, request.query]))),
      ),
    ];
    throw new ConnectorError(
      `none of this system's find requests can be filled from the subject's established identifiers (it searches by ${usable.join(', ')})`,
      false,
    );
  }
  return found;
}

/** The values a record holds at a field's JSONPath, as text (lists and nested lists flattened). A
 *  name is one value: a path that picks several parts (`$[first_name,last_name]`) joins them. */
export function fieldValues(kind: RecordKind, field: string, data: unknown): string[] {
  const path = kind.fields[field];
  if (!path || data === null || typeof data !== 'object') return [];
  const matches = (JSONPath({ path, json: data, wrap: true }) as unknown[]).flat(2);
  const texts = matches.filter((value) => value !== null && value !== undefined && typeof value !== 'object').map(String);
  if (field !== 'name' || texts.length < 2) return texts;
  const joined = texts.filter((text) => text.trim()).join(' ');
  return joined ? [joined] : [];
}

/** What the record holds, for the engine to compare with the case (and to send a proof code to). */
export function heldBy(record: FoundRecord): RecordIdentifiers {
  const of = (field: string) => fieldValues(record.kind, field, record.data);
  return recordIdentifiers({ emails: of('email'), phones: of('phone'), customerNumbers: of('customerNumber'), names: of('name'), addresses: of('address') });
}

function recordId(kind: RecordKind, data: unknown): string {
  const [id] = data !== null && typeof data === 'object' ? (JSONPath({ path: kind.id, json: data, wrap: true }) as unknown[]) : [];
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number') return String(id);
  throw new ConnectorError(`records.${kind.kind}.id: a record in the answer has no id at ${kind.id}`, false);
}

/** Every identifier the request searched by is one the record holds (compared as the engine does). */
function confirmed(kind: RecordKind, data: unknown, used: string[], values: TemplateValues): boolean {
  return used
    .filter((name): name is IdentifierPlaceholder => (IDENTIFIER_PLACEHOLDERS as readonly string[]).includes(name))
    .every((name) => fieldValues(kind, name, data).some((held) => sameIdentifier(name, held, values[name]!)));
}

function sameIdentifier(name: IdentifierPlaceholder, held: string, wanted: string): boolean {
  switch (name) {
    case 'email':
      return normaliseEmail(held) === wanted;
    case 'phone':
      return toE164(held) === wanted;
    case 'name':
      return held.trim().replace(/\s+/g, ' ').toLowerCase() === wanted.toLowerCase();
    case 'customerNumber':
      return held.trim() === wanted;
  }
}
