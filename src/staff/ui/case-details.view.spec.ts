import { caseDetailsView } from './case-details.view';

const html = (value: unknown) => (typeof value === 'string' ? value : (value as { toHTML(): string }).toHTML());
const controllers = (id: string) => ({ fjellsko: 'Fjellsko Nettbutikk AS' })[id];

describe("caseDetailsView: a case's details in the staff reader's words", () => {
  it('writes an objection, a restriction and a one-day period in words, in nb and en', () => {
    const details = {
      processing: 'direct_marketing',
      grounds: 'Jeg vil ikke ha reklame.',
      fields: ['email', 'shoeSize'],
      period: { from: '2026-05-03', to: '2026-05-03' },
    };
    expect(caseDetailsView(details, 'nb', controllers).map(({ label, value }) => [label, String(value)])).toEqual([
      ['Behandling det protesteres mot', 'Markedsføring (nyhetsbrev, tilbud, reklame)'],
      ['Begrunnelse', 'Jeg vil ikke ha reklame.'],
      ['Opplysninger personen bestrider', 'e-postadresse, shoeSize'],
      ['Opplysninger fra perioden', '3. mai 2026'],
    ]);
    expect(caseDetailsView(details, 'en', controllers).map(({ label }) => label)).toEqual([
      'Processing objected to',
      'Grounds',
      'Data the person contests',
      'Records from the period',
    ]);
  });

  it('keeps each date a <time> element and escapes the words around it', () => {
    const [period, days] = caseDetailsView({ period: { from: '2026-05-03', to: '2026-05-05' }, recordDates: ['2026-04-25', '2026-04-27'] }, 'en', controllers);
    expect(html(period.value)).toBe('<time datetime="2026-05-03">3 May 2026</time> – <time datetime="2026-05-05">5 May 2026</time>');
    expect(html(days.value)).toBe('<time datetime="2026-04-25">25 Apr 2026</time>, <time datetime="2026-04-27">27 Apr 2026</time>');
    const [odd] = caseDetailsView({ period: { from: '<b>soon</b>', to: '2026-05-05' } }, 'en', controllers);
    expect(html(odd.value)).toBe('&lt;b&gt;soon&lt;/b&gt; – <time datetime="2026-05-05">5 May 2026</time>');
  });

  it('names a controller by the data map, a rectification by field words, and leaves an unknown id or value as written', () => {
    const shown = caseDetailsView({ controller: 'fjellsko', changes: { phone: '+47 912 34 568', city: 'Bergen' }, processing: 'spam' }, 'nb', controllers);
    expect(shown.map(({ value }) => String(value))).toEqual(['Fjellsko Nettbutikk AS', 'telefonnummer → +47 912 34 568; poststed → Bergen', 'spam']);
    expect(String(caseDetailsView({ controller: 'ukjent' }, 'nb', controllers)[0].value)).toBe('ukjent');
  });

  it('shows a key it has no words for by its name, its value readable and never as JSON', () => {
    const shown = caseDetailsView(
      { constructor: 'x', urgent: true, count: 3, nested: { a: [1, 'b'], on: '2026-01-02' }, empty: null, corrections: [{ field: 'city', value: 'Bergen' }] },
      'en',
      controllers,
    );
    expect(shown.map(({ label, value }) => [label, String(value)])).toEqual([
      ['constructor', 'x'],
      ['urgent', 'yes'],
      ['count', '3'],
      ['nested', 'a: 1, b; on: 2 Jan 2026'],
      ['empty', '–'],
      ['corrections', 'field: city; value: Bergen'],
    ]);
    expect(caseDetailsView(null, 'nb', controllers)).toEqual([]);
  });
});
