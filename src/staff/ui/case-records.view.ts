import { textOr } from '../../connectors/outcome-summary';
import type { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import type { CaseRecordDiscoveryEntity } from '../../identity/case-record-discovery.entity';
import type { CaseRecordMatchEntity } from '../../identity/case-record-match.entity';
import { fill, type StaffCopy } from './pages/staff-copy';
import { fillWithDates, shownInstant, type DateStyle } from './shown-date';

interface RecordsInput {
  records: CaseRecordMatchEntity[];
  searches: CaseRecordDiscoveryEntity[];
  actionable: CaseRecordMatchEntity[];
  identifiers: Array<Pick<CaseIdentifierEntity, 'id' | 'kind'>>;
  copy: StaffCopy;
  systemName: (systemId: string) => string;
  /** A handler on a case whose tasks have not started. */
  mayDecide: boolean;
  values: Record<string, Record<string, string>>;
  errors: Record<string, Record<string, string>>;
  dates: DateStyle;
}

/** The case page's "Records found": each record with its status and the evidence side by side
 *  (masked), the decision forms for possible matches, and what an approval would cover. */
export function recordsView(input: RecordsInput) {
  const { copy } = input;
  const kindOf = new Map(input.identifiers.map((identifier) => [identifier.id, identifier.kind]));
  const kinds = (ids: string[]) =>
    [...new Set(ids.map((id) => kindOf.get(id)).filter((kind): kind is NonNullable<typeof kind> => Boolean(kind)))].map(
      (kind) => copy.records.kinds[kind] ?? kind,
    );
  const evidence = (list: Array<{ kind: string; value: string }>) =>
    list.map((item) => ({ kind: copy.records.kinds[item.kind] ?? item.kind, value: item.value }));
  return {
    show: input.searches.length > 0 || input.records.length > 0,
    searching: input.searches.some((search) => search.status === 'pending'),
    search: input.searches.map((search) => ({
      system: input.systemName(search.systemId),
      status: search.status,
      statusLabel: copy.records.searchStatus[search.status] ?? search.status,
      error: search.status === 'failed' ? textOr(search.errorText, search.error, input.dates.language) : null,
    })),
    canSearch: input.mayDecide && input.searches.length > 0,
    items: input.records.map((record) => {
      const form = `record-${record.id}`;
      return {
        id: record.id,
        system: input.systemName(record.systemId),
        record: record.label ?? record.recordKind,
        status: record.status,
        statusLabel: copy.records.statuses[record.status] ?? record.status,
        candidate: record.status === 'candidate',
        foundBy: kinds(record.foundBy).join(', '),
        given: evidence(record.evidence.given),
        held: evidence(record.evidence.held),
        decision: record.decidedAt
          ? fillWithDates('{{reason}} ({{at}})', { reason: record.decisionReason ?? '', at: shownInstant(record.decidedAt, input.dates) })
          : '',
        canDecide: input.mayDecide && record.status === 'candidate',
        reason: input.values[form]?.reason ?? '',
        error: input.errors[form]?.reason ?? '',
      };
    }),
    willTouch: input.actionable.map((record) => ({
      system: input.systemName(record.systemId),
      record: record.label ?? record.recordKind,
      matchedBy: fill(copy.records.matchedBy, { kinds: kinds(record.foundBy).join(', ') }),
    })),
  };
}
