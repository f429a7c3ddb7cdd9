import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Starts the compiled service (dist-bench/src/main.js) as its own process; resolves once its log
 *  matches `ready`, rejects if it exits first. */
export function spawnService(env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const script = join(__dirname, '..', 'src', 'main.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let started = false;
    const onData = (chunk: Buffer) => {
      if (process.env.BENCH_SERVICE_OUTPUT) process.stderr.write(chunk);
      if (started) return;
      output += chunk.toString();
      if (ready.test(output)) {
        started = true;
        output = '';
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      if (!started) reject(new Error(`service exited ${code}: ${output.slice(-1500)}`));
    });
  });
}
