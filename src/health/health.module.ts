import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DeadlineCalendarModule } from '../deadlines/deadline-calendar.module';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { RedisHealthIndicator } from './redis-health.indicator';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DeadlineCalendarModule],
  controllers: [HealthController, MetricsController],
  providers: [RedisHealthIndicator],
})
export class HealthModule {}
