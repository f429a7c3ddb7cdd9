import type { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

const logger = new Logger('Worker');

/**
 * Gives every BullMQ worker an 'error' listener. BullMQ emits 'error' for failures outside a
 * job's own run (e.g. finishing a job whose keys Redis lost); an EventEmitter with no listener
 * turns that into a thrown ERR_UNHANDLED_ERROR. The job itself is retried or rebuilt by
 * reconciliation from PostgreSQL, so logging it (message only, no job data) is enough.
 */
export function logWorkerErrors(processors: WorkerHost[]): void {
  for (const processor of processors) {
    processor.worker.on('error', (error: Error) => logger.warn(`${processor.worker.name}: ${error.message}`));
  }
}
