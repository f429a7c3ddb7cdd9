import { CasesModule } from '../cases/cases.module';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AlertSchedulerService } from './alerts/alert-scheduler.service';
import { CaseAlertEntity } from './alerts/case-alert.entity';
import { DeadlineAlertService } from './alerts/deadline-alert.service';
import { ReconciliationService } from './alerts/reconciliation.service';
import { DeadlineCalendarModule } from './deadline-calendar.module';
import { DeadlinesController } from './deadlines.controller';

@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([CaseAlertEntity]), AuditModule, NotificationsModule, DeadlineCalendarModule, CasesModule],
  controllers: [DeadlinesController],
  providers: [AlertSchedulerService, DeadlineAlertService, ReconciliationService],
  exports: [DeadlineCalendarModule, AlertSchedulerService, DeadlineAlertService, ReconciliationService],
})
export class DeadlinesModule {}
