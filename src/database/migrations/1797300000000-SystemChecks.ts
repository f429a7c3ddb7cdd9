import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the worker found when it looked up each system's configured names at start (one row per
 *  system, replaced at every start): a wrong name stops that system's tasks with the message. */
export class SystemChecks1797300000000 implements MigrationInterface {
  name = 'SystemChecks1797300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "system_checks" (
      "system_id" character varying(100) NOT NULL,
      "status" character varying(20) NOT NULL,
      "message" text,
      "connection_hash" character varying(64) NOT NULL,
      "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_system_checks" PRIMARY KEY ("system_id"),
      CONSTRAINT "CHK_system_checks_status" CHECK ("status" IN ('ok', 'stopped', 'unreachable')))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "system_checks"`);
  }
}
