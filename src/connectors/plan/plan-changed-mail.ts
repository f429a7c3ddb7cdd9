import type { ComposedMail } from '../../notifications/mail-composer.registry';

/** To the case's handler (or the staff address): the plan changed before execution and waits for a
 *  new approval. Norwegian first, English after, as the other staff e-mails; no personal data. */
export function composePlanChanged(to: string, caseId: string, reference: string, systemName: string, publicUrl: string): ComposedMail {
  const link = `${publicUrl.replace(/\/$/, '')}/staff/cases/${encodeURIComponent(reference)}#plan`;
  return {
    to,
    caseId,
    subject: `${reference}: planen må godkjennes på nytt / the plan needs a new approval`,
    text: [
      `Før sletting, begrensning eller retting ble ${systemName} kartlagt på nytt, fordi planen var eldre enn tillatt. Registreringene er endret siden godkjenningen, så ingenting er gjort der. Se gjennom planen og godkjenn den på nytt:`,
      link,
      '',
      `Before acting, ${systemName} was surveyed again because the plan was older than allowed. The records changed since the approval, so nothing was done there. Review the plan and approve it again:`,
      link,
    ].join('\n'),
  };
}
