import { RepeatRequestsReader } from './repeat-requests';
import { DuplicateCasesReader } from './duplicate-cases';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DeadlineCalendarModule } from '../deadlines/deadline-calendar.module';
import { IdentityModule } from '../identity/identity.module';
import { CaseEntity } from './case.entity';
import { CaseQueryService } from './case-query.service';
import { CaseRecordsReader } from './case-records-reader';
import { CaseRepresentationReader } from './case-representation-reader';
import { ExtensionNoticeRouter } from './extension-notice-route';
import { CaseTasksReader } from './case-tasks-reader';
import { CasesController } from './cases.controller';
import { CaseIdentifiersService } from './case-identifiers.service';
import { CasesService } from './cases.service';
import { CasesReader } from './cases-reader';

@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([CaseEntity]), AuditModule, DeadlineCalendarModule, IdentityModule],
  controllers: [CasesController],
  providers: [
    CaseIdentifiersService,
    CasesService,
    CasesReader,
    CaseQueryService,
    CaseTasksReader,
    CaseRecordsReader,
    CaseRepresentationReader,
    ExtensionNoticeRouter,
    RepeatRequestsReader,
    DuplicateCasesReader,
  ],
  exports: [
    CaseIdentifiersService,
    CasesService,
    CasesReader,
    CaseQueryService,
    CaseTasksReader,
    CaseRecordsReader,
    CaseRepresentationReader,
    ExtensionNoticeRouter,
    RepeatRequestsReader,
    DuplicateCasesReader,
  ],
})
export class CasesModule {}
