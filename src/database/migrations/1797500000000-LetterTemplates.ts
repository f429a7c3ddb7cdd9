import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The company's own words in the answer letters, per letter kind and language: a greeting, a
 * closing and free paragraphs before and after the statutory body. A missing row (or a null
 * greeting or closing) means the engine's default words; the statutory body is never stored here.
 */
export class LetterTemplates1797500000000 implements MigrationInterface {
  name = 'LetterTemplates1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "letter_templates" (
         "kind" varchar(30) NOT NULL,
         "language" varchar(2) NOT NULL,
         "greeting" varchar(100),
         "closing" varchar(100),
         "before" jsonb NOT NULL DEFAULT '[]',
         "after" jsonb NOT NULL DEFAULT '[]',
         "updated_by" varchar(80) NOT NULL,
         "updated_at" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "letter_templates_pk" PRIMARY KEY ("kind", "language"),
         CONSTRAINT "letter_templates_language" CHECK ("language" IN ('nb', 'en')))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "letter_templates"`);
  }
}
