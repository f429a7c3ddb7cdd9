import { Module } from '@nestjs/common';
import { DeadlineMetrics } from './deadline-metrics';
import { DeadlineService } from './deadline.service';

/** The deadline calendar (policy and DeadlineService) on its own, below cases: cases imports this,
 *  not DeadlinesModule, whose alerts listen to cases. */
@Module({
  providers: [DeadlineService, DeadlineMetrics],
  exports: [DeadlineService],
})
export class DeadlineCalendarModule {}
