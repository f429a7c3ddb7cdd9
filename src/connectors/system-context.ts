import type { SystemEntry } from '../systems/data-map.schema';
import type { SummaryText, SystemContext } from './connector';
import { ConnectorError } from './connector-errors';

/** A secret the data map names is not in the environment: nothing will work until someone sets it. */
export class MissingSecretError extends ConnectorError {
  constructor(
    readonly systemId: string,
    readonly variable: string,
  ) {
    const text = missingSecret(systemId, variable);
    super(text.en, false, undefined, text);
  }
}

function missingSecret(systemId: string, variable: string): SummaryText {
  return {
    en: `environment variable ${variable} (named in the data map for system "${systemId}") is not set`,
    nb: `miljøvariabelen ${variable} (som datakartet oppgir for systemet «${systemId}») er ikke satt`,
  };
}

/** The connector's view of a data map entry; secrets come from the environment by the `*Env` name. */
export function systemContext(system: SystemEntry, env: NodeJS.ProcessEnv = process.env): SystemContext {
  return {
    systemId: system.id,
    connection: { ...system.connection },
    secret(variable: string): string {
      const value = env[variable];
      if (value === undefined || value === '') throw new MissingSecretError(system.id, variable);
      return value;
    },
  };
}
