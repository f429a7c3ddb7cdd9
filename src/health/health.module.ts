import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { RedisHealthIndicator } from './redis-health.indicator';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DeadlinesModule],
  controllers: [HealthController, MetricsController],
  providers: [RedisHealthIndicator],
})
export class HealthModule {}
