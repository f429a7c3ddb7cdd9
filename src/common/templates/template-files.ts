import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Handlebars from 'handlebars';

/**
 * Handlebars templates live as `.hbs` files beside the module that renders them. The module
 * reads them relative to its own `__dirname` when it is loaded (at boot), compiles each one once
 * and keeps the compiled function; nothing is read from disk per request.
 *
 * `npm run build` copies every `src/**\/*.hbs` into dist/ (scripts/copy-templates.mjs), so the
 * same relative read works from src/ (tests, through swc) and from dist/ (`npm start`, the image).
 *
 * One trailing line break of a file belongs to the file, not to the template: it is dropped, so
 * a template that must end with a newline ends with an empty line.
 */
const sources = new Map<string, string>();

/** The source of `file` (relative to `dir`, normally the caller's `__dirname`), read once. */
export function templateSource(dir: string, file: string): string {
  const path = join(dir, file);
  let source = sources.get(path);
  if (source === undefined) {
    source = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    sources.set(path, source);
  }
  return source;
}

/** Compiles `file` once in the given Handlebars environment. */
export function compileTemplate<T = unknown>(
  handlebars: typeof Handlebars,
  dir: string,
  file: string,
  options?: CompileOptions,
): HandlebarsTemplateDelegate<T> {
  return handlebars.compile<T>(templateSource(dir, file), options);
}

/** Registers each `name → file` as a partial called `name` in the given environment. */
export function registerPartials(handlebars: typeof Handlebars, dir: string, partials: Record<string, string>): void {
  for (const [name, file] of Object.entries(partials)) handlebars.registerPartial(name, templateSource(dir, file));
}
