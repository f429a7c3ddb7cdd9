import type { Language } from '../../../common/case-types';

/** The words of the data-map page (/staff/systems), in bokmål and English. */
const nb = {
  title: 'Datakart',
  lead: 'Systemene som behandler personopplysninger, slik datakartet (SYSTEMS_FILE) beskriver dem. Endringer gjøres i filen.',
  controller: 'Behandlingsansvarlig',
  orgNumber: 'Org.nr.',
  dpo: 'Personvernombud',
  id: 'Id',
  connector: 'Kobling',
  role: 'Rolle',
  roleController: 'Behandlingsansvarlig',
  roleProcessor: 'Databehandler for {{name}} ({{contact}})',
  owner: 'Systemeier',
  categories: 'Kategorier av opplysninger',
  purposes: 'Formål',
  legalBasis: 'Rettslig grunnlag',
  recipients: 'Mottakere',
  retention: 'Lagringstid',
  legalHolds: 'Lovpålagt oppbevaring',
  hold: '{{records}} – {{basis}} – {{keepFor}} fra {{from}}',
  none: 'Ingen',
  warnings: 'Advarsler',
  noWarnings: 'Ingen advarsler.',
  check: 'Kontroll ved oppstart',
  checkOk: 'Tabell- og feltnavnene i datakartet finnes i systemet.',
  checkStopped: 'Stoppet: oppgavene for dette systemet feiler til datakartet er rettet. Feil:',
  checkUnreachable: 'Systemet svarte ikke da arbeidsprosessen startet; navnene kontrolleres før første oppgave.',
  from: { 'end-of-financial-year': 'utgangen av regnskapsåret', 'record-date': 'datoen for posten', 'end-of-contract': 'avtalens slutt' } as Record<
    string,
    string
  >,
};

export type SystemsCopy = typeof nb;

const en: SystemsCopy = {
  title: 'Data map',
  lead: 'The systems that process personal data, as the data map (SYSTEMS_FILE) describes them. Change them in the file.',
  controller: 'Controller',
  orgNumber: 'Org. no.',
  dpo: 'Data protection officer',
  id: 'Id',
  connector: 'Connector',
  role: 'Role',
  roleController: 'Controller',
  roleProcessor: 'Processor for {{name}} ({{contact}})',
  owner: 'System owner',
  categories: 'Categories of data',
  purposes: 'Purposes',
  legalBasis: 'Legal basis',
  recipients: 'Recipients',
  retention: 'Retention',
  legalHolds: 'Kept under a legal obligation',
  hold: '{{records}} – {{basis}} – {{keepFor}} from {{from}}',
  none: 'None',
  warnings: 'Warnings',
  noWarnings: 'No warnings.',
  check: 'Check at start-up',
  checkOk: 'The table and field names in the data map exist in the system.',
  checkStopped: "Stopped: this system's tasks fail until the data map is corrected. Problem:",
  checkUnreachable: 'The system did not answer when the worker started; the names are checked before its first task.',
  from: { 'end-of-financial-year': 'the end of the financial year', 'record-date': 'the record date', 'end-of-contract': 'the end of the contract' },
};

export const SYSTEMS_COPY: Record<Language, SystemsCopy> = { nb, en };
