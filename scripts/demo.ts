import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_SECRETS, describeSimulators, startDemoSimulators, writeDemoDataMap } from './demo-simulators';

const DEMO_ADMIN = { email: 'admin@demohandel.example', password: 'demo-password-2026' };

/**
 * `npm run demo`: the simulators and the whole service (ROLE=all) with a connector-based data map
 * pointing at them, so a newcomer can follow a request from the form through verification and
 * fan-out to each system's outcome on one machine. It has its own port (3001), database
 * (`dsr_demo`) and queue prefix, set by DEMO_* variables only: the DATABASE_URL, QUEUE_PREFIX and
 * PORT of a real install in the same shell must never point the demo's test people at it.
 */
async function main(): Promise<void> {
  const sims = await startDemoSimulators();
  const dataMap = join(process.cwd(), 'var', 'demo', 'systems.yaml');
  writeDemoDataMap(sims, dataMap);
  const port = process.env.DEMO_PORT ?? '3001';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...DEMO_SECRETS,
    SYSTEMS_FILE: dataMap,
    DATABASE_URL: process.env.DEMO_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dsr_demo',
    QUEUE_PREFIX: process.env.DEMO_QUEUE_PREFIX ?? '{dsr-demo}',
    PORT: port,
    PUBLIC_URL: process.env.DEMO_PUBLIC_URL ?? `http://localhost:${port}`,
    ADMIN_EMAIL: process.env.ADMIN_EMAIL ?? DEMO_ADMIN.email,
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? DEMO_ADMIN.password,
    MAIL_DIR: process.env.MAIL_DIR ?? join('var', 'demo', 'mail'),
  };
  process.stdout.write(
    [
      'Simulators:',
      describeSimulators(sims),
      '',
      `Data map: ${dataMap}`,
      `Starting the service on http://localhost:${port} …`,
      `  Request form:  http://localhost:${port}/  (use one of the test people's e-mail addresses)`,
      `  Staff:         http://localhost:${port}/staff/login  as ${env.ADMIN_EMAIL} / ${env.ADMIN_EMAIL === DEMO_ADMIN.email ? DEMO_ADMIN.password : '(your ADMIN_PASSWORD)'}`,
      `  E-mails:       ${env.SMTP_URL ?? `.eml files under ${env.MAIL_DIR}`} (the verification link is in there)`,
      "  Verify, approve (erasure), and watch each system's task outcome on the case.",
      '',
    ].join('\n'),
  );
  const service = spawn(process.execPath, [join(process.cwd(), 'dist', 'main.js')], { env, stdio: 'inherit' });
  const stop = (signal: NodeJS.Signals) => {
    service.kill(signal);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  service.once('exit', (code) => {
    void sims.close().then(() => process.exit(code ?? 0));
  });
}

main().catch((error: Error) => {
  process.stderr.write(`demo failed to start: ${error.message}\n`);
  process.exit(1);
});
