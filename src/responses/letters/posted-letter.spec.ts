import { pdfPages } from '../../../test/support/pdf-pages';
import { RIGHTS } from '../copy/rights-copy';
import { addressLines, postalBlocks, postedLetter, type PostedLetterInput } from './posted-letter';
import { renderPostedLetterPdf } from './posted-letter-pdf';

const ONLINE = 'https://dsr.eksempel.no';

const input = (text: string, language: 'nb' | 'en' = 'nb'): PostedLetterInput => ({
  language,
  reference: 'DSR-2026-000321',
  day: '2026-12-05',
  controller: {
    name: 'Eksempel Deler AS',
    orgNumber: '912 345 678',
    address: 'Industriveien 1, 0581 Oslo',
    email: 'personvern@eksempel.no',
    phone: '+47 22 00 00 00',
  },
  recipientName: 'Áilu Čuđe Ŋŧ',
  postalAddress: 'Storgata 1\n0155 Oslo',
  subject: 'Svar på innsynsforespørselen din DSR-2026-000321',
  text,
  onlineOnly: ONLINE,
});

const LETTER = [
  'Hei,',
  'Vi har gått gjennom forespørselen din.',
  `Svaret følger med dette brevet.\nDu kan også følge saken på ${ONLINE}/status/abc123`,
  'Systemene vi søkte i:\n- Zendesk Support: 3 oppføringer\n- Visma Business: ingen opplysninger',
  `${RIGHTS.nb.heading}\n${[...RIGHTS.nb.rights, RIGHTS.nb.complaint, RIGHTS.nb.court].map((line) => `- ${line}`).join('\n')}`,
].join('\n\n');

describe('the letter for posting', () => {
  it('leaves out lines that only work online, keeps every other line and list item', () => {
    const blocks = postalBlocks(LETTER, ONLINE);
    expect(JSON.stringify(blocks)).not.toContain(ONLINE);
    expect(blocks[2]).toEqual({ text: 'Svaret følger med dette brevet.' });
    expect(blocks[3].items).toEqual(['Zendesk Support: 3 oppføringer', 'Visma Business: ingen opplysninger']);
    // Datatilsynet's public website is an address like any other: the complaint line stays whole.
    expect(blocks[4].items).toContain(RIGHTS.nb.complaint);
    expect(postalBlocks(`Følg saken:\n${ONLINE}/status/x`, ONLINE)).toEqual([{ text: 'Følg saken:' }]);
    expect(postalBlocks(`${ONLINE}/status/x`, ONLINE)).toEqual([]);
  });

  it('splits an address on line breaks, or on commas when it is one line', () => {
    expect(addressLines('Storgata 1\n0155 Oslo')).toEqual(['Storgata 1', '0155 Oslo']);
    expect(addressLines('Storgata 1, 0155 Oslo')).toEqual(['Storgata 1', '0155 Oslo']);
    expect(addressLines(null)).toEqual([]);
  });

  it('prints letterhead, address block, date, reference and the letter; pdf.js reads it back', async () => {
    const pages = await pdfPages(await renderPostedLetterPdf(postedLetter(input(LETTER)), new Date('2026-12-05T10:00:00Z')));
    expect(pages).toHaveLength(1);
    const text = pages[0].replace(/\s+/g, ' ');
    for (const line of ['Eksempel Deler AS', 'Industriveien 1', '0581 Oslo', 'Org.nr. 912 345 678', 'personvern@eksempel.no', 'Tlf. +47 22 00 00 00'])
      expect(text).toContain(line);
    expect(text).toContain('Áilu Čuđe Ŋŧ Storgata 1 0155 Oslo');
    expect(text).toContain('Dato: 5. desember 2026');
    expect(text).toContain('Vår referanse: DSR-2026-000321');
    expect(text).toContain('Svar på innsynsforespørselen din DSR-2026-000321');
    expect(text).toContain('Zendesk Support: 3 oppføringer');
    expect(text).toContain('Klage til Datatilsynet');
    expect(text).toContain('1/1');
    expect(text).not.toContain(ONLINE);
  });

  it('numbers every page "page/pages" on a longer letter, in English', async () => {
    const long = [LETTER, ...Array.from({ length: 30 }, (_, index) => `Paragraph ${index + 1}. ${'A sentence that fills the line. '.repeat(6)}`)].join('\n\n');
    const pages = await pdfPages(await renderPostedLetterPdf(postedLetter(input(long, 'en')), new Date('2026-12-05T10:00:00Z')));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => expect(page.replace(/\s+/g, ' ')).toContain(`Eksempel Deler AS · DSR-2026-000321 ${index + 1}/${pages.length}`));
    expect(pages[0].replace(/\s+/g, ' ')).toContain('Date: 5 December 2026');
    expect(pages[0].replace(/\s+/g, ' ')).toContain('Our reference: DSR-2026-000321');
  });
});
