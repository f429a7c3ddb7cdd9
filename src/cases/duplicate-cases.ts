import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OPEN_STATUSES } from '../common/case-types';
import { ESTABLISHED_BASES } from '../identity/identity-types';
import { PERSON_KINDS } from './repeat-requests';

/** Another open case of the same person: a possible duplicate a handler may merge. */
export interface DuplicateCase {
  reference: string;
  type: string;
  status: string;
  receivedOn: string;
  /** Same request type: only these can merge (docs/legal-rules.md, "Duplicate requests"). */
  mergeable: boolean;
}

/**
 * Detection of duplicate requests: open cases tied by an e-mail, phone or customer number
 * established on both (the notion and index of repeat requests). What a requester merely typed
 * ties nothing, so a stranger can neither make someone else's case look like theirs nor have it
 * merged away. Read when a case is shown, so it holds from the moment a case is registered with
 * its identity checked by staff, or verified later, until one of the cases closes.
 */
const TIE = `FROM case_identifiers mine
  JOIN case_identifiers other ON other.kind = mine.kind AND other.value = mine.value AND other.case_id <> mine.case_id`;
/** Both ends established, and of a kind that names one person ($2 kinds, $3 bases). */
const ESTABLISHED_TIE = `mine.kind = ANY($2) AND mine.basis = ANY($3) AND other.basis = ANY($3)`;

@Injectable()
export class DuplicateCasesReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The other open cases of the person, oldest receipt first (none for a closed case). */
  async forCase(entity: { id: string; type: string; status: string }): Promise<DuplicateCase[]> {
    if (!(OPEN_STATUSES as readonly string[]).includes(entity.status)) return [];
    const rows = await this.dataSource.query<Array<{ reference: string; type: string; status: string; received_on: string }>>(
      `SELECT DISTINCT c.reference, c.type, c.status, to_char(c.received_on, 'YYYY-MM-DD') AS received_on, c.received_at
         ${TIE}
         JOIN cases c ON c.id = other.case_id
        WHERE mine.case_id = $1 AND ${ESTABLISHED_TIE} AND c.status = ANY($4)
        ORDER BY c.received_at, c.reference`,
      [entity.id, PERSON_KINDS, ESTABLISHED_BASES, OPEN_STATUSES],
    );
    return rows.map((row) => ({
      reference: row.reference,
      type: row.type,
      status: row.status,
      receivedOn: row.received_on,
      mergeable: row.type === entity.type,
    }));
  }

  /** Which of `caseIds` (a queue page) have another open case of the same person. */
  async withDuplicates(caseIds: string[]): Promise<Set<string>> {
    if (!caseIds.length) return new Set();
    const rows = await this.dataSource.query<Array<{ case_id: string }>>(
      `SELECT DISTINCT mine.case_id
         ${TIE}
         JOIN cases c ON c.id = other.case_id
        WHERE mine.case_id = ANY($1) AND ${ESTABLISHED_TIE} AND c.status = ANY($4)`,
      [caseIds, PERSON_KINDS, ESTABLISHED_BASES, OPEN_STATUSES],
    );
    return new Set(rows.map((row) => row.case_id));
  }

  /** Whether two cases share an established identifier: the same person, for a merge. */
  async samePerson(manager: EntityManager, caseId: string, otherId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1
         ${TIE}
        WHERE mine.case_id = $1 AND other.case_id = $4 AND ${ESTABLISHED_TIE}
        LIMIT 1`,
      [caseId, PERSON_KINDS, ESTABLISHED_BASES, otherId],
    );
    return rows.length > 0;
  }
}
