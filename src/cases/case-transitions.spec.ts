import { CaseEntity } from './case.entity';
import { approve, decideObjection, requestInformation } from './case-transitions';

const at = new Date('2026-03-05T09:00:00Z');
const openCase = (changes: Partial<CaseEntity> = {}) =>
  Object.assign(new CaseEntity(), { status: 'in_progress', pausedAt: null, pauseReason: null, pausedDays: 0, ...changes });

describe('requestInformation', () => {
  it('pauses the clock when the policy allows and it runs', () => {
    const entity = openCase();
    expect(requestInformation(entity, 'Which account?', at, true)).toEqual({
      type: 'case.paused',
      data: { reason: 'Which account?', informationRequested: true },
      deadlinesChanged: true,
    });
    expect(entity.pausedAt).toEqual(at);
    expect(entity.pauseReason).toBe('Which account?');
  });

  it('only records the request when the policy forbids a pause, or the clock already stands', () => {
    const running = openCase();
    expect(requestInformation(running, 'Which account?', at, false)).toEqual({
      type: 'case.information_requested',
      data: { reason: 'Which account?', requestedAt: at.toISOString(), clockPaused: false },
    });
    expect(running.pausedAt).toBeNull();

    const earlier = new Date('2026-03-01T09:00:00Z');
    const paused = openCase({ pausedAt: earlier, pauseReason: 'First question' });
    expect(requestInformation(paused, 'And the order number?', at, true).data).toEqual({
      reason: 'And the order number?',
      requestedAt: at.toISOString(),
      clockPaused: true,
    });
    expect(paused.pausedAt).toEqual(earlier);
    expect(paused.pauseReason).toBe('First question');
  });

  it('refuses on a closed case with a refusal code', () => {
    expect(() => requestInformation(openCase({ status: 'completed' }), 'Which account?', at, true)).toThrow(
      expect.objectContaining({ code: 'conflict', refusal: { code: 'case_closed', params: { status: 'completed' } } }),
    );
  });
});

describe('approve', () => {
  const known = { searching: false, undecided: false, approvalCurrent: false };
  const refusal = (code: string) => expect.objectContaining({ code: 'conflict', refusal: expect.objectContaining({ code }) });

  it('waits until the records are known and every possible match is decided', () => {
    expect(() => approve(openCase(), at, { ...known, searching: true })).toThrow(refusal('records_searching'));
    expect(() => approve(openCase(), at, { ...known, undecided: true })).toThrow(refusal('matches_undecided'));
    expect(approve(openCase(), at, known).type).toBe('case.approved');
  });

  it('refuses a second approval of the same records, and asks again when they changed', () => {
    const earlier = new Date('2026-03-01T09:00:00Z');
    expect(() => approve(openCase({ approvedAt: earlier }), at, { ...known, approvalCurrent: true })).toThrow(refusal('already_approved'));
    const changed = openCase({ approvedAt: earlier });
    expect(approve(changed, at, known).type).toBe('case.approved');
    expect(changed.approvedAt).toEqual(at);
  });
});

describe('decideObjection', () => {
  const objection = (details: Record<string, unknown>, status = 'in_progress') => openCase({ type: 'objection', details, status } as Partial<CaseEntity>);

  it('is the state machine’s event for a legitimate-interest objection in progress', () => {
    expect(decideObjection(objection({}), 'stop', 'No overriding grounds')).toEqual({
      type: 'case.objection_decided',
      data: { decision: 'stop', grounds: 'No overriding grounds' },
    });
  });

  it('refuses direct marketing and a case not in progress', () => {
    expect(() => decideObjection(objection({ processing: 'direct_marketing' }), 'stop', 'x')).toThrow(/direct marketing stops without one/);
    expect(() => decideObjection(objection({}, 'awaiting_review'), 'stop', 'x')).toThrow(/Cannot decide while the case is awaiting review/);
  });
});
