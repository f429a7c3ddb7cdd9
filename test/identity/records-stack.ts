import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CaseRecordJson } from '../../src/cases/case-records-reader';
import type { IdentifierKind } from '../../src/identity/identity-types';
import { IdentityService } from '../../src/identity/identity.service';
import { waitForCase, type Api, type CaseBody } from '../fanout/fanout-stack';
import type { TestPerson } from '../fanout/norwegian-people';
import type { TestApp } from '../support/test-app';

/** Mallory: a real mailbox of her own, and a victim's phone number typed on her request. */
export const MALLORY: TestPerson = { name: 'Mallory Angrep', email: 'mallory@evil.example', phone: '+4741234567', customerNo: 20001, invoices: [] };

/** A record as the case JSON shows it: the API's own type, so the tests follow it. */
export type RecordBody = CaseRecordJson;

export type RecordsCaseBody = CaseBody & { records: RecordBody[]; recordSearch: Array<{ system: string; status: string }>; approvedAt: string | null };

/** Stores identifiers on a case as the intake and proof flows do: `proven` ones, and ones only typed. */
export async function giveIdentifiers(
  stack: TestApp,
  caseId: string,
  proven: Array<[IdentifierKind, string]>,
  claimed: Array<[IdentifierKind, string]>,
): Promise<void> {
  const identity = stack.context.get(IdentityService, { strict: false });
  const dataSource = stack.context.get<DataSource>(getDataSourceToken(), { strict: false });
  const toGiven = (list: Array<[IdentifierKind, string]>) => list.map(([kind, given]) => ({ kind, given }));
  await dataSource.transaction(async (manager) => {
    await identity.add(manager, caseId, toGiven(proven), { basis: 'proven', method: 'link sent to this address', by: 'requester' });
    await identity.add(manager, caseId, toGiven(claimed));
  });
}

/** Asks for the search again and waits until every system's search is done. */
export async function searchRecords(client: Api, reference: string, systems: number): Promise<RecordsCaseBody> {
  const response = await client.post(`/api/v1/cases/${reference}/records/search`, {});
  if (response.status !== 202) throw new Error(`search refused: ${response.status} ${await response.text()}`);
  return (await waitForCase(client, reference, (body) => searched(body as RecordsCaseBody, systems))) as RecordsCaseBody;
}

export const searched = (body: RecordsCaseBody, systems: number) =>
  body.recordSearch?.length === systems && body.recordSearch.every((search) => search.status === 'done');

export const recordsOf = (body: RecordsCaseBody, status: string) =>
  body.records
    .filter((record) => record.status === status)
    .map((record) => record.system)
    .sort();
