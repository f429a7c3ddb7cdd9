import { outcomeText } from '../staff/ui/case-page.presenter';
import { summarised, summaryIn } from './outcome-summary';
import { eraseFromVisma, eraseHeldInVisma, type VismaLayout } from './visma/visma-erasure';
import type { VismaRecords } from './visma/visma-records';

/** A Visma Business in which nobody is found. */
const emptyVisma = {
  subjectRecords: () => Promise.resolve({ associates: [], contacts: [] }),
  associatesByNo: () => Promise.resolve([]),
  contactsByNo: () => Promise.resolve([]),
} as unknown as VismaRecords;
const layout = { flags: {}, financialYearStart: '01-01' } as unknown as VismaLayout;

describe('connector summaries in the staff member’s language', () => {
  it('a connector gives its summary in nb and en, the English also as the plain summary', async () => {
    const outcome = await eraseFromVisma(emptyVisma, { email: 'ola@example.no' }, { legalHolds: [] }, '2026-12-05', layout);
    expect(outcome).toMatchObject({
      status: 'not_found',
      summary: 'No customer or contact person in Visma Business matches the subject (already erased, or never held).',
      summaryText: {
        en: 'No customer or contact person in Visma Business matches the subject (already erased, or never held).',
        nb: 'Ingen kunde eller kontaktperson i Visma Business samsvarer med den registrerte (allerede slettet, eller aldri registrert).',
      },
    });
  });

  it('the case page shows the stored outcome in the reader’s language', async () => {
    const outcome = (await eraseHeldInVisma(emptyVisma, { associateNos: [7], contactNos: [] }, { legalHolds: [] }, '2026-12-05', layout)) as Record<
      string,
      unknown
    >;
    expect(outcomeText({ outcome }, 'nb')).toBe(
      'Oppføringene som ble holdt tilbake etter denne oppbevaringsplikten, finnes ikke lenger i Visma Business (allerede slettet).',
    );
    expect(outcomeText({ outcome }, 'en')).toBe('The records this hold kept are no longer in Visma Business (already erased).');
  });

  it('an outcome stored before translations, or written by a person, is shown as written', () => {
    expect(outcomeText({ outcome: { status: 'not_found', summary: 'No Zendesk user matches the subject exactly' } }, 'nb')).toBe(
      'No Zendesk user matches the subject exactly',
    );
    expect(outcomeText({ outcome: { status: 'done', summary: 'Slettet for hånd i arkivet' } }, 'en')).toBe('Slettet for hånd i arkivet');
  });

  it('a summary that is the task’s error is not repeated, translated or not', () => {
    const outcome = { status: 'failed', ...summarised({ en: 'Visma refused', nb: 'Visma nektet' }) };
    expect(outcomeText({ outcome, error: 'Visma refused' }, 'nb')).toBe('');
  });

  it('a malformed translation falls back to the plain summary', () => {
    expect(summaryIn({ summary: 'Deleted', summaryText: { en: 'Deleted' } }, 'nb')).toBe('Deleted');
    expect(summaryIn({ summary: 'Deleted', summaryText: 'Slettet' }, 'nb')).toBe('Deleted');
    expect(summaryIn(null, 'nb')).toBeUndefined();
  });
});
