import type { SummaryText } from '../connector';

/** Visma Business outcome summaries staff read on the case page, in each staff language. */
export const VISMA_SUMMARIES = {
  noMatch: {
    en: 'No customer or contact person in Visma Business matches the subject.',
    nb: 'Ingen kunde eller kontaktperson i Visma Business samsvarer med den registrerte.',
  },
  noMatchToErase: {
    en: 'No customer or contact person in Visma Business matches the subject (already erased, or never held).',
    nb: 'Ingen kunde eller kontaktperson i Visma Business samsvarer med den registrerte (allerede slettet, eller aldri registrert).',
  },
  heldRecordsGone: {
    en: 'The records this hold kept are no longer in Visma Business (already erased).',
    nb: 'Oppføringene som ble holdt tilbake etter denne oppbevaringsplikten, finnes ikke lenger i Visma Business (allerede slettet).',
  },
  restrictedRecordsGone: {
    en: 'The restricted customer records are no longer in Visma Business; nothing to lift.',
    nb: 'De begrensede kundeoppføringene finnes ikke lenger i Visma Business; ingenting å oppheve.',
  },
  ownerLiftsRestriction: {
    en: 'The restriction set flags on whole records in Visma Business; the system owner lifts it there.',
    nb: 'Begrensningen satte flagg på hele oppføringer i Visma Business; systemeieren opphever den der.',
  },
} satisfies Record<string, SummaryText>;
