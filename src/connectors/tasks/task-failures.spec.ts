import { ConnectorAuthError, ConnectorError } from '../connector-errors';
import { connectorErrorFrom, networkError } from '../hubspot/hubspot-errors';
import { errorIn, summarised } from '../outcome-summary';
import { SEARCH_FAILURES, TASK_FAILURES, TASK_RETRIES } from './task-failures';

/** A failed task as the recorder stores it: the English as its error, the outcome in both languages. */
const failedTask = (reason: { en: string; nb: string }) => ({ error: reason.en, outcome: { status: 'failed', ...summarised(reason), retryable: false } });

describe('a failed task’s error in the reader’s language', () => {
  it('rejected credentials: the engine’s sentence in the reader’s language, the system’s own words inside it', () => {
    const error = connectorErrorFrom('contacts search', 401, { category: 'INVALID_AUTHENTICATION', message: 'Authentication credentials not found.' });
    const task = failedTask(TASK_FAILURES.error(error));
    expect(errorIn(task, 'nb')).toBe(
      'leverandøren avviste påloggingsopplysningene (HTTP 401): HubSpot avviste påloggingsopplysningene (contacts search): INVALID_AUTHENTICATION: Authentication credentials not found.',
    );
    expect(errorIn(task, 'en')).toBe(
      'credentials rejected by the provider (HTTP 401): HubSpot rejected the credentials (contacts search): INVALID_AUTHENTICATION: Authentication credentials not found.',
    );
    expect(task.error).toBe(errorIn(task, 'en'));
  });

  it('a validation error quotes the vendor’s message as it came', () => {
    const error = connectorErrorFrom('contact update', 400, { category: 'VALIDATION_ERROR', message: 'Email address not-an-address is invalid' });
    expect(TASK_FAILURES.error(error)).toEqual({
      en: 'HubSpot contact update failed with 400: VALIDATION_ERROR: Email address not-an-address is invalid (HTTP 400)',
      nb: 'HubSpot svarte 400 på contact update: VALIDATION_ERROR: Email address not-an-address is invalid (HTTP 400)',
    });
  });

  it('a system that could not be reached, given up after the last attempt', () => {
    const failure = TASK_FAILURES.gaveUp(3, TASK_FAILURES.error(networkError('contacts search', new Error('ECONNREFUSED'))));
    expect(errorIn(failedTask(failure), 'nb')).toBe('ga opp etter 3 forsøk: HubSpot kunne ikke nås (contacts search): ECONNREFUSED');
    expect(errorIn(failedTask(failure), 'en')).toBe('gave up after 3 attempts: HubSpot contacts search could not be reached: ECONNREFUSED');
  });

  it('the engine’s own reasons: a closed case, a system gone from the data map, a name check that stopped the system', () => {
    expect(TASK_FAILURES.caseClosed('withdrawn').nb).toBe('ikke kjørt: saken var trukket tilbake før oppgaven ble kjørt');
    expect(TASK_FAILURES.systemGone('crm').nb).toBe('systemet «crm» står ikke lenger i datakartet');
    const finding = {
      en: 'table "kunder" (connection.tables[0]) is not in the database',
      nb: 'tabellen «kunder» (connection.tables[0]) finnes ikke i databasen',
    };
    expect(TASK_FAILURES.nameCheck(finding)).toEqual({
      en: 'The name check when the worker started stopped this system until its data map is corrected (nothing was read or changed): table "kunder" (connection.tables[0]) is not in the database',
      nb: 'Navnekontrollen ved oppstart stoppet systemet til datakartet er rettet (ingenting ble lest eller endret): tabellen «kunder» (connection.tables[0]) finnes ikke i databasen',
    });
  });

  it('an error without a translation is quoted, an unexpected one named as such', () => {
    expect(TASK_FAILURES.error(new ConnectorError('Kunden er sperret', false, 409)).nb).toBe('Kunden er sperret (HTTP 409)');
    expect(TASK_FAILURES.error(new ConnectorAuthError('token expired', 403)).nb).toBe('leverandøren avviste påloggingsopplysningene (HTTP 403): token expired');
    expect(TASK_FAILURES.error(new TypeError('x is undefined')).nb).toBe('Uventet feil (TypeError): x is undefined');
  });

  it('an error stored before translations, or a retry in progress, is shown as stored', () => {
    expect(errorIn({ error: 'attempt 1 of 3 failed (timeout); retrying', outcome: null }, 'nb')).toBe('attempt 1 of 3 failed (timeout); retrying');
    expect(errorIn({ error: 'job failed: stalled', outcome: { status: 'failed', summary: 'other' } }, 'nb')).toBe('job failed: stalled');
    expect(errorIn({ error: null, outcome: null }, 'nb')).toBeNull();
  });
});

describe('a pending task’s error in the reader’s language', () => {
  /** A pending task as the runner stores it: the English as its error, the text next to it. */
  const pendingTask = (text: { en: string; nb: string }) => ({ error: text.en, errorText: text, outcome: null });

  it('a retry after a failed attempt names the attempt and the reason, the system’s words as they came', () => {
    const said = TASK_FAILURES.error(new ConnectorError('Zendesk answered 503 (users search)', true, 503));
    const task = pendingTask(TASK_RETRIES.attemptFailed(2, 5, said));
    expect(errorIn(task, 'en')).toBe('attempt 2 of 5 failed (Zendesk answered 503 (users search) (HTTP 503)); retrying');
    expect(errorIn(task, 'nb')).toBe('forsøk 2 av 5 mislyktes (Zendesk answered 503 (users search) (HTTP 503)); prøver igjen');
  });

  it('rate limited: the wait in whole seconds', () => {
    const task = pendingTask(TASK_RETRIES.rateLimited(1500));
    expect(errorIn(task, 'en')).toBe('rate limited by the provider; trying again in 2 s');
    expect(errorIn(task, 'nb')).toBe('leverandøren begrenser antall forespørsler; prøver igjen om 2 s');
  });

  it('a text that no longer states the stored error is not shown in its place', () => {
    expect(errorIn({ error: 'job failed: stalled', errorText: TASK_RETRIES.rateLimited(1000), outcome: null }, 'nb')).toBe('job failed: stalled');
  });

  it('a failed plan survey says so before the reason', () => {
    expect(SEARCH_FAILURES.survey(TASK_FAILURES.gaveUp(5, SEARCH_FAILURES.jobFailed('stalled')))).toEqual({
      en: 'plan survey: gave up after 5 attempts: job failed: stalled',
      nb: 'kartleggingen til planen: ga opp etter 5 forsøk: jobben feilet: stalled',
    });
  });
});
