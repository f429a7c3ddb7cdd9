import { MigrationInterface, QueryRunner } from 'typeorm';
import { identifiersOfSubject, normalise } from '../../identity/identifier-input';

const BATCH = 1000;

interface LegacyCase {
  id: string;
  origin: string;
  verified_at: Date | null;
  verification_method: string | null;
  subject_email: string | null;
  subject_phone: string | null;
  subject_customer_number: string | null;
  subject_name: string | null;
}

/**
 * Cases registered before the identity model have no identifiers. Give them the ones their
 * subject columns hold, established as the rules would have established them: an intake case
 * verified by its link proves its e-mail address (and nothing else); what staff typed on a case
 * staff verified is confirmed by that check; everything else is claimed.
 */
export class IdentityBackfill1796030000000 implements MigrationInterface {
  name = 'IdentityBackfill1796030000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const cases: LegacyCase[] = await queryRunner.query(
        `SELECT id, origin, verified_at, verification_method, subject_email, subject_phone, subject_customer_number, subject_name
           FROM cases c WHERE c.id > $1 AND NOT EXISTS (SELECT 1 FROM case_identifiers x WHERE x.case_id = c.id)
          ORDER BY c.id LIMIT ${BATCH}`,
        [after],
      );
      if (!cases.length) return;
      for (const entity of cases) await this.backfill(queryRunner, entity);
      after = cases[cases.length - 1].id;
    }
  }

  public async down(): Promise<void> {
    // From here on the identifiers are the cases' record; the subject columns are untouched.
  }

  private async backfill(queryRunner: QueryRunner, entity: LegacyCase): Promise<void> {
    const given = identifiersOfSubject({
      email: entity.subject_email,
      phone: entity.subject_phone,
      customerNumber: entity.subject_customer_number,
      name: entity.subject_name,
    });
    for (const identifier of given) {
      const normal = normalise(identifier);
      if (!normal) continue;
      const how = establishment(entity, identifier.kind, normal.searchable);
      await queryRunner.query(
        `INSERT INTO case_identifiers (case_id, kind, value, given, searchable, system_id, basis, method, established_by, established_at)
         VALUES ($1, $2, $3, $4, $5, '', $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [entity.id, identifier.kind, normal.value, identifier.given.trim(), normal.searchable, how.basis, how.method, how.by, how.at],
      );
    }
  }
}

function establishment(entity: LegacyCase, kind: string, searchable: boolean) {
  const none = { basis: 'claimed', method: null, by: null, at: null };
  if (!entity.verified_at || !searchable) return none;
  if (entity.origin === 'intake') {
    return kind === 'email' ? { basis: 'proven', method: 'link sent to this address', by: 'requester', at: entity.verified_at } : none;
  }
  return { basis: 'staff_confirmed', method: entity.verification_method ?? 'verified by staff', by: 'system', at: entity.verified_at };
}
