import { durationInWords } from './duration-words';

describe('durationInWords', () => {
  it.each([
    ['P10Y', 'nb', '10 år'],
    ['P1Y6M', 'nb', '1 år og 6 måneder'],
    ['P1M', 'en', '1 month'],
    ['P7D', 'en', '7 days'],
    ['P2W', 'nb', '2 uker'],
    ['P1Y2M3D', 'en', '1 year, 2 months and 3 days'],
    ['forever', 'en', 'forever'],
  ] as const)('%s in %s is "%s"', (iso, language, words) => {
    expect(durationInWords(iso, language)).toBe(words);
  });
});
