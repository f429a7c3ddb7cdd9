import { checkHandover, hasHandover, safeFileName } from './handover-input';
import { handoverTypeOf } from './handover-file-type';

const PDF = Buffer.from('%PDF-1.7\n%%EOF');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const file = (originalName: string, bytes: Buffer | string, declaredType = 'application/octet-stream') => ({
  originalName,
  declaredType,
  bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
});

describe('handoverTypeOf: the type from the content and the name together', () => {
  it.each([
    ['notat.pdf', PDF, 'application/pdf'],
    ['bilde.png', PNG, 'image/png'],
    ['bilde.JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['liste.csv', 'a,b\n1,2', 'text/csv'],
    ['data.json', '{"a":1}', 'application/json'],
    ['brev.eml', 'From: kundeservice@firma.example\nSubject: Svar\n\nHei', 'message/rfc822'],
    ['post.mbox', 'From kari@example.no Mon Mar  2 10:00:00 2026\nSubject: x\n', 'application/mbox'],
    ['logg.txt', 'Samtale 2. mars', 'text/plain'],
  ])('accepts %s', (name, bytes, type) => {
    expect(handoverTypeOf(name, Buffer.from(bytes), 'whatever/declared')).toEqual({ type });
  });

  it.each([
    ['bilde.gif', 'GIF89a....', 'type image/gif is not accepted (only CSV, JSON, PDF, PNG, JPEG, EML, MBOX or TXT)'],
    ['rapport.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]), 'type application/zip is not accepted (only CSV, JSON, PDF, PNG, JPEG, EML, MBOX or TXT)'],
    ['side.txt', '<!DOCTYPE html><script>', 'type text/html is not accepted (only CSV, JSON, PDF, PNG, JPEG, EML, MBOX or TXT)'],
    ['notat.csv', PDF, 'content is application/pdf but the name ends in .csv'],
    ['data.json', '{broken', 'is not valid JSON'],
    ['brev.eml', 'Hei Kari', 'does not start with e-mail headers'],
    ['notes.md', '# heading', 'needs a name ending in .csv, .json, .eml, .mbox or .txt (text named .md)'],
    ['tom.txt', '', 'is empty'],
  ])('refuses %s', (name, bytes, problem) => {
    expect(handoverTypeOf(name, Buffer.from(bytes), 'text/plain')).toEqual({ problem });
  });

  it('names an unknown binary by its declared type, or as octet-stream', () => {
    expect(handoverTypeOf('x.bin', Buffer.from([0, 1, 2, 3]), 'image/heic')).toEqual({ problem: expect.stringMatching(/^type image\/heic is not accepted/) });
    expect(handoverTypeOf('x.bin', Buffer.from([0, 1, 2, 3]), 'nonsense')).toEqual({ problem: expect.stringMatching(/^type application\/octet-stream/) });
  });
});

describe('checkHandover', () => {
  it('turns CSV files and JSON row files into tables, keeps other files, counts rows and files, carries the Art 15(4) note', () => {
    const checked = checkHandover({
      files: [
        file('samtaler.csv', 'dato;nummer\n2026-03-02;1\n2026-03-03;2\n'),
        file('kunde.json', '[{"kundenr":"1001"}]'),
        file('notat.pdf', PDF),
        file('notat.pdf', PDF),
      ],
      recordsCsv: 'a,b\n1,2\n',
      records: [{ a: '0', b: null }],
      redactionNote: 'Others’ names are blacked out.',
    });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.handover.tables).toEqual({
      records: [
        { a: '0', b: null },
        { a: '1', b: '2' },
      ],
      samtaler: [
        { dato: '2026-03-02', nummer: '1' },
        { dato: '2026-03-03', nummer: '2' },
      ],
      kunde: [{ kundenr: '1001' }],
    });
    expect(checked.handover.files.map((item) => item.name)).toEqual(['notat.pdf', 'notat-2.pdf']);
    expect(checked.handover.recordCount).toBe(7);
    expect(checked.handover.disclosed).toEqual([
      { kind: 'disclosed', what: 'record', count: 5 },
      { kind: 'disclosed', what: 'file', count: 2 },
    ]);
    expect(checked.handover.data.othersDataRedacted).toEqual({ article: 'GDPR Art. 15(4)', note: 'Others’ names are blacked out.' });
  });

  it('names every problem by its field', () => {
    const checked = checkHandover({
      files: [file('ok.txt', 'hei'), file('bilde.gif', 'GIF89a..'), file('stor.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'))],
      records: [{ a: [1] }],
      recordsCsv: 'a\n"x',
      redactionNote: 'x'.repeat(2001),
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((problem) => problem.field)).toEqual(['records[0].a', 'recordsCsv', 'redactionNote', 'files[1]', 'files[2]']);
  });

  it('refuses more than 20 files, and a note with nothing handed over', () => {
    const many = checkHandover({ files: Array.from({ length: 21 }, (_, index) => file(`f${index}.txt`, 'x')) });
    expect(many.ok ? [] : many.problems).toEqual([{ field: 'files', problem: 'at most 20 files' }]);
    const note = checkHandover({ redactionNote: 'Blacked out.' });
    expect(note.ok ? [] : note.problems).toEqual([{ field: 'redactionNote', problem: 'goes with records or files handed over; there are none' }]);
  });

  it('knows an outcome without a hand-over, and cleans file names of folders', () => {
    expect(hasHandover({ files: [], recordsCsv: '  ', redactionNote: '' })).toBe(false);
    expect(hasHandover({ records: [] })).toBe(false);
    expect(hasHandover({ records: [{ a: 1 }] })).toBe(true);
    const headerOnly = checkHandover({ recordsCsv: 'dato,nummer\n' });
    expect(headerOnly.ok ? [] : headerOnly.problems).toEqual([{ field: 'recordsCsv', problem: 'hands over no rows and no files' }]);
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\kari\\Skjermbilde 2026-03-02 kl. 10.00.png')).toBe('Skjermbilde 2026-03-02 kl. 10.00.png');
    expect(safeFileName('...')).toBe('file');
  });
});
