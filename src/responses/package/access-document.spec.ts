import { inflateSync } from 'node:zlib';
import { RIGHTS } from '../copy/rights-copy';
import type { AccessDocument } from './access-document';
import { renderDocumentHtml, renderDocumentPdf } from './document-render';
import { pdfFonts } from './pdf-fonts';

const base = (language: 'nb' | 'en'): AccessDocument => ({
  language,
  reference: 'DSR-2026-000321',
  controller: { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no' },
  generatedOn: '2026-03-20',
  holdsData: false,
  processings: [],
  systems: [],
  searchedEmpty: ['Zendesk Support', 'Visma Business'],
});

/** The text PDFKit can map back to Unicode: the ToUnicode CMaps of the embedded fonts, inflated. */
function unicodeMapped(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const maps: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      maps.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a deflated stream (e.g. the font program itself): nothing to read.
    }
  }
  return maps
    .filter((text) => text.includes('beginbfchar') || text.includes('beginbfrange'))
    .join('\n')
    .toLowerCase();
}

describe('the readable access document', () => {
  it.each([
    ['nb', 'Vi har ingen opplysninger om deg. Vi har søkt i alle systemene våre som inneholder personopplysninger.', 'Søkt uten treff'],
    ['en', 'We hold no data about you. We searched every system of ours that holds personal data.', 'Searched, nothing found'],
  ] as const)('says in %s that we hold no data, which systems were searched, and carries the full rights text', (language, none, searched) => {
    const html = renderDocumentHtml(base(language));
    expect(html).toContain(none);
    expect(html).toContain(`<h2>${searched}</h2>`);
    expect(html).toContain('Zendesk Support, Visma Business');
    const rights = RIGHTS[language];
    for (const line of [rights.heading, ...rights.rights, rights.complaint, rights.court])
      expect(html).toContain(line.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
  });

  it('keeps non-Latin-1 names (Sámi Č Đ Ŋ Š Ŧ Ž) in the PDF by embedding a Unicode font', async () => {
    // .ci/run installs fonts-dejavu-core when it is missing; without a Unicode font this cannot hold.
    expect(pdfFonts().unicode).toBe(true);
    const document: AccessDocument = {
      ...base('nb'),
      holdsData: true,
      searchedEmpty: [],
      systems: [{ systemId: 'crm', name: 'Kunderegister', recordCount: 1, data: { name: 'Čađđi Đuđđa Ŋuolla Šáŧŧa Žiidna Ŧeahkki' }, tables: {} }],
    };
    const pdf = await renderDocumentPdf(document, new Date('2026-03-20T10:00:00Z'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const mapped = unicodeMapped(pdf);
    for (const char of 'ČĐŊŠŦŽ') expect(mapped).toContain(`<${char.codePointAt(0)!.toString(16).padStart(4, '0')}>`);
  });
});
