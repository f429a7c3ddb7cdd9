import type { SystemEntry } from '../../systems/data-map.schema';

/** Why an owner address in the data map cannot yet do its tasks in the staff UI. */
export type OwnerAccountGap = 'missing' | 'inactive' | 'invited';

export interface OwnerWithoutAccount {
  /** As the data map writes it, lower-cased (staff e-mails are stored lower-cased). */
  email: string;
  gap: OwnerAccountGap;
  systems: Array<{ id: string; name: string }>;
}

export interface OwnerAccountState {
  email: string;
  active: boolean;
  /** Never signed in and never set a password: an invitation not yet taken up. */
  pending: boolean;
}

/**
 * Every owner address of the data map without a staff account it can use: none at all, one that
 * is deactivated, or one created by an invitation that has not been taken up. A system owner
 * sees their manual tasks only through an account with their address (staff-tasks.page.ts).
 */
export function ownersWithoutAccount(systems: readonly SystemEntry[], accounts: readonly OwnerAccountState[]): OwnerWithoutAccount[] {
  const byOwner = new Map<string, Array<{ id: string; name: string }>>();
  for (const system of systems) {
    const email = system.owner.trim().toLowerCase();
    byOwner.set(email, [...(byOwner.get(email) ?? []), { id: system.id, name: system.name }]);
  }
  const found: OwnerWithoutAccount[] = [];
  for (const [email, owned] of byOwner) {
    const account = accounts.find((candidate) => candidate.email === email);
    const gap: OwnerAccountGap | null = !account ? 'missing' : !account.active ? 'inactive' : account.pending ? 'invited' : null;
    if (gap) found.push({ email, gap, systems: owned });
  }
  return found.sort((left, right) => left.email.localeCompare(right.email));
}

/** The start-up line: how many, and which systems (ids only: the owner addresses are personal data). */
export function ownersStartupLine(gaps: readonly OwnerWithoutAccount[]): string | null {
  if (!gaps.length) return null;
  const systems = gaps.flatMap((gap) => gap.systems.map((system) => system.id));
  return `${gaps.length} system owner address(es) in the data map have no staff account they can use (systems: ${systems.join(', ')}); an admin can invite them on /staff/systems`;
}
