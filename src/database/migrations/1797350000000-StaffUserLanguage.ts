import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each staff member's own language (nb or en): the staff pages open in it after sign-in and every
 * e-mail to them (deadline alerts, task e-mails, digests, account notices) is written in it.
 * Existing accounts get Norwegian, the company's language.
 */
export class StaffUserLanguage1797350000000 implements MigrationInterface {
  name = 'StaffUserLanguage1797350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "staff_users" ADD "language" varchar(2) NOT NULL DEFAULT 'nb' CONSTRAINT "staff_users_language_ck" CHECK ("language" IN ('nb', 'en'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_users" DROP COLUMN "language"`);
  }
}
