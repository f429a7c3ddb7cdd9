import { PROCESSORS } from '../../src/worker/worker.module';
import type { WorkerHost } from '@nestjs/bullmq';
import { startTestApp, type TestApp } from '../support/test-app';

/** A BullMQ worker error outside a job's run (Redis lost a job's keys while it finished) must
 *  be logged, not thrown as ERR_UNHANDLED_ERROR by an EventEmitter that nobody listens to. */
describe('worker error events', () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ role: 'worker' });
  });
  afterAll(() => stack?.close());

  it('every worker listens for errors, so an error event does not throw', () => {
    for (const processor of PROCESSORS) {
      const { worker } = stack.context.get<WorkerHost>(processor, { strict: false });
      expect(worker.listenerCount('error')).toBeGreaterThan(0);
      expect(() => worker.emit('error', new Error('Missing key for job send-x. moveToFinished'))).not.toThrow();
    }
  });
});
