import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time code e-mailed to the verified address; only its HMAC is stored. */
@Entity('answer_download_codes')
export class DownloadCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('answer_download_codes_package_idx')
  @Column({ name: 'package_id', type: 'uuid' })
  packageId: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
