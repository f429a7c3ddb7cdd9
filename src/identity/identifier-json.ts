import type { CaseIdentifierEntity } from './case-identifier.entity';

/** An identifier as the case API shows it: the value as given, and how it was established. */
export function toIdentifierJson(row: CaseIdentifierEntity) {
  return {
    id: row.id,
    kind: row.kind,
    value: row.given,
    ...(row.systemId ? { system: row.systemId } : {}),
    basis: row.basis,
    searchable: row.searchable,
    method: row.method,
    reason: row.reason,
    establishedBy: row.establishedBy,
    establishedAt: row.establishedAt?.toISOString() ?? null,
  };
}

export type IdentifierJson = ReturnType<typeof toIdentifierJson>;
