import { Injectable } from '@nestjs/common';
import { IdentityService } from '../../identity/identity.service';
import type { Subject } from '../connector';
import { CaseRecordsService } from './case-records.service';
import { subjectFrom } from './record-holds';

/**
 * What a connector is given for a task: the case's established identifiers (e-mail, phone in
 * E.164, customer number, name; never one only claimed) and `onlyRecords`, the records matched or
 * confirmed in that system. `null` when the system holds no such record: nothing is done there.
 */
@Injectable()
export class RecordSubjects {
  constructor(
    private readonly identity: IdentityService,
    private readonly records: CaseRecordsService,
  ) {}

  /** Whether the case's records were searched for in this system at all. They were not for a
   *  system added to the data map after the search, or a case older than the search. */
  async searched(caseId: string, systemId: string): Promise<boolean> {
    return this.records.searchedIn(caseId, systemId);
  }

  async forSystem(caseId: string, systemId: string): Promise<Subject | null> {
    const [established, actionable] = await Promise.all([this.identity.established(caseId), this.records.actionable(caseId)]);
    const onlyRecords = actionable.filter((record) => record.systemId === systemId).map((record) => record.externalId);
    if (!onlyRecords.length) return null;
    return { ...subjectFrom(established), onlyRecords };
  }
}
