import type { CasePreservationEntity } from '../../connectors/manual/preservation.entity';
import { fill, type StaffCopy } from './pages/staff-copy';
import { formatInstant } from './staff-format';

/** The case page's "Preservation" section: each system checked at receipt, the days to keep, the
 *  first day at risk, and whether the owner was asked and told it may end. */
export function preservationView(input: { rows: CasePreservationEntity[]; systemName: (id: string) => string; copy: StaffCopy; tz: string }) {
  const words = input.copy.preservation;
  return input.rows.map((row) => ({
    system: input.systemName(row.systemId),
    status: row.status,
    period: fill(words.period, { from: row.periodFrom, to: row.periodTo }),
    state:
      row.status === 'requested'
        ? fill(words.requested, { at: formatInstant(row.requestedAt, input.tz), day: row.deletionOn })
        : row.status === 'not_held'
          ? fill(words.notHeld, { day: row.deletionOn })
          : fill(words.notNeeded, { day: row.deletionOn }),
    ended: row.endedAt ? fill(words.ended, { at: formatInstant(row.endedAt, input.tz) }) : '',
  }));
}
