import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { conflict, notFound } from '../common/domain-error';
import { CaseIdentifierEntity } from '../identity/case-identifier.entity';
import { isEstablished } from '../identity/identity-types';
import { IdentityService } from '../identity/identity.service';
import { CaseEntity } from './case.entity';
import { isClosed } from './case-transitions';

/** Staff confirming one identifier of a case after a check outside the engine
 *  ("called back the number on file", "ID shown at the counter — no copy kept"). */
@Injectable()
export class CaseIdentifiersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
  ) {}

  async confirm(reference: string, identifierId: string, how: { method: string; reason: string }, actor: string): Promise<CaseEntity> {
    const entity = await this.dataSource.getRepository(CaseEntity).findOne({ where: { reference: reference.toUpperCase() } });
    if (!entity) throw notFound(`Case ${reference}`);
    if (isClosed(entity))
      throw conflict(`Cannot confirm an identifier: the case is ${entity.status}.`, { code: 'case_closed', params: { status: entity.status } });
    const identifier = await this.dataSource.getRepository(CaseIdentifierEntity).findOne({ where: { id: identifierId, caseId: entity.id } });
    if (!identifier) throw notFound(`Identifier ${identifierId} on case ${entity.reference}`);
    if (isEstablished(identifier.basis)) {
      throw conflict(`The identifier is already established (${identifier.basis}).`, { code: 'identifier_established', params: { basis: identifier.basis } });
    }
    if (!identifier.searchable) {
      throw conflict('The identifier is not a valid phone number; it is kept as typed and cannot be used to find records.', {
        code: 'identifier_not_searchable',
      });
    }
    await this.identity.establishNow(entity.id, [identifier.id], { basis: 'staff_confirmed', method: how.method, reason: how.reason, by: actor });
    return entity;
  }
}
