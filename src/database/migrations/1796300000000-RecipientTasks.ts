import { MigrationInterface, QueryRunner } from 'typeorm';

/** Art 19 recipients without an e-mail contact, to be told by other means (or waived, with the
 *  reason) before the case completes. Company names and staff notes, gone with the case. */
export class RecipientTasks1796300000000 implements MigrationInterface {
  name = 'RecipientTasks1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_recipient_tasks" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "system_id" character varying(40) NOT NULL,
      "recipient" character varying(200) NOT NULL,
      "status" character varying(10) NOT NULL DEFAULT 'open',
      "note" text,
      "settled_by" character varying(80),
      "settled_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_case_recipient_tasks" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "case_recipient_tasks_uq" ON "case_recipient_tasks" ("case_id", "system_id", "recipient") `);
    await queryRunner.query(
      `ALTER TABLE "case_recipient_tasks" ADD CONSTRAINT "case_recipient_tasks_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_recipient_tasks"`);
  }
}
