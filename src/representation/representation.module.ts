import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit/audit.module';
import { CaseRepresentationReader } from '../cases/case-representation-reader';
import { CasesModule } from '../cases/cases.module';
import { ExtensionNoticeRouter } from '../cases/extension-notice-route';
import { requesterAddress } from './answer-address';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IdentityModule } from '../identity/identity.module';
import { CaseRepresentationEntity } from './case-representation.entity';
import { representationJson } from './representation-json';
import { RepresentationController } from './representation.controller';
import { RepresentationService } from './representation.service';

/** Requests on someone else's behalf (a parent, a lawyer with a power of attorney). */
@Module({
  imports: [TypeOrmModule.forFeature([CaseRepresentationEntity]), AuditModule, CasesModule, DeadlinesModule, IdentityModule],
  controllers: [RepresentationController],
  providers: [RepresentationService],
  exports: [RepresentationService],
})
export class RepresentationModule implements OnModuleInit {
  constructor(
    private readonly reader: CaseRepresentationReader,
    private readonly extensionNotices: ExtensionNoticeRouter,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The case JSON gets its `representation` section from here (the cases module does not know this table). */
  onModuleInit(): void {
    this.reader.useReader((caseId) => representationJson(this.dataSource.manager, caseId));
    // Whoever made the request gets the extension notice: by e-mail when there is an address.
    this.extensionNotices.useResolver(async (manager, entity) => ((await requesterAddress(manager, entity)) ? 'email' : 'post'));
  }
}
