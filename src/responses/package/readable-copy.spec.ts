import JSZip from 'jszip';
import { pdfPages } from '../../../test/support/pdf-pages';
import { systemSchema } from '../../systems/data-map.schema';
import { fieldLabelsIn, processingInfo, type AccessDocument } from './access-document';
import { csvCell, tablesFromData, toCsv } from './csv';
import { renderDocumentHtml, renderDocumentPdf } from './document-render';
import { buildArchive } from './package-archive';
import { readableTables } from './readable-tables';

const API = 'https://eksempel.zendesk.com/api/v2/users/9001.json';

const zendesk = systemSchema.parse({
  id: 'zendesk',
  name: 'Zendesk Support',
  connector: 'zendesk',
  owner: 'kundeservice@eksempel.no',
  categories: [{ nb: 'kontaktopplysninger', en: 'contact details' }, 'support tickets'],
  purposes: [{ nb: 'kundeservice', en: 'customer support' }],
  legalBasis: 'GDPR art. 6(1)(f)',
  retention: { period: 'P2Y', basis: { nb: 'saker lagres to år etter at de er lukket', en: 'tickets are kept two years after they are closed' } },
  fieldLabels: { shoe_size: { nb: 'Skostørrelse', en: 'Shoe size' }, tickets: { nb: 'Dine saker' } },
});

const zendeskData = {
  systemId: 'zendesk',
  name: 'Zendesk Support',
  recordCount: 3,
  data: { users: [{ id: 9001, url: API, name: 'Kari Nordmann' }] },
  tables: {
    users: [{ user_id: 9001, name: 'Kari Nordmann', email: 'kari@example.no', url: API, photo: null, shoe_size: 38, x_internal_flag: true }],
    tickets: [{ ticket_id: 41, subject: '=HYPERLINK("http://evil.example")', status: 'solved', link: 'https://eksempel.zendesk.com/agent/tickets/41' }],
  },
};

