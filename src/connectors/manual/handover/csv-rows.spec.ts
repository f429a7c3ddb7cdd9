import { csvRows } from './csv-rows';

describe('csvRows', () => {
  it('reads quoted fields, doubled quotes and line breaks inside quotes, with the header naming the columns', () => {
    expect(csvRows('name,note\r\n"Nordmann, Kari","sa ""hei""\nog ha det"\r\n', 10)).toEqual({
      ok: true,
      rows: [{ name: 'Nordmann, Kari', note: 'sa "hei"\nog ha det' }],
    });
  });

  it('takes the semicolon of Norwegian spreadsheets and a tab, by the first line', () => {
    expect(csvRows('\uFEFFdato;beløp\n2026-03-02;1,50\n', 10)).toEqual({ ok: true, rows: [{ dato: '2026-03-02', beløp: '1,50' }] });
    expect(csvRows('a\tb\n1\t2', 10)).toEqual({ ok: true, rows: [{ a: '1', b: '2' }] });
  });

  it('fills short lines, names blank or repeated headers, skips blank lines', () => {
    expect(csvRows('a,,a\n1\n\n2,3,4\n', 10)).toEqual({
      ok: true,
      rows: [
        { a: '1', column_2: '', column_3: '' },
        { a: '2', column_2: '3', column_3: '4' },
      ],
    });
  });

  it('says what is wrong: an unclosed quote, a line with more fields than the header, too many rows, nothing at all', () => {
    expect(csvRows('a,b\n1,"open\n', 10)).toEqual({ ok: false, problem: 'has a quote opened on or before line 3 that is never closed' });
    expect(csvRows('a,b\n1,2,3\n', 10)).toEqual({ ok: false, problem: 'line 2 has 3 fields but the header names 2' });
    expect(csvRows('a\n1\n2\n3\n', 2)).toEqual({ ok: false, problem: 'has more than 2 rows' });
    expect(csvRows(' \n', 2)).toEqual({ ok: false, problem: 'has no lines' });
  });
});
