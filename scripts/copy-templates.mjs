// Copies every Handlebars template (src/**/*.hbs) into the compiled tree, beside the .js of the
// module that reads it. `tsc` copies only what it compiles; `npm run build` runs this after it.
// Usage: node scripts/copy-templates.mjs [outDir]   (outDir defaults to dist; the bench uses dist-bench/src,
// the test run's global setup its own dist-test/<run id>)
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src');
// Relative to the project, or absolute (the test run compiles into dist-test/<run id>).
const target = resolve(root, process.argv[2] ?? 'dist');

let copied = 0;
for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
  const from = join(entry.parentPath ?? entry.path, entry.name);
  const to = join(target, relative(source, from));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  copied += 1;
}
process.stdout.write(`copy-templates: ${copied} .hbs file(s) into ${relative(root, target) || '.'}\n`);