const document = (language: 'nb' | 'en'): AccessDocument => ({
  language,
  reference: 'DSR-2026-000321',
  controller: { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no' },
  generatedOn: '2026-03-20',
  holdsData: true,
  processings: [processingInfo(zendesk, language)],
  systems: [zendeskData, { systemId: 'cctv', name: 'Kamera', recordCount: 0, data: {}, tables: {}, note: 'Ett opptak fra 3. mars, kl. 10–10.05.' }],
  searchedEmpty: [],
  fieldLabels: { zendesk: fieldLabelsIn(zendesk, language) },
});

describe('CSV for spreadsheets', () => {
  it.each(['=1+1', '+47 912 34 567', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd'])('neutralises %j with a leading apostrophe', (value) => {
    expect(csvCell(value).replace(/^"|"$/g, '')).toBe(`'${value}`.replace(/"/g, '""'));
  });

  it('leaves ordinary text and numbers as they are, and quotes what RFC 4180 needs', () => {
    expect(csvCell('Kari Nordmann')).toBe('Kari Nordmann');
    expect(csvCell(-42)).toBe('-42');
    expect(csvCell('Oslo, Norge')).toBe('"Oslo, Norge"');
    expect(toCsv([{ subject: '=HYPERLINK("x")', n: 1 }])).toBe(`subject,n\r\n"'=HYPERLINK(""x"")",1\r\n`);
  });

  it('flattens data to tables when a connector gives none: a row per item, nested fields dotted', () => {
    expect(tablesFromData({ customer: { name: 'Kari', address: { city: 'Oslo' }, tags: ['a', 'b'] }, orders: [{ no: 1 }, { no: 2 }], empty: [] })).toEqual({
      customer: [{ name: 'Kari', 'address.city': 'Oslo', tags: 'a, b' }],
      orders: [{ no: 1 }, { no: 2 }],
    });
  });
});

describe('readable tables', () => {
  it('labels fields from the data map, then the built-in list, else humanised and flagged; drops links and empty fields', () => {
    const [users, tickets] = readableTables(zendeskData, fieldLabelsIn(zendesk, 'nb'), 'nb');
    expect(users.label).toBe('Brukere');
    expect(users.columns).toEqual([
      { label: 'Bruker-ID', guessed: false },
      { label: 'Navn', guessed: false },
      { label: 'E-post', guessed: false },
      { label: 'Skostørrelse', guessed: false },
      { label: 'X internal flag', guessed: true },
    ]);
    expect(users.rows).toEqual([['9001', 'Kari Nordmann', 'kari@example.no', '38', 'ja']]);
    // A one-language label falls back to it in English.
    expect(tickets.label).toBe('Dine saker');
    expect(readableTables(zendeskData, fieldLabelsIn(zendesk, 'en'), 'en')[1].label).toBe('Dine saker');
    expect(tickets.columns.map((column) => column.label)).toEqual(['Saksnummer', 'Emne', 'Status']);
  });
});

describe('the readable copy (answer.html and answer.pdf)', () => {
  it('shows labelled tables in Norwegian, the data map texts in Norwegian, never an API URL or an internal field name', () => {
    const html = renderDocumentHtml(document('nb'));
    expect(html).toContain('<caption>Brukere</caption>');
    expect(html).toContain('<th scope="col">Skostørrelse</th>');
    expect(html).toContain('<td>Kari Nordmann</td>');
    expect(html).toContain('<dd>kundeservice</dd>');
    expect(html).toContain('<dd>kontaktopplysninger, support tickets</dd>');
    expect(html).toContain('saker lagres to år etter at de er lukket');
    expect(html).toContain('<th scope="col">X internal flag *</th>');
    expect(html).toContain('* Feltnavnet er hentet fra systemet');
    expect(html).not.toContain('https://eksempel.zendesk.com');
    expect(html).not.toMatch(/user_id|ticket_id|shoe_size/);
    // A system searched by hand: the person's note, no "0 records".
    expect(html).toContain('Ett opptak fra 3. mars, kl. 10–10.05.');
    expect(html).not.toContain('0 oppføringer');
  });

  it('puts the same tables in the PDF, as pdf.js reads its text', async () => {
    const text = (await pdfPages(await renderDocumentPdf(document('en'), new Date('2026-03-20T10:00:00Z')))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('The data in Zendesk Support');
    expect(text).toContain('Users');
    expect(text).toContain('User ID Name E-mail Shoe size X internal flag *');
    expect(text).toContain('9001 Kari Nordmann kari@example.no 38 yes');
    expect(text).toContain('Purposes: customer support');
    expect(text).toContain('tickets are kept two years after they are closed');
    expect(text).not.toContain('zendesk.com');
    expect(text).not.toContain('user_id');
  });

  it('lists the files an owner handed over, by name, type and size', async () => {
    const withFiles = document('nb');
    Object.assign(withFiles.systems[1], { files: [{ name: 'opptak-3-mars.pdf', contentType: 'application/pdf', sizeBytes: 20_480 }] });
    expect(renderDocumentHtml(withFiles)).toContain('<li>opptak-3-mars.pdf (application/pdf, 20 kB)</li>');
    const text = (await pdfPages(await renderDocumentPdf(withFiles, new Date('2026-03-20T10:00:00Z')))).join(' ');
    expect(text).toContain('opptak-3-mars.pdf (application/pdf, 20 kB)');
  });

  it('puts JSON and CSV for every system in the zip, CSV flattened from data where the connector gave no tables', async () => {
    const archive = document('nb');
    archive.systems.push({ systemId: 'shop', name: 'Nettbutikk', recordCount: 1, data: { orders: [{ no: 7, note: '=cmd|x' }] }, tables: {} });
    const zip = await JSZip.loadAsync((await buildArchive(archive, 'access', new Date('2026-03-20T10:00:00Z'))).zip);
    expect(Object.keys(zip.files)).toEqual(
      expect.arrayContaining(['data/zendesk.json', 'data/zendesk/users.csv', 'data/zendesk/tickets.csv', 'data/shop.json', 'data/shop/orders.csv']),
    );
    expect(await zip.file('data/shop/orders.csv')!.async('string')).toBe("no,note\r\n7,'=cmd|x\r\n");
    expect(await zip.file('data/zendesk/tickets.csv')!.async('string')).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });
});
