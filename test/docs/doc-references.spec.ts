import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository stands alone: no comment, doc or test name may send a reader to a document that
 *  is not in it, and every relative link in the Markdown files must reach a file that exists. */

const ROOT = resolve(__dirname, '../..');
const SELF = relative(ROOT, __filename);
const SCANNED_FOLDERS = ['src', 'test', 'scripts', 'bench', 'docs'];
const SKIPPED = new Set(['node_modules', 'dist', 'dist-bench', 'dist-test', 'var', 'coverage', '.git']);
const TEXT_FILE = /\.(ts|js|cjs|mjs|md|ya?ml|json|hbs|html|sh)$/;

/** Documents that were never part of the repository; their facts now live under docs/. */
const EXTERNAL_DOCUMENT = /\b(CONTRACT|DESIGN|LEGAL|STYLE|CONNECTORS)\.md\b|\.\.\/shared\b/g;

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : TEXT_FILE.test(name) ? [path] : [];
  });
}

function scannedFiles(): string[] {
  const rootMarkdown = readdirSync(ROOT)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, name));
  return [...rootMarkdown, ...SCANNED_FOLDERS.flatMap((folder) => filesUnder(join(ROOT, folder)))].filter((path) => relative(ROOT, path) !== SELF);
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

describe('the repository stands alone', () => {
  const files = scannedFiles();

  it('scans the code, the tests and the docs', () => {
    const scanned = files.map((path) => relative(ROOT, path));
    expect(scanned).toEqual(expect.arrayContaining(['README.md', 'ARCHITECTURE.md', 'docs/legal-rules.md', 'src/main.ts']));
  });

  it('no file cites a document outside the repository', () => {
    const citations = files.flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      return [...text.matchAll(EXTERNAL_DOCUMENT)].map((match) => `${relative(ROOT, path)}:${lineOf(text, match.index)}: ${match[0]}`);
    });
    expect(citations).toEqual([]);
  });

  it('every relative link in the Markdown files reaches a file that exists', () => {
    const markdown = [...files.filter((path) => path.endsWith('.md')), ...filesUnder(join(ROOT, 'config')).filter((path) => path.endsWith('.md'))];
    const broken = markdown.flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .filter(([, target]) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(target))
        .filter(([, target]) => !existsSync(resolve(dirname(path), decodeURIComponent(target.split('#')[0]))))
        .map((match) => `${relative(ROOT, path)}:${lineOf(text, match.index)}: ${match[1]}`);
    });
    expect(broken).toEqual([]);
  });
});
