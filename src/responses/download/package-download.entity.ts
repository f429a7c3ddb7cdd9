import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every download of an answer package (Art 5(2) accountability): when, with which code. */
@Entity('answer_downloads')
export class PackageDownloadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('answer_downloads_package_idx')
  @Column({ name: 'package_id', type: 'uuid' })
  packageId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'code_id', type: 'uuid' })
  codeId: string;

  @Column({ name: 'downloaded_at', type: 'timestamptz' })
  downloadedAt: Date;
}
