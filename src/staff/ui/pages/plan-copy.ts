import type { Language } from '../../../common/case-types';

/** The words of the case page's plan section (discover, review, execute), in bokmål and English. */
const nb = {
  title: 'Plan',
  lead: 'Hva sletting, begrensning eller retting vil gjøre, per system og registrering. Ingenting er endret ennå. Godkjenning gjelder planen slik den står; endres den etterpå, må den godkjennes på nytt.',
  approvalCurrent: 'Godkjenningen dekker planen slik den står nå.',
  approvalStale: 'Planen er ikke godkjent slik den står nå.',
  changed: 'Registreringene er endret siden planen ble godkjent (ny kartlegging før utføring). Se gjennom og godkjenn på nytt.',
  surveyedAt: 'kartlagt {{at}}',
  status: { pending: 'kartlegges …', done: 'kartlagt', failed: 'kartleggingen feilet', whole: 'behandles som helhet' } as Record<string, string>,
  whole: 'Systemet kan ikke liste registreringene enkeltvis; det behandles som helhet.',
  record: 'Registrering',
  proposed: 'Forslag',
  decided: 'Besluttet',
  action: { erase: 'slette', keep: 'beholde', restrict: 'begrense', rectify: 'rette', none: 'ingenting' } as Record<string, string>,
  change: { new: 'ny', gone: 'finnes ikke lenger' } as Record<string, string>,
  basis: {
    legal_obligation: 'Rettslig forpliktelse (art. 17(3)(b))',
    legal_claims: 'Rettskrav (art. 17(3)(e))',
    public_interest: 'Allmennhetens interesse (art. 17(3)(c))',
    archiving_research: 'Arkiv eller forskning (art. 17(3)(d))',
    freedom_of_expression: 'Ytringsfrihet (art. 17(3)(a))',
  } as Record<string, string>,
  keptText: 'Beholdes: {{basis}}{{named}}; {{until}}; {{use}}{{restricted}}',
  useLabel: 'bruk: ',
  restrictedSuffix: '; begrenset',
  change_: 'Endre',
  form: {
    action: 'Handling',
    basis: 'Grunnlag for å beholde',
    law: 'Lov (ved rettslig forpliktelse)',
    claim: 'Krav (ved rettskrav)',
    until: 'Til og med (dato)',
    criterion: 'eller til (vilkår)',
    allowedUse: 'Kan fortsatt brukes til',
    restrict: 'Begrens (merkes, brukes ikke til annet)',
    save: 'Lagre',
  },
  errors: {
    law: 'Oppgi loven, f.eks. «bokføringsloven § 13».',
    claim: 'Oppgi kravet, f.eks. «betalingstvist om faktura 1042».',
    until: 'Oppgi en dato eller et vilkår.',
    allowedUse: 'Si hva registreringen fortsatt kan brukes til.',
  },
};

export type PlanCopy = typeof nb;

const en: PlanCopy = {
  title: 'Plan',
  lead: 'What the erasure, restriction or rectification will do, per system and record. Nothing has changed yet. An approval covers the plan as it stands; if it changes afterwards, it must be approved again.',
  approvalCurrent: 'The approval covers the plan as it stands now.',
  approvalStale: 'The plan as it stands now is not approved.',
  changed: 'The records changed since the plan was approved (surveyed again before execution). Review it and approve again.',
  surveyedAt: 'surveyed {{at}}',
  status: { pending: 'being surveyed …', done: 'surveyed', failed: 'the survey failed', whole: 'acted on as a whole' },
  whole: 'This system cannot list its records one by one; it is acted on as a whole.',
  record: 'Record',
  proposed: 'Proposed',
  decided: 'Decided',
  action: { erase: 'erase', keep: 'keep', restrict: 'restrict', rectify: 'rectify', none: 'nothing' },
  change: { new: 'new', gone: 'no longer found' },
  basis: {
    legal_obligation: 'Legal obligation (Art 17(3)(b))',
    legal_claims: 'Legal claims (Art 17(3)(e))',
    public_interest: 'Public interest (Art 17(3)(c))',
    archiving_research: 'Archiving or research (Art 17(3)(d))',
    freedom_of_expression: 'Freedom of expression (Art 17(3)(a))',
  },
  keptText: 'Kept: {{basis}}{{named}}; {{until}}; {{use}}{{restricted}}',
  useLabel: 'use: ',
  restrictedSuffix: '; restricted',
  change_: 'Change',
  form: {
    action: 'Action',
    basis: 'Basis for keeping',
    law: 'Law (for a legal obligation)',
    claim: 'Claim (for legal claims)',
    until: 'Until (date)',
    criterion: 'or until (criterion)',
    allowedUse: 'May still be used for',
    restrict: 'Restrict (tagged, used for nothing else)',
    save: 'Save',
  },
  errors: {
    law: 'Name the law, e.g. "bokføringsloven § 13".',
    claim: 'Name the claim, e.g. "payment dispute over invoice 1042".',
    until: 'Give a date or a criterion.',
    allowedUse: 'Say what the record may still be used for.',
  },
};

export const PLAN_COPY: Record<Language, PlanCopy> = { nb, en };
