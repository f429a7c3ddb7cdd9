import { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional job outbox (src/queues/job-outbox/): jobs committed with the change that
 *  needs them, moved to BullMQ by the worker's relay. A statement trigger wakes the relay on commit
 *  (NOTIFY is delivered only when the inserting transaction commits, so it never announces a row
 *  that could still roll back). */
export class JobOutbox1797600000000 implements MigrationInterface {
  name = 'JobOutbox1797600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "job_outbox" (
      "id" BIGSERIAL NOT NULL,
      "name" character varying(60) NOT NULL,
      "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "opts" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "run_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_job_outbox" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE FUNCTION job_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('job_outbox', ''); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE TRIGGER job_outbox_notify AFTER INSERT ON "job_outbox" FOR EACH STATEMENT EXECUTE FUNCTION job_outbox_notify()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER job_outbox_notify ON "job_outbox"`);
    await queryRunner.query(`DROP FUNCTION job_outbox_notify()`);
    await queryRunner.query(`DROP TABLE "job_outbox"`);
  }
}
