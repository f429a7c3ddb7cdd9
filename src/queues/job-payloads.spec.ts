import { join } from 'node:path';
import * as ts from 'typescript';

const FIXTURE = join(__dirname, 'job-payloads.compile-fixture.ts');

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(__dirname, '..', '..', 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, join(__dirname, '..', '..'));
  return { ...parsed.options, noEmit: true };
}

/** The lines (1-based) of the fixture with a type error, compiling `source` in its place. */
function errorLines(source: string, oldProgram?: ts.Program): { lines: Map<number, string>; program: ts.Program } {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => (path === FIXTURE ? source : readFile(path));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, language, onError) => (path === FIXTURE ? ts.createSourceFile(path, source, language) : getSourceFile(path, language, onError));
  const program = ts.createProgram({ rootNames: [FIXTURE], options, host, oldProgram });
  const lines = new Map<number, string>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program, program.getSourceFile(FIXTURE))) {
    if (diagnostic.file?.fileName !== FIXTURE || diagnostic.start === undefined) continue;
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
    lines.set(line, `${lines.get(line) ?? ''}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}\n`);
  }
  return { lines, program };
}

describe('typed jobs (queues/job-queue.ts, queues/job-processor.ts)', () => {
  const source = ts.sys.readFile(FIXTURE)!;

  it('a wrong payload does not compile, a right one does', () => {
    const asWritten = errorLines(source);
    expect([...asWritten.lines.values()]).toEqual([]);

    // Without the expectations, the line after each one is an error, and no other line is.
    const original = source.split('\n');
    const expected = new Set<number>();
    const stripped = original.map((line, index) => {
      if (!line.trim().startsWith('// @ts-expect-error WRONG')) return line;
      expected.add(index + 1);
      return '';
    });
    expect(expected.size).toBeGreaterThanOrEqual(7);
    const { lines } = errorLines(stripped.join('\n'), asWritten.program);
    expect([...lines.keys()].sort((a, b) => a - b)).toEqual([...expected].map((line) => line + 1).sort((a, b) => a - b));
    const taskid = original.findIndex((line) => line.includes('{ taskid: 42 }')) + 1;
    expect(lines.get(taskid)).toMatch(/taskid/);
  }, 120_000);
});
