import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CaseReplyTokenEntity } from './case-reply-token.entity';
import { TOKEN_PATTERN } from './reply-address';

/** Each case's reply token: made the first time a message to its requester needs one, kept with the case. */
@Injectable()
export class ReplyTokensService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The case's token, made now if it has none (two transactions at once agree on the first one stored). */
  async tokenFor(manager: EntityManager, caseId: string): Promise<string> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(CaseReplyTokenEntity)
      .values({ caseId, token: randomBytes(16).toString('hex') })
      .orIgnore()
      .execute();
    return (await manager.findOneOrFail(CaseReplyTokenEntity, { where: { caseId } })).token;
  }

  /** The case a token belongs to, or null. The stored token is compared in constant time as well,
   *  so how long an answer takes says nothing about how close a guess came. */
  async caseOf(token: string): Promise<string | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const row = await this.dataSource.getRepository(CaseReplyTokenEntity).findOne({ where: { token } });
    return row && timingSafeEqual(Buffer.from(row.token), Buffer.from(token)) ? row.caseId : null;
  }
}
