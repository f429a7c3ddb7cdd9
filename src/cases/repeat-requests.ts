import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ESTABLISHED_BASES } from '../identity/identity-types';
import type { CaseEntity } from './case.entity';

/** Earlier requests of the same kind by the same person, for Art 12(5) ("possibly excessive"). */
export interface RepeatRequests {
  /** This request and the earlier ones in the window. */
  count: number;
  months: number;
  threshold: number;
  /** count ≥ threshold: a handler should consider Art 12(5). The engine never refuses on its own. */
  possiblyExcessive: boolean;
  earlier: Array<{ reference: string; receivedOn: string; status: string }>;
}

/** Kinds that name one person: a name or an address alone is shared by many. */
export const PERSON_KINDS = ['email', 'phone', 'customer_number'];

/**
 * Finds a person's earlier requests of the same type within REPEAT_REQUEST_MONTHS before this one.
 * "The same person" means an identifier established on both cases (proven, read from their own
 * record or confirmed by staff): what a requester merely typed never ties two cases together, so a
 * stranger cannot make someone else's request look repeated.
 */
@Injectable()
export class RepeatRequestsReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forCase(entity: Pick<CaseEntity, 'id' | 'type' | 'receivedAt'>): Promise<RepeatRequests> {
    const months = this.config.REPEAT_REQUEST_MONTHS;
    const threshold = this.config.REPEAT_REQUEST_COUNT;
    const rows = await this.dataSource.query<Array<{ reference: string; received_on: string; status: string }>>(
      `SELECT DISTINCT c.reference, to_char(c.received_on, 'YYYY-MM-DD') AS received_on, c.status, c.received_at
         FROM case_identifiers mine
         JOIN case_identifiers other ON other.kind = mine.kind AND other.value = mine.value AND other.case_id <> mine.case_id
         JOIN cases c ON c.id = other.case_id
        WHERE mine.case_id = $1
          AND mine.kind = ANY($2) AND mine.basis = ANY($3) AND other.basis = ANY($3)
          AND c.type = $4
          AND c.received_at < $5 AND c.received_at >= $5::timestamptz - make_interval(months => $6::int)
        ORDER BY c.received_at`,
      [entity.id, PERSON_KINDS, ESTABLISHED_BASES, entity.type, entity.receivedAt, months],
    );
    const earlier = rows.map((row) => ({ reference: row.reference, receivedOn: row.received_on, status: row.status }));
    const count = earlier.length + 1;
    return { count, months, threshold, possiblyExcessive: count >= threshold, earlier };
  }
}
