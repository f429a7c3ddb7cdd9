import { MigrationInterface, QueryRunner } from 'typeorm';

/** A lifting decided but not yet carried out can be called off in its notice period (Art 18(3)). */
export class RestrictionLiftNoticePeriod1796050000000 implements MigrationInterface {
  name = 'RestrictionLiftNoticePeriod1796050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "restriction_liftings" ADD COLUMN IF NOT EXISTS "cancelled_at" timestamptz, ADD COLUMN IF NOT EXISTS "cancelled_by" varchar(80), ADD COLUMN IF NOT EXISTS "cancel_reason" text`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "restriction_liftings" DROP COLUMN "cancelled_at", DROP COLUMN "cancelled_by", DROP COLUMN "cancel_reason"`);
  }
}
