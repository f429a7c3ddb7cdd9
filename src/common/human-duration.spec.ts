import { humanDuration } from './human-duration';

describe('humanDuration', () => {
  it.each([
    ['P7D', '7 dager', '7 days'],
    ['P1D', '1 dag', '1 day'],
    ['P4M', '4 måneder', '4 months'],
    ['P1M', '1 måned', '1 month'],
    ['P60D', '60 dager', '60 days'],
    ['PT24H', '24 timer', '24 hours'],
    ['P5Y', '5 år', '5 years'],
    ['P1Y', '1 år', '1 year'],
    ['P2W', '2 uker', '2 weeks'],
    ['P3Y6M', '3 år og 6 måneder', '3 years and 6 months'],
    ['P1Y2M3D', '1 år, 2 måneder og 3 dager', '1 year, 2 months and 3 days'],
    ['PT1H30M', '1 time og 30 minutter', '1 hour and 30 minutes'],
  ])('%s reads "%s" in Norwegian and "%s" in English', (iso, nb, en) => {
    expect(humanDuration(iso, 'nb')).toBe(nb);
    expect(humanDuration(iso, 'en')).toBe(en);
  });

  it('leaves a text that is no duration as it is', () => {
    expect(humanDuration('seven days', 'nb')).toBe('seven days');
    expect(humanDuration('P0D', 'en')).toBe('P0D');
  });
});
