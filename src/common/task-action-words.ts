import type { Language } from './case-types';

/** What each kind of fan-out task is called where a person reads it (pages, subject lines); the
 *  engine's own names (export, erase, …) stay in the API and the database. */
export const TASK_ACTION_NAMES: Record<Language, Record<string, string>> = {
  nb: {
    export: 'innsyn',
    erase: 'sletting',
    rectify: 'retting',
    restrict: 'begrensning',
    forward: 'videresending',
    instruct: 'instruks til databehandler',
    manual: 'manuell oppgave',
  },
  en: {
    export: 'access',
    erase: 'erasure',
    rectify: 'rectification',
    restrict: 'restriction',
    forward: 'forwarding',
    instruct: 'instruction to a processor',
    manual: 'manual task',
  },
};

/** A task's kind in words; an unknown one as it is. */
export const taskActionName = (action: string, language: Language): string => TASK_ACTION_NAMES[language][action] ?? action;
