import { checkClaims } from '../../../test/support/letter-claims';
import { RIGHTS } from '../copy/rights-copy';
import { composeLetter, renderLetter } from '../letters/compose-letter';
import { LETTER_KINDS } from '../letters/letter-facts';
import { sampleLetterFacts } from '../letters/sample-letter-facts';
import { checkLetterTemplate, paragraphsOf, type LetterTemplateText } from './letter-template';

const COMPANY: LetterTemplateText = {
  greeting: 'Kjære kunde,',
  closing: 'Med vennlig hilsen personvernteamet',
  before: ['Takk for at du kontaktet oss.'],
  after: ['Kundeservice svarer på hverdager kl. 8–16.', 'Personvernerklæringen vår: https://eksempel.no/personvern'],
};

describe('letter templates: the company frames the letter, the engine writes its body', () => {
  it.each(LETTER_KINDS)('%s: greeting first, own paragraphs around the statutory body, the company name last, remedies kept', (kind) => {
    const facts = { ...sampleLetterFacts(kind, 'nb'), template: COMPANY };
    const letter = renderLetter(composeLetter(facts), 'nb');
    const paragraphs = letter.text.trimEnd().split('\n\n');
    expect(paragraphs[0]).toBe('Kjære kunde,');
    expect(paragraphs[1]).toBe('Takk for at du kontaktet oss.');
    expect(paragraphs[2]).toMatch(/^Vi viser til forespørselen din DSR-2026-000123/);
    expect(paragraphs.slice(-3)).toEqual([...COMPANY.after, 'Med vennlig hilsen personvernteamet\nEksempel Deler AS']);
    expect(letter.text).toContain(RIGHTS.nb.complaint);
    expect(letter.text).toContain(RIGHTS.nb.court);
    expect(checkClaims(facts, letter)).toEqual({ orphans: [], unstated: [] });
  });

  it('escapes markup: the HTML shows what was typed', () => {
    const facts = { ...sampleLetterFacts('access', 'en'), template: { ...COMPANY, before: ['<b>Hi</b> & <script>alert(1)</script>'] } };
    const { html } = renderLetter(composeLetter(facts), 'en');
    expect(html).toContain('<p>&lt;b&gt;Hi&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html).not.toContain('<script>');
  });

  it('accepts plain text, trims it and treats empty as the default', () => {
    expect(checkLetterTemplate({ greeting: '  Hei, ', closing: '', before: [' A. ', ''], after: undefined })).toEqual({
      template: { greeting: 'Hei,', closing: null, before: ['A.'], after: [] },
      issues: [],
    });
    expect(paragraphsOf('One.\r\n\r\nTwo,\nstill two.\n\n\n')).toEqual(['One.', 'Two,\nstill two.']);
  });

  it.each([
    [{ greeting: 'x'.repeat(101) }, [{ field: 'greeting', problem: 'tooLong' }]],
    [{ closing: 'Vennlig\nhilsen' }, [{ field: 'closing', problem: 'oneLine' }]],
    [{ greeting: 42 }, [{ field: 'greeting', problem: 'notText' }]],
    [{ before: 'not a list' }, [{ field: 'before', problem: 'notText' }]],
    [{ before: ['a', 'b', 'c', 'd'] }, [{ field: 'before', problem: 'tooMany' }]],
    [{ after: ['ok', 'Vi har slettet:\n- alt'] }, [{ field: 'after', paragraph: 2, problem: 'listLine' }]],
    [{ after: ['• punkt'] }, [{ field: 'after', paragraph: 1, problem: 'listLine' }]],
    [{ before: ['a\n\nb'] }, [{ field: 'before', paragraph: 1, problem: 'blankLine' }]],
    [{ before: ['bell\u0007'] }, [{ field: 'before', paragraph: 1, problem: 'control' }]],
    [{ after: ['y'.repeat(1501)] }, [{ field: 'after', paragraph: 1, problem: 'tooLong' }]],
  ])('refuses %j naming the field and the problem', (input, issues) => {
    expect(checkLetterTemplate(input).issues).toEqual(issues);
  });
});
