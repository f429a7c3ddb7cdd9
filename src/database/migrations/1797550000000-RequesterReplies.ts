import { MigrationInterface, QueryRunner } from 'typeorm';

/** Replies by e-mail (src/replies/): the reply address each outgoing requester e-mail carries, a
 *  random per-case token for that address, the replies and their sealed attachments, and a receipt
 *  per mailbox message read, so a message read again is never attached twice. */
export class RequesterReplies1797550000000 implements MigrationInterface {
  name = 'RequesterReplies1797550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbound_emails" ADD "reply_to" character varying(320)`);
    await queryRunner.query(`CREATE TABLE "case_reply_tokens" (
      "case_id" uuid NOT NULL,
      "token" character varying(64) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_case_reply_tokens" PRIMARY KEY ("case_id"),
      CONSTRAINT "case_reply_tokens_token_uq" UNIQUE ("token"),
      CONSTRAINT "case_reply_tokens_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE TABLE "case_replies" (
      "id" uuid NOT NULL,
      "case_id" uuid NOT NULL,
      "message_id" character varying(300),
      "from_address" character varying(320) NOT NULL,
      "subject" character varying(300) NOT NULL,
      "text_body" text NOT NULL,
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "sender_known" boolean NOT NULL,
      "resumed_clock" boolean NOT NULL DEFAULT false,
      "attachments" jsonb NOT NULL DEFAULT '[]',
      CONSTRAINT "PK_case_replies" PRIMARY KEY ("id"),
      CONSTRAINT "case_replies_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "case_replies_case_idx" ON "case_replies" ("case_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "case_replies_message_uq" ON "case_replies" ("case_id", "message_id") WHERE "message_id" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "case_reply_files" (
      "id" uuid NOT NULL,
      "case_id" uuid NOT NULL,
      "reply_id" uuid NOT NULL,
      "name" character varying(200) NOT NULL,
      "content_type" character varying(100) NOT NULL,
      "size_bytes" integer NOT NULL,
      "ciphertext" bytea NOT NULL,
      "iv" bytea NOT NULL,
      "auth_tag" bytea NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_case_reply_files" PRIMARY KEY ("id"),
      CONSTRAINT "case_reply_files_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE,
      CONSTRAINT "case_reply_files_reply_fk" FOREIGN KEY ("reply_id") REFERENCES "case_replies"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "case_reply_files_case_idx" ON "case_reply_files" ("case_id")`);
    await queryRunner.query(`CREATE TABLE "inbound_mail_receipts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "mailbox" character varying(200) NOT NULL,
      "uid_validity" bigint NOT NULL,
      "uid" bigint NOT NULL,
      "message_id" character varying(300),
      "outcome" character varying(20) NOT NULL,
      "reply_id" uuid,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_inbound_mail_receipts" PRIMARY KEY ("id"),
      CONSTRAINT "inbound_mail_receipts_uid_uq" UNIQUE ("mailbox", "uid_validity", "uid"),
      CONSTRAINT "inbound_mail_receipts_reply_fk" FOREIGN KEY ("reply_id") REFERENCES "case_replies"("id") ON DELETE SET NULL)`);
    await queryRunner.query(`CREATE INDEX "inbound_mail_receipts_message_idx" ON "inbound_mail_receipts" ("message_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "inbound_mail_receipts"`);
    await queryRunner.query(`DROP TABLE "case_reply_files"`);
    await queryRunner.query(`DROP TABLE "case_replies"`);
    await queryRunner.query(`DROP TABLE "case_reply_tokens"`);
    await queryRunner.query(`ALTER TABLE "outbound_emails" DROP COLUMN "reply_to"`);
  }
}
