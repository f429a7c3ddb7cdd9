import type { CaseEntity } from '../../cases/case.entity';
import type { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import { isEstablished } from '../../identity/identity-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { SystemEntry } from '../../systems/data-map.schema';
import type { CasePreservationEntity } from './preservation.entity';

/** The owner's preservation e-mails: Norwegian first, English after, as every staff e-mail (staff
 *  read both; the staff UI's default language is nb). Dates and the person's identifiers only. */

type Row = Pick<CasePreservationEntity, 'periodFrom' | 'periodTo' | 'deletionOn' | 'retentionPeriod'>;

const KIND: Record<string, string> = {
  name: 'Navn / name',
  email: 'E-post / e-mail',
  phone: 'Telefon / phone',
  customer_number: 'Kundenummer / customer number',
  address: 'Adresse / address',
  system_id: 'ID i system / id in a system',
};

/** Before verification most identifiers are only claimed. Keeping records longer discloses nothing,
 *  so the owner gets them all, each marked, with the warning that they are for keeping only. */
function identifierLines(identifiers: Array<Pick<CaseIdentifierEntity, 'kind' | 'given' | 'basis'>>): string[] {
  if (!identifiers.length) return ['  (ingen / none)'];
  return identifiers.map(
    (identifier) =>
      `  ${KIND[identifier.kind] ?? identifier.kind}: ${identifier.given}${isEstablished(identifier.basis) ? '' : ' (oppgitt, ikke bekreftet / claimed, not verified)'}`,
  );
}

export function composePreservationRequest(
  entity: CaseEntity,
  system: SystemEntry,
  row: Row,
  identifiers: Array<Pick<CaseIdentifierEntity, 'kind' | 'given' | 'basis'>>,
  earlierGoneBefore: string | null,
): ComposedMail {
  const text = [
    `BEVAR NÅ: Sak ${entity.reference} (${entity.type}) kom inn ${entity.receivedOn} og har frist ${entity.effectiveDue}.`,
    `«${system.name}» sletter eller overskriver opplysninger etter ${row.retentionPeriod}. Ta straks vare på opptak og opplysninger om personen fra og med ${row.periodFrom} til og med ${row.periodTo}. De første av dem slettes ${row.deletionOn}.`,
    ...(earlierGoneBefore ? [`Det som er fra før ${earlierGoneBefore}, er allerede slettet etter rutinen.`] : []),
    'Hold dem utenfor rutinemessig sletting til du får beskjed om at saken er avsluttet. Ikke utlever eller endre noe: henvendelsen er ikke bekreftet ennå.',
    '',
    `PRESERVE NOW: Case ${entity.reference} (${entity.type}) was received on ${entity.receivedOn}; its deadline is ${entity.effectiveDue}.`,
    `"${system.name}" deletes or overwrites data after ${row.retentionPeriod}. Preserve the recordings and records about the person from ${row.periodFrom} to ${row.periodTo} inclusive at once. The first of them is deleted on ${row.deletionOn}.`,
    ...(earlierGoneBefore ? [`What is from before ${earlierGoneBefore} has already been deleted by the routine.`] : []),
    'Keep them out of routine deletion until you are told the case has closed. Disclose or change nothing: the request is not verified yet.',
    '',
    'Personen / the person (bare for å bevare / to preserve only):',
    ...identifierLines(identifiers),
  ].join('\n');
  return {
    to: system.owner,
    caseId: entity.id,
    subject: `[${entity.reference}] BEVAR NÅ / PRESERVE NOW: ${system.name} ${row.periodFrom}–${row.periodTo}`,
    text,
  };
}

export function composePreservationEnded(entity: CaseEntity, system: SystemEntry, row: Row, closedOn: string): ComposedMail {
  const text = [
    `Sak ${entity.reference} ble avsluttet ${closedOn}. Opplysningene om personen fra ${row.periodFrom} til ${row.periodTo} i «${system.name}» trenger ikke lenger holdes utenfor rutinemessig sletting for denne saken; bevaringen kan avsluttes.`,
    '',
    `Case ${entity.reference} closed on ${closedOn}. The records about the person from ${row.periodFrom} to ${row.periodTo} in "${system.name}" need no longer be kept out of routine deletion for this case; the preservation may end.`,
  ].join('\n');
  return {
    to: system.owner,
    caseId: entity.id,
    subject: `[${entity.reference}] Bevaring kan avsluttes / preservation may end: ${system.name}`,
    text,
  };
}
