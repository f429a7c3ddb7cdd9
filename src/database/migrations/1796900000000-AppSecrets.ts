import { MigrationInterface, QueryRunner } from 'typeorm';

/** Secrets generated once at first start when the environment gives none (APP_SECRET), so a
 *  restart keeps e-mailed links and sealed data working. One row per name; never updated. */
export class AppSecrets1796900000000 implements MigrationInterface {
  name = 'AppSecrets1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "app_secrets" (
      "name" character varying(40) NOT NULL,
      "value" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_app_secrets" PRIMARY KEY ("name"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "app_secrets"`);
  }
}
