import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The service compiled once per run by globalSetup. */
export function builtMain(): string {
  const dir = process.env.DSR_TEST_BUILD_DIR;
  if (!dir) throw new Error('DSR_TEST_BUILD_DIR is not set: run through `npm test` (jest globalSetup)');
  return join(dir, 'main.js');
}

export interface ServiceProcess {
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `node main.js` as a real, separate process with the given environment. */
export function startServiceProcess(env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [builtMain()], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** Polls until `check` passes (a process is up, a row exists…). Beats sleep. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Starts a real `api` and a real `worker` process on one stack and waits until both are up;
 *  on a time-out the error carries the tail of both processes' output. */
export async function startApiAndWorker(env: Record<string, string>, url: string): Promise<{ api: ServiceProcess; worker: ServiceProcess }> {
  const api = startServiceProcess({ ...env, ROLE: 'api' });
  const worker = startServiceProcess({ ...env, ROLE: 'worker' });
  try {
    await waitUntil(async () => (await fetch(`${url}/health`)).status === 200, 60_000, 'api health');
    await waitUntil(() => worker.output().includes('worker started'), 60_000, 'worker start');
  } catch (error) {
    await Promise.all([api.stop(), worker.stop()]);
    throw new Error(`${(error as Error).message}\napi:\n${api.output().slice(-2000)}\nworker:\n${worker.output().slice(-2000)}`, { cause: error });
  }
  return { api, worker };
}
