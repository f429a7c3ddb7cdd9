import type { CasePreservationEntity } from '../../connectors/manual/preservation.entity';
import type { StaffCopy } from './pages/staff-copy';
import { fillWithDates, shownDay, shownInstant, type DateStyle } from './shown-date';

/** The case page's "Preservation" section: each system checked at receipt, the days to keep, the
 *  first day at risk, and whether the owner was asked and told it may end. */
export function preservationView(input: { rows: CasePreservationEntity[]; systemName: (id: string) => string; copy: StaffCopy; dates: DateStyle }) {
  const words = input.copy.preservation;
  return input.rows.map((row) => ({
    system: input.systemName(row.systemId),
    status: row.status,
    period: fillWithDates(words.period, { from: shownDay(row.periodFrom, input.dates), to: shownDay(row.periodTo, input.dates) }),
    state:
      row.status === 'requested'
        ? fillWithDates(words.requested, { at: shownInstant(row.requestedAt, input.dates), day: shownDay(row.deletionOn, input.dates) })
        : row.status === 'not_held'
          ? fillWithDates(words.notHeld, { day: shownDay(row.deletionOn, input.dates) })
          : fillWithDates(words.notNeeded, { day: shownDay(row.deletionOn, input.dates) }),
    ended: row.endedAt ? fillWithDates(words.ended, { at: shownInstant(row.endedAt, input.dates) }) : '',
  }));
}
