import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IdentityModule } from '../identity/identity.module';
import { CaseRepresentationEntity } from './case-representation.entity';
import { RepresentationController } from './representation.controller';
import { RepresentationService } from './representation.service';

/** Requests on someone else's behalf (a parent, a lawyer with a power of attorney). */
@Module({
  imports: [TypeOrmModule.forFeature([CaseRepresentationEntity]), AuditModule, CasesModule, DeadlinesModule, IdentityModule],
  controllers: [RepresentationController],
  providers: [RepresentationService],
  exports: [RepresentationService],
})
export class RepresentationModule {}
