import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * How other modules read a case: by id or reference, inside their own transaction when they pass
 * its manager. The cases module owns the `cases` table; changes go through CasesService's named
 * operations, never through this reader.
 */
@Injectable()
export class CasesReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<CaseEntity | null> {
    return manager.findOne(CaseEntity, { where: { id } });
  }

  /** As `byId`, but a missing case throws TypeORM's EntityNotFoundError. */
  byIdOrFail(id: string, manager: EntityManager = this.dataSource.manager): Promise<CaseEntity> {
    return manager.findOneOrFail(CaseEntity, { where: { id } });
  }

  /** By reference exactly as given (callers normalise what a person typed). */
  byReference(reference: string, manager: EntityManager = this.dataSource.manager): Promise<CaseEntity | null> {
    return manager.findOne(CaseEntity, { where: { reference } });
  }

  /** The case row locked for the rest of the caller's transaction, so its decisions and the case's
   *  transitions queue up instead of crossing. */
  lockedByReference(manager: EntityManager, reference: string): Promise<CaseEntity | null> {
    return manager.findOne(CaseEntity, { where: { reference }, lock: { mode: 'pessimistic_write' } });
  }
}
