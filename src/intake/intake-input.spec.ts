import { parseIntake, problemInEnglish } from './intake-input';

describe('parseIntake', () => {
  it('accepts a minimal access request and normalises it', () => {
    const result = parseIntake({ type: 'access', email: '  kari@example.no ', name: '', language: 'en' });
    expect(result).toEqual({ ok: true, request: { type: 'access', email: 'kari@example.no', details: {}, language: 'en' } });
  });

  it('defaults to bokmål and keeps free text given as a string', () => {
    const result = parseIntake({ type: 'erasure', email: 'a@example.no', details: 'All of it, please.' });
    expect(result).toMatchObject({ ok: true, request: { language: 'nb', details: { text: 'All of it, please.' } } });
  });

  it('takes the controller a request names only from the listed ids, and names the ids when it is another', () => {
    const named = parseIntake({ type: 'erasure', email: 'a@example.no', details: { controller: 'shop-b' } }, ['shop-a', 'shop-b']);
    expect(named).toMatchObject({ ok: true, request: { details: { controller: 'shop-b' } } });
    const unknown = parseIntake({ type: 'erasure', email: 'a@example.no', details: { controller: 'shop-c' } }, ['shop-a', 'shop-b']);
    expect(unknown).toEqual({ ok: false, problems: [{ field: 'details.controller', code: 'unknown_controller', allowed: ['shop-a', 'shop-b'] }] });
    expect(problemInEnglish((unknown as { problems: Parameters<typeof problemInEnglish>[0][] }).problems[0])).toBe('must be one of shop-a, shop-b');
    const none = parseIntake({ type: 'erasure', email: 'a@example.no', details: { controller: 'shop-a' } });
    expect(none).toMatchObject({ ok: false, problems: [{ field: 'details.controller', code: 'unknown_controller' }] });
  });

  it('needs what is wrong and what is right for a rectification', () => {
    const result = parseIntake({ type: 'rectification', email: 'a@example.no', details: { field: 'my address' } });
    expect(result).toEqual({ ok: false, problems: [{ field: 'details.correctedValue', code: 'required' }] });
  });

  it('needs which processing an objection is about, and drops grounds for direct marketing', () => {
    expect(parseIntake({ type: 'objection', email: 'a@example.no' })).toEqual({
      ok: false,
      problems: [{ field: 'details.processing', code: 'required' }],
    });
    expect(parseIntake({ type: 'objection', email: 'a@example.no', details: { processing: 'everything' } })).toEqual({
      ok: false,
      problems: [{ field: 'details.processing', code: 'unknown_processing' }],
    });
    const marketing = parseIntake({ type: 'objection', email: 'a@example.no', details: { processing: 'direct_marketing', grounds: 'x' } });
    expect(marketing).toMatchObject({ ok: true, request: { details: { processing: 'direct_marketing' } } });
    const weighed = parseIntake({ type: 'objection', email: 'a@example.no', details: { processing: 'legitimate_interest', grounds: 'I moved.' } });
    expect(weighed).toMatchObject({ ok: true, request: { details: { processing: 'legitimate_interest', grounds: 'I moved.' } } });
  });

  it('takes the contested fields of a restriction as a list of field names, naming each bad one', () => {
    const ok = parseIntake({ type: 'restriction', email: 'a@example.no', details: { fields: ['phone', 'phone', 'postCode'] } });
    expect(ok).toMatchObject({ ok: true, request: { details: { fields: ['phone', 'postCode'] } } });
    const bad = parseIntake({ type: 'restriction', email: 'a@example.no', details: { fields: ['phone', 7, 'my note!'] } });
    expect(bad.ok ? [] : bad.problems.map((problem) => [problem.field, problemInEnglish(problem)])).toEqual([
      ['details.fields[1]', 'must be a list of at most 20 field names (a letter, then letters, digits or _), e.g. ["phone"]'],
      ['details.fields[2]', 'must be a list of at most 20 field names (a letter, then letters, digits or _), e.g. ["phone"]'],
    ]);
    expect(parseIntake({ type: 'restriction', email: 'a@example.no', details: { fields: 'phone' } })).toEqual({
      ok: false,
      problems: [{ field: 'details.fields', code: 'not_field_list' }],
    });
    expect(parseIntake({ type: 'erasure', email: 'a@example.no', details: { fields: ['phone'] } })).toMatchObject({ ok: true, request: { details: {} } });
  });

  it('drops fields that belong to another request type (the form shows every section)', () => {
    const result = parseIntake({ type: 'access', email: 'a@example.no', details: { correctedValue: 'x', processing: 'direct_marketing' } });
    expect(result).toMatchObject({ ok: true, request: { details: {} } });
  });

  it('names every bad field with a problem in plain English', () => {
    const result = parseIntake({
      type: 'delete-everything',
      email: 'not-an-email',
      phone: 'call me',
      name: 'x'.repeat(201),
      customerNumber: 42,
      language: 'de',
      details: { text: 'a\u0000b', colour: 'blue' },
      extra: true,
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map((problem) => [problem.field, problemInEnglish(problem)]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['extra', 'is not a known field'],
        ['type', 'must be one of access, rectification, erasure, objection, restriction, portability'],
        ['email', 'must be an e-mail address'],
        ['phone', 'must be a phone number (digits, spaces, +, -, parentheses)'],
        ['name', 'is too long (at most 200 characters)'],
        ['customerNumber', 'must be text'],
        ['language', 'must be one of nb, en'],
        ['details.colour', 'is not a known field'],
        ['details.text', 'contains control characters that are not allowed'],
      ]),
    );
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'access', 42]) {
      expect(parseIntake(body)).toEqual({ ok: false, problems: [{ field: 'body', code: 'not_json_object' }] });
    }
  });
});
