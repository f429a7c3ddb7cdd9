import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { compileTemplate, registerPartials, templateSource } from './template-files';

describe('template files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hbs-'));
  writeFileSync(join(dir, 'one-line.hbs'), '<p>{{name}}</p>\n');
  writeFileSync(join(dir, 'ends-with-newline.hbs'), 'a\n\n');
  writeFileSync(join(dir, 'no-newline.hbs'), 'b');
  writeFileSync(join(dir, 'item.partial.hbs'), '<li>{{this}}</li>\n');
  writeFileSync(join(dir, 'list.hbs'), '<ul>{{#each items}}{{> item}}{{/each}}</ul>\n');

  it("drops exactly one trailing line break (the file's, not the template's)", () => {
    expect(templateSource(dir, 'one-line.hbs')).toBe('<p>{{name}}</p>');
    expect(templateSource(dir, 'ends-with-newline.hbs')).toBe('a\n');
    expect(templateSource(dir, 'no-newline.hbs')).toBe('b');
  });

  it('compiles in the given environment, with partials registered by name', () => {
    const handlebars = Handlebars.create();
    registerPartials(handlebars, dir, { item: 'item.partial.hbs' });
    expect(compileTemplate(handlebars, dir, 'one-line.hbs')({ name: '<x>' })).toBe('<p>&lt;x&gt;</p>');
    expect(compileTemplate(handlebars, dir, 'list.hbs')({ items: ['a', 'b'] })).toBe('<ul><li>a</li><li>b</li></ul>');
  });
});
