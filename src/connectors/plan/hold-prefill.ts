import { DateTime, Duration } from 'luxon';
import { humanDate } from '../../common/human-date';
import type { KeepDecision, PlanAction, RetentionRules, SummaryText } from '../connector';
import { textIn } from '../outcome-summary';

type LegalHold = RetentionRules['legalHolds'][number];

/** What a legal hold in the data map means for one record on `today`: keep it (with the basis and
 *  until-date pre-filled for the handler), or, once its period has run out, erase it now. */
export type HoldProposal =
  { action: 'keep'; keep: KeepDecision; note: string; noteText: SummaryText } | { action: 'erase'; note: string; noteText: SummaryText };

/** The proposals' notes in each staff language; `records` are the data map's own words. */
export const HOLD_NOTES = {
  noDate: (records: string): SummaryText => ({
    en: `legal hold: ${records} (no readable record date)`,
    nb: `oppbevaringsplikt: ${records} (oppføringen har ingen lesbar dato)`,
  }),
  pastLimit: (records: string, until: string): SummaryText =>
    textIn((language) =>
      language === 'nb'
        ? `oppbevaringsplikten (${records}) løp ut ${humanDate(until, 'nb')}: slett nå`
        : `past the legal hold's limit (${records}) since ${humanDate(until, 'en')}: erase now`,
    ),
  keptUntil: (records: string, until: string): SummaryText =>
    textIn((language) =>
      language === 'nb' ? `oppbevaringsplikt: ${records}, til ${humanDate(until, 'nb')}` : `legal hold: ${records}, until ${humanDate(until, 'en')}`,
    ),
};

const FROM_RECORD_DATE = new Set(['record-date', 'transaction-date', 'voucher-date', 'entry-date']);
const BOOKKEEPING = /bokføring/i;

/**
 * Connectors call this for each record a hold covers: the hold's period runs from the end of the
 * record's financial year (default; the calendar year unless `financialYearStart` MM-DD says
 * otherwise) or from the record's own date, and lasts `keepFor`. The law is the data map's basis
 * without the GDPR article prefix; a bookkeeping hold allows bookkeeping use only.
 */
export function holdProposal(hold: LegalHold, recordDate: string, today: string, financialYearStart = '01-01'): HoldProposal {
  const date = DateTime.fromISO(recordDate, { zone: 'utc' });
  const keepFor = Duration.fromISO(hold.keepFor);
  if (!date.isValid || !keepFor.isValid)
    return {
      action: 'keep',
      keep: keepOf(hold, undefined),
      note: `legal hold: ${hold.records} (no readable record date)`,
      noteText: HOLD_NOTES.noDate(hold.records),
    };
  const start = FROM_RECORD_DATE.has(hold.from ?? '') ? date : financialYearEnd(date, financialYearStart);
  const until = start.plus(keepFor).toISODate() as string;
  if (until < today) {
    return {
      action: 'erase',
      note: `past the legal hold's limit (${hold.records}) since ${until}: erase now`,
      noteText: HOLD_NOTES.pastLimit(hold.records, until),
    };
  }
  return {
    action: 'keep',
    keep: keepOf(hold, until),
    note: `legal hold: ${hold.records}, until ${until}`,
    noteText: HOLD_NOTES.keptUntil(hold.records, until),
  };
}

/** The first hold whose records-description the connector says applies to this record. */
export function proposalFor(
  holds: LegalHold[],
  applies: (hold: LegalHold) => boolean,
  recordDate: string | undefined,
  today: string,
): { proposed: PlanAction; keep?: KeepDecision; note?: string; noteText?: SummaryText } | null {
  const hold = holds.find(applies);
  if (!hold) return null;
  const proposal = holdProposal(hold, recordDate ?? '', today);
  const { note, noteText } = proposal;
  return proposal.action === 'keep' ? { proposed: 'keep', keep: proposal.keep, note, noteText } : { proposed: 'erase', note, noteText };
}

function financialYearEnd(date: DateTime, start: string): DateTime {
  const [month, day] = start.split('-').map(Number);
  let first = date.set({ month, day }).startOf('day');
  if (first > date) first = first.minus({ years: 1 });
  return first.plus({ years: 1 }).minus({ days: 1 });
}

function keepOf(hold: LegalHold, until: string | undefined): KeepDecision {
  const law = hold.basis.replace(/^GDPR[^,]*,\s*/i, '').trim() || hold.basis;
  return {
    basis: 'legal_obligation',
    law,
    ...(until ? { until } : { criterion: `as long as ${law} requires` }),
    allowedUse: BOOKKEEPING.test(hold.basis) ? 'bookkeeping, audit and tax control' : 'legal_obligation',
    restrict: true,
  };
}
