import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity model: each identifier of the case's subject with how it was established, the
 * records the connectors found (matched, candidate, confirmed, rejected), the search per system,
 * and approvals of exact record sets. All of it goes with its case.
 */
export class CaseIdentity1796000000000 implements MigrationInterface {
  name = 'CaseIdentity1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_identifiers" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "kind" character varying(20) NOT NULL,
      "value" text NOT NULL,
      "given" text NOT NULL,
      "searchable" boolean NOT NULL DEFAULT true,
      "system_id" character varying(40) NOT NULL DEFAULT '',
      "basis" character varying(20) NOT NULL,
      "method" text,
      "reason" text,
      "established_by" character varying(64),
      "established_at" TIMESTAMP WITH TIME ZONE,
      "source" jsonb,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_case_identifiers" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_identifiers_case_idx" ON "case_identifiers" ("case_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "case_identifiers_case_kind_value_uq" ON "case_identifiers" ("case_id", "kind", "value", "system_id") `);

    await queryRunner.query(`CREATE TABLE "case_record_matches" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "system_id" character varying(40) NOT NULL,
      "external_id" character varying(200) NOT NULL,
      "record_kind" character varying(40) NOT NULL,
      "label" text,
      "status" character varying(20) NOT NULL,
      "found_by" jsonb NOT NULL,
      "evidence" jsonb NOT NULL,
      "contacts" jsonb NOT NULL,
      "decided_by" character varying(64),
      "decided_at" TIMESTAMP WITH TIME ZONE,
      "decision_reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_case_record_matches" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_record_matches_case_idx" ON "case_record_matches" ("case_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "case_record_matches_case_system_record_uq" ON "case_record_matches" ("case_id", "system_id", "external_id") `,
    );

    await queryRunner.query(`CREATE TABLE "case_record_discoveries" (
      "case_id" uuid NOT NULL,
      "system_id" character varying(40) NOT NULL,
      "status" character varying(20) NOT NULL,
      "round" integer NOT NULL DEFAULT 1,
      "error" text,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_case_record_discoveries" PRIMARY KEY ("case_id", "system_id"))`);

    await queryRunner.query(`CREATE TABLE "case_record_approvals" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "fingerprint" character varying(64) NOT NULL,
      "records" jsonb NOT NULL,
      "approved_by" character varying(64) NOT NULL,
      "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_case_record_approvals" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_record_approvals_case_idx" ON "case_record_approvals" ("case_id") `);

    for (const table of ['case_identifiers', 'case_record_matches', 'case_record_discoveries', 'case_record_approvals']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['case_record_approvals', 'case_record_discoveries', 'case_record_matches', 'case_identifiers']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
