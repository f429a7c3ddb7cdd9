import 'reflect-metadata';
import { readConfigOrExit, start } from './bootstrap';

start(readConfigOrExit()).catch((error: Error) => {
  process.stderr.write(`start-up failed: ${error.name}: ${error.message}\n`);
  process.exit(1);
});
