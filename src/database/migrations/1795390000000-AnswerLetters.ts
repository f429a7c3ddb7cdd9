import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Final letters kept with the case (also those sent by post), a draft per letter kind (so a
 * refusal can be reviewed while the answer draft is kept), and restriction liftings (Art 18(3)).
 */
export class AnswerLetters1795390000000 implements MigrationInterface {
  name = 'AnswerLetters1795390000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_answer_letters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "delivery" character varying(10) NOT NULL, "subject" character varying(300) NOT NULL, "text_body" text NOT NULL, "html_body" text NOT NULL, "outbound_email_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_answer_letters_pk" PRIMARY KEY ("id"), CONSTRAINT "case_answer_letters_delivery_chk" CHECK ("delivery" IN ('email', 'post')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "case_answer_letters_case_kind_uq" ON "case_answer_letters" ("case_id", "kind")`);
    await queryRunner.query(
      `ALTER TABLE "case_answer_letters" ADD CONSTRAINT "case_answer_letters_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(`ALTER TABLE "case_letter_drafts" DROP CONSTRAINT "case_letter_drafts_pk"`);
    await queryRunner.query(`ALTER TABLE "case_letter_drafts" ADD CONSTRAINT "case_letter_drafts_pk" PRIMARY KEY ("case_id", "kind")`);
    await queryRunner.query(
      `CREATE TABLE "restriction_liftings" ("case_id" uuid NOT NULL, "reason" text NOT NULL, "lift_on" date NOT NULL, "decided_by" character varying(80) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notice_letter_id" uuid NOT NULL, "lifted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "restriction_liftings_pk" PRIMARY KEY ("case_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "restriction_liftings" ADD CONSTRAINT "restriction_liftings_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "restriction_liftings" ADD CONSTRAINT "restriction_liftings_notice_fk" FOREIGN KEY ("notice_letter_id") REFERENCES "case_answer_letters"("id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "restriction_liftings"`);
    await queryRunner.query(`DELETE FROM "case_letter_drafts" a USING "case_letter_drafts" b WHERE a.case_id = b.case_id AND a.edited_at < b.edited_at`);
    await queryRunner.query(`ALTER TABLE "case_letter_drafts" DROP CONSTRAINT "case_letter_drafts_pk"`);
    await queryRunner.query(`ALTER TABLE "case_letter_drafts" ADD CONSTRAINT "case_letter_drafts_pk" PRIMARY KEY ("case_id")`);
    await queryRunner.query(`DROP TABLE "case_answer_letters"`);
  }
}
