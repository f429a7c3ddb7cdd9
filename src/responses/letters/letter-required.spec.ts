import { RIGHTS } from '../copy/rights-copy';
import { assertRequiredKept, missingRequired } from './letter-required';

const assembled = ['Hei,', 'Last ned svaret: https://dsr.example/status/abc', RIGHTS.nb.complaint, RIGHTS.nb.court].join('\n\n');

describe('what an edited letter must keep', () => {
  it('accepts an edit that keeps the remedies and the links, whatever else changed', () => {
    expect(
      missingRequired(assembled, `Hei Kari,\n\nSvaret ligger her: https://dsr.example/status/abc\n\n${RIGHTS.nb.complaint}\n${RIGHTS.nb.court}`, 'nb'),
    ).toEqual([]);
  });

  it('names the complaint to Datatilsynet, the courts and the status link when an edit drops them', () => {
    expect(missingRequired(assembled, 'Hei,\n\nVi har svart.', 'nb')).toEqual([RIGHTS.nb.complaint, RIGHTS.nb.court, 'https://dsr.example/status/abc']);
    expect(() => assertRequiredKept(assembled, 'Hei', 'nb')).toThrow(/must keep, word for word: "Klage til Datatilsynet/);
  });
});
