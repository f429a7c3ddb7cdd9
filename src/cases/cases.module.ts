import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { CaseEntity } from './case.entity';
import { CaseQueryService } from './case-query.service';
import { CaseRecordsReader } from './case-records-reader';
import { CaseTasksReader } from './case-tasks-reader';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [TypeOrmModule.forFeature([CaseEntity]), AuditModule, DeadlinesModule],
  controllers: [CasesController],
  providers: [CasesService, CaseQueryService, CaseTasksReader, CaseRecordsReader],
  exports: [CasesService, CaseQueryService, CaseTasksReader, CaseRecordsReader],
})
export class CasesModule {}
