import type { Language } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';

const WORDS: Record<Language, { subject: (reference: string) => string; what: (system: string) => string }> = {
  nb: {
    subject: (reference) => `${reference}: planen må godkjennes på nytt`,
    what: (system) =>
      `Før sletting, begrensning eller retting ble ${system} kartlagt på nytt, fordi planen var eldre enn tillatt. Registreringene er endret siden godkjenningen, så ingenting er gjort der. Se gjennom planen og godkjenn den på nytt:`,
  },
  en: {
    subject: (reference) => `${reference}: the plan needs a new approval`,
    what: (system) =>
      `Before acting, ${system} was surveyed again because the plan was older than allowed. The records changed since the approval, so nothing was done there. Review the plan and approve it again:`,
  },
};

/** To the case's handler (or the staff address): the plan changed before execution and waits for a
 *  new approval. In the reader's language (their account's setting, else nb); no personal data. */
export function composePlanChanged(
  to: { address: string; language: Language },
  caseId: string,
  reference: string,
  systemName: string,
  publicUrl: string,
): ComposedMail {
  const words = WORDS[to.language];
  const link = `${publicUrl.replace(/\/$/, '')}/staff/cases/${encodeURIComponent(reference)}#plan`;
  return { to: to.address, caseId, subject: words.subject(reference), text: [words.what(systemName), link].join('\n') };
}
