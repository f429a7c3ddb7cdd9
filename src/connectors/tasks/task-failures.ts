import type { CaseStatus } from '../../common/case-types';
import type { SummaryText } from '../connector';
import { ConnectorAuthError, ConnectorError } from '../connector-errors';

/** A closed case's state as the failure names it. */
const CLOSED_WORDS: Record<string, SummaryText> = {
  completed: { en: 'completed', nb: 'fullført' },
  rejected: { en: 'rejected', nb: 'avvist' },
  withdrawn: { en: 'withdrawn', nb: 'trukket tilbake' },
  merged: { en: 'merged into another case', nb: 'slått sammen med en annen sak' },
};

/**
 * Why a task failed, in each staff language: the engine's own sentence around what the system
 * said. A connector's error gives its own translation (`ConnectorError.text`); the vendor's words
 * inside it, and any message without one, are quoted as they came.
 */
export const TASK_FAILURES = {
  caseClosed: (status: CaseStatus): SummaryText => {
    const words = CLOSED_WORDS[status] ?? { en: status, nb: status };
    return { en: `not run: the case was ${words.en} before the task ran`, nb: `ikke kjørt: saken var ${words.nb} før oppgaven ble kjørt` };
  },
  systemGone: (systemId: string): SummaryText => ({
    en: `system "${systemId}" is no longer in the data map`,
    nb: `systemet «${systemId}» står ikke lenger i datakartet`,
  }),
  /** The system check found a wrong name in the data map when the worker started; its finding follows, in the same language. */
  nameCheck: (finding: SummaryText): SummaryText => ({
    en: `The name check when the worker started stopped this system until its data map is corrected (nothing was read or changed): ${finding.en}`,
    nb: `Navnekontrollen ved oppstart stoppet systemet til datakartet er rettet (ingenting ble lest eller endret): ${finding.nb}`,
  }),
  gaveUp: (attempts: number, reason: SummaryText): SummaryText => ({
    en: `gave up after ${attempts} attempts: ${reason.en}`,
    nb: `ga opp etter ${attempts} forsøk: ${reason.nb}`,
  }),
  error: (error: Error): SummaryText => {
    const said = error instanceof ConnectorError && error.text ? error.text : { en: error.message, nb: error.message };
    if (error instanceof ConnectorAuthError) {
      const status = error.httpStatus ?? 401;
      return {
        en: `credentials rejected by the provider (HTTP ${status}): ${said.en}`,
        nb: `leverandøren avviste påloggingsopplysningene (HTTP ${status}): ${said.nb}`,
      };
    }
    if (error instanceof ConnectorError) {
      return error.httpStatus ? { en: `${said.en} (HTTP ${error.httpStatus})`, nb: `${said.nb} (HTTP ${error.httpStatus})` } : said;
    }
    return { en: `${error.name}: ${error.message}`, nb: `Uventet feil (${error.name}): ${error.message}` };
  },
};

/** What a pending task, search or survey shows while it waits to try again, in each staff language. */
export const TASK_RETRIES = {
  rateLimited: (retryAfterMs: number): SummaryText => {
    const seconds = Math.ceil(retryAfterMs / 1000);
    return {
      en: `rate limited by the provider; trying again in ${seconds} s`,
      nb: `leverandøren begrenser antall forespørsler; prøver igjen om ${seconds} s`,
    };
  },
  attemptFailed: (attempt: number, maxAttempts: number, reason: SummaryText): SummaryText => ({
    en: `attempt ${attempt} of ${maxAttempts} failed (${reason.en}); retrying`,
    nb: `forsøk ${attempt} av ${maxAttempts} mislyktes (${reason.nb}); prøver igjen`,
  }),
};

/** Why a record search or a plan survey failed, in each staff language. */
export const SEARCH_FAILURES = {
  notApiSystem: (systemId: string): SummaryText => ({
    en: `system "${systemId}" is no longer an API system in the data map`,
    nb: `systemet «${systemId}» er ikke lenger et API-system i datakartet`,
  }),
  /** BullMQ's own reason, quoted as it gave it. */
  jobFailed: (reason: string): SummaryText => ({ en: `job failed: ${reason}`, nb: `jobben feilet: ${reason}` }),
  survey: (failure: SummaryText): SummaryText => ({ en: `plan survey: ${failure.en}`, nb: `kartleggingen til planen: ${failure.nb}` }),
};
