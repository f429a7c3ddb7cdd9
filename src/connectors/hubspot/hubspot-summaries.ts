import type { SummaryText } from '../connector';

/** HubSpot outcome summaries staff read on the case page, in each staff language. */
export const HUBSPOT_SUMMARIES = {
  noContactToRectify: {
    en: 'No HubSpot contact matched the subject; nothing to rectify',
    nb: 'Ingen HubSpot-kontakt samsvarte med den registrerte; ingenting å rette',
  },
  noContactToErase: {
    en: 'No HubSpot contact matched the subject; nothing to erase',
    nb: 'Ingen HubSpot-kontakt samsvarte med den registrerte; ingenting å slette',
  },
  noContactToRestrict: {
    en: 'No HubSpot contact matched the subject; nothing to restrict',
    nb: 'Ingen HubSpot-kontakt samsvarte med den registrerte; ingenting å begrense',
  },
  noRecordToUnsubscribe: {
    en: "No HubSpot record is the subject's for this case; nothing to unsubscribe",
    nb: 'Ingen oppføring i HubSpot tilhører den registrerte i denne saken; ingenting å melde av',
  },
  noAddressToUnsubscribe: {
    en: 'No e-mail address or phone number is known for the subject in HubSpot; nothing to unsubscribe',
    nb: 'HubSpot kjenner ingen e-postadresse eller telefonnummer for den registrerte; ingenting å melde av',
  },
} satisfies Record<string, SummaryText>;
