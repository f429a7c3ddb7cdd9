import { join } from 'node:path';
import { DEMO_SECRETS, describeSimulators, startDemoSimulators, writeDemoDataMap } from './demo-simulators';

/** `npm run simulators`: the Zendesk, Visma NXT and HubSpot simulators, seeded, until Ctrl-C. */
async function main(): Promise<void> {
  const sims = await startDemoSimulators();
  const dataMap = join(process.cwd(), 'var', 'simulators', 'systems.yaml');
  writeDemoDataMap(sims, dataMap);
  const env = Object.entries(DEMO_SECRETS)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  process.stdout.write(
    [
      'Simulators running:',
      describeSimulators(sims),
      '',
      `A data map pointing at them: ${dataMap}`,
      `Run the service against it:  SYSTEMS_FILE=${dataMap} ${env} npm start`,
      'Ctrl-C stops the simulators (their data lives in memory only).',
      '',
    ].join('\n'),
  );
  const stop = () => void sims.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`simulators failed to start: ${error.message}\n`);
  process.exit(1);
});
