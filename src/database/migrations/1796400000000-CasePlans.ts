import { MigrationInterface, QueryRunner } from 'typeorm';

/** Discover, review, execute (docs/plans.md): per case and system the survey of what an erasure,
 *  restriction or rectification would touch, and one row per record with the proposed and the
 *  decided action. Labels are short and go with the case. */
export class CasePlans1796400000000 implements MigrationInterface {
  name = 'CasePlans1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_plan_surveys" (
      "case_id" uuid NOT NULL,
      "system_id" character varying(40) NOT NULL,
      "status" character varying(10) NOT NULL,
      "round" integer NOT NULL DEFAULT 1,
      "surveyed_at" TIMESTAMP WITH TIME ZONE,
      "changed" boolean NOT NULL DEFAULT false,
      "error" text,
      CONSTRAINT "PK_case_plan_surveys" PRIMARY KEY ("case_id", "system_id"))`);
    await queryRunner.query(
      `ALTER TABLE "case_plan_surveys" ADD CONSTRAINT "case_plan_surveys_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(`CREATE TABLE "case_plan_items" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "system_id" character varying(40) NOT NULL,
      "ref" character varying(120) NOT NULL,
      "record_type" character varying(40) NOT NULL,
      "label" character varying(300) NOT NULL,
      "record_date" date,
      "parent" character varying(120),
      "proposed" character varying(10) NOT NULL,
      "proposed_keep" jsonb,
      "note" text,
      "fields" jsonb,
      "action" character varying(10) NOT NULL,
      "keep" jsonb,
      "decided_fields" jsonb,
      "change" character varying(10),
      "gone" boolean NOT NULL DEFAULT false,
      "decided_by" character varying(80),
      "decided_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_case_plan_items" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "case_plan_items_uq" ON "case_plan_items" ("case_id", "system_id", "ref")`);
    await queryRunner.query(
      `ALTER TABLE "case_plan_items" ADD CONSTRAINT "case_plan_items_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_plan_items"`);
    await queryRunner.query(`DROP TABLE "case_plan_surveys"`);
  }
}
