import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { OPEN_STATUSES } from '../common/case-types';
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

  /** Locks the case row for the rest of the caller's transaction without reading it (a module
   *  deciding something about the case serialises with its transitions). */
  async lockById(manager: EntityManager, id: string): Promise<void> {
    await manager.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [id]);
  }

  /** The open cases (not completed, rejected or withdrawn) among `ids`, in no particular order. */
  openByIds(ids: string[]): Promise<CaseEntity[]> {
    return this.dataSource.getRepository(CaseEntity).find({ where: { id: In(ids), status: In([...OPEN_STATUSES]) } });
  }

  /** The case row locked for the rest of the caller's transaction, so its decisions and the case's
   *  transitions queue up instead of crossing. */
  lockedByReference(manager: EntityManager, reference: string): Promise<CaseEntity | null> {
    return manager.findOne(CaseEntity, { where: { reference }, lock: { mode: 'pessimistic_write' } });
  }
}
