import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Kept of each child's output for error messages: its last few lines, never all of it. */
const TAIL_CHARS = 4000;
/** Of the previous chunk, what a match may start in (a ready line split across two chunks). */
const CARRY_CHARS = 400;

export interface BenchProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last TAIL_CHARS of its stdout and stderr together. */
  tail(): string;
  /** The match of the `ready` pattern. */
  readonly ready: RegExpExecArray;
  /** Resolves with the first match of `pattern` in the output from now on (the output so far is
   *  not searched, beyond the short carry-over). */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Sends `signal` and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Every process started, so a failed run stops them too instead of leaving ports taken. */
const started = new Set<Pick<BenchProcess, 'stop'>>();

/** The compiled service (dist-bench/src/main.js). */
export const SERVICE_SCRIPT = join(__dirname, '..', 'src', 'main.js');

/**
 * Starts `node script` and resolves once its output matches `ready`; rejects with the tail of its
 * output if it exits first. Each chunk is matched on its own (with a short carry-over from the
 * previous one), so a chatty child costs the parent the same per line however long it has run.
 * BENCH_SERVICE_OUTPUT=1 copies the children's output to this process's stderr.
 */
export function spawnService(
  env: Record<string, string>,
  ready: RegExp,
  options: { script?: string; nodeArgs?: string[]; onLine?: (line: string) => void } = {},
): Promise<BenchProcess> {
  const script = options.script ?? SERVICE_SCRIPT;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let carry = '';
  let partialLine = '';
  const watchers: Array<{ pattern: RegExp; wake: (match: RegExpExecArray) => void }> = [];
  const onData = (chunk: Buffer) => {
    if (process.env.BENCH_SERVICE_OUTPUT) process.stderr.write(chunk);
    const text = chunk.toString();
    tail = (tail + text).slice(-TAIL_CHARS);
    if (watchers.length) {
      const window = carry + text;
      for (const watcher of watchers.splice(0)) {
        const match = watcher.pattern.exec(window);
        if (match) watcher.wake(match);
        else watchers.push(watcher);
      }
    }
    carry = text.slice(-CARRY_CHARS);
    if (options.onLine) {
      const lines = (partialLine + text).split('\n');
      partialLine = lines.pop()!;
      lines.forEach((line) => options.onLine!(line));
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: Omit<BenchProcess, 'ready'> = {
    child,
    pid: child.pid!,
    tail: () => tail,
    waitFor: (pattern) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        watchers.push({ pattern, wake: resolve });
        void exited.then(() => reject(new Error(`${script} exited (${child.exitCode ?? child.signalCode}) before ${pattern}: ${tail.slice(-1500)}`)));
      }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      started.delete(handle);
    },
  };
  started.add(handle);
  return handle.waitFor(ready).then((match) => ({ ...handle, ready: match }));
}

/** Stops every child still running (at the end of a run, or after it failed). */
export async function stopAllServices(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await Promise.all([...started].map((service) => service.stop(signal)));
}
