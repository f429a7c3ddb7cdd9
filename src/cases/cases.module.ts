import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { CaseEntity } from './case.entity';
import { CaseQueryService } from './case-query.service';
import { CaseTasksReader } from './case-tasks-reader';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [TypeOrmModule.forFeature([CaseEntity]), AuditModule, DeadlinesModule],
  controllers: [CasesController],
  providers: [CasesService, CaseQueryService, CaseTasksReader],
  exports: [CasesService, CaseQueryService, CaseTasksReader],
})
export class CasesModule {}
