import { jobRequest } from '../job-queue';
import { JobName, jobIds } from '../queue-catalogue';
import { stageSql, stagedColumns } from './job-outbox';

describe('staged jobs', () => {
  const now = new Date('2026-03-05T10:00:00.000Z');

  it('turns a delay into a due time, so a job relayed late still runs when it was meant to', () => {
    const columns = stagedColumns(
      [
        jobRequest(JobName.VerificationExpiry, { caseId: 'c1' }, { jobId: jobIds.verificationExpiry('c1'), delay: 60_000 }),
        jobRequest(JobName.RenderEmail, { kind: 'requester-verification', dedupeKey: 'verify-c1', caseId: 'c1' }, { jobId: 'render-verify-c1' }),
      ],
      now,
    );
    expect(columns.names).toEqual(['verification-expiry', 'render-email']);
    expect(columns.runAt).toEqual(['2026-03-05T10:01:00.000Z', null]);
    expect(columns.opts.map((opts) => JSON.parse(opts))).toEqual([{ jobId: 'verify-expire-c1' }, { jobId: 'render-verify-c1' }]);
    expect(JSON.parse(columns.data[1])).toEqual({ kind: 'requester-verification', dedupeKey: 'verify-c1', caseId: 'c1' });
  });

  it('numbers its parameters from where the embedding statement says, and stages nothing without its row source', () => {
    expect(stageSql(27, 'registered')).toMatch(/FROM registered, unnest\(\$27::varchar\[\], \$28::jsonb\[\], \$29::jsonb\[\], \$30::timestamptz\[\]\)/);
    expect(stageSql(1)).toMatch(/FROM unnest\(\$1::varchar\[\]/);
  });
});
