import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';
import { GENESIS_HASH, auditHash, type HashedFields } from './audit-hash';

/** Held by the chainer for its transaction, so links are added one at a time even with many
 *  worker processes; writers of events never take it. */
const AUDIT_CHAIN_LOCK = 4_242_018;
const CHAIN_BATCH = 2000;
const VERIFY_BATCH = 5000;

export type AuditInput = Omit<HashedFields, 'occurredAt' | 'caseId' | 'data'> & {
  caseId?: string | null;
  data?: Record<string, unknown>;
  occurredAt: Date;
};

export interface ChainVerification {
  valid: boolean;
  checked: number;
  firstBrokenAt?: string;
}

/**
 * The append-only audit trail. An event is written in the transaction of the change it records
 * (they commit together) without a global lock, so concurrent requests do not queue behind each
 * other; `chain()` then links unchained events, in the order it finds them, into one hash chain
 * (hash = sha256(previous hash + canonical event)). The chainer runs every few seconds in the
 * worker and before every verification.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an event inside the caller's transaction (the state change and its audit commit together). */
  async append(manager: EntityManager, input: AuditInput): Promise<AuditEventEntity> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('audit events are appended inside the transaction of the change they record');
    }
    const event = manager.create(AuditEventEntity, {
      caseId: input.caseId ?? null,
      type: input.type,
      actor: input.actor,
      data: input.data ?? {},
      // PostgreSQL keeps microseconds, JavaScript milliseconds: store what will be read back.
      occurredAt: new Date(Math.floor(input.occurredAt.getTime())),
      chainSeq: null,
      prevHash: null,
      hash: null,
    });
    return manager.save(event);
  }

  /** Appends an event in a transaction of its own, for events with no other state change. */
  async record(input: AuditInput): Promise<AuditEventEntity> {
    return this.dataSource.transaction((manager) => this.append(manager, input));
  }

  async forCase(caseId: string): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({ where: { caseId }, order: { id: 'ASC' } });
  }

  /** Links every committed, unchained event into the chain. Returns how many it linked. */
  async chain(): Promise<number> {
    let linked = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
        const [head] = await manager.query('SELECT chain_seq, hash FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1');
        const pending = await manager
          .getRepository(AuditEventEntity)
          .createQueryBuilder('e')
          .where('e.chain_seq IS NULL')
          .orderBy('e.id', 'ASC')
          .take(CHAIN_BATCH)
          .getMany();
        if (!pending.length) return 0;
        let prevHash: string = head?.hash ?? GENESIS_HASH;
        let seq = BigInt(head?.chain_seq ?? 0);
        const ids: string[] = [];
        const seqs: string[] = [];
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const event of pending) {
          seq += 1n;
          const hash = auditHash(prevHash, event);
          ids.push(event.id);
          seqs.push(seq.toString());
          prevs.push(prevHash);
          hashes.push(hash);
          prevHash = hash;
        }
        await manager.query(
          `UPDATE audit_events AS e SET chain_seq = l.seq, prev_hash = l.prev, hash = l.hash
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS l(id, seq, prev, hash)
           WHERE e.id = l.id`,
          [ids, seqs, prevs, hashes],
        );
        return pending.length;
      });
      linked += count;
      if (count < CHAIN_BATCH) return linked;
    }
  }

  /** Links what is pending, then walks the whole chain in order and reports the first event
   *  whose link does not hold (by event id). */
  async verify(): Promise<ChainVerification> {
    await this.chain();
    const repository = this.dataSource.getRepository(AuditEventEntity);
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let afterSeq = '0';
    let expectedSeq = 1n;
    for (;;) {
      const batch = await repository.find({
        where: { chainSeq: MoreThan(afterSeq) },
        order: { chainSeq: 'ASC' },
        take: VERIFY_BATCH,
      });
      for (const event of batch) {
        // A missing position means a linked event was deleted behind the trigger's back.
        if (BigInt(event.chainSeq!) !== expectedSeq || event.prevHash !== prevHash || event.hash !== auditHash(prevHash, event)) {
          return { valid: false, checked, firstBrokenAt: event.id };
        }
        prevHash = event.hash;
        checked += 1;
        expectedSeq += 1n;
      }
      if (batch.length < VERIFY_BATCH) return { valid: true, checked };
      afterSeq = batch[batch.length - 1].chainSeq!;
    }
  }
}
