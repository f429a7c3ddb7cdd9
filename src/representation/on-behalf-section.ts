import type { EntityManager } from 'typeorm';
import type { Language } from '../common/case-types';
import type { CaseEntity } from '../cases/case.entity';
import { answerAddress } from './answer-address';
import { CaseRepresentationEntity } from './case-representation.entity';
import type { AuthorityStatus, Relationship } from './representation-types';

const COPY: Record<
  Language,
  {
    title: string;
    lead: string;
    name: string;
    email: string;
    relationship: string;
    relationships: Record<Relationship, string>;
    coversAnswer: string;
    yes: string;
    no: string;
    authority: string;
    statuses: Record<AuthorityStatus, string>;
    document: string;
    download: string;
    deleted: string;
    byPost: string;
    answerTo: string;
    toSubject: string;
    toRepresentative: string;
    accept: string;
    acceptHelp: string;
    coversAnswerCheck: string;
    reject: string;
    rejectHelp: string;
    reason: string;
  }
> = {
  nb: {
    title: 'På vegne av',
    lead: 'Forespørselen kom fra en annen enn den opplysningene gjelder. Ingenting kjøres før fullmakten er godtatt.',
    name: 'Navn',
    email: 'E-post',
    relationship: 'Forhold',
    relationships: { parent_guardian: 'Forelder eller verge', power_of_attorney: 'Advokat / fullmakt', other: 'Annet' },
    coversAnswer: 'Fullmakten dekker å motta svaret',
    yes: 'Ja',
    no: 'Nei',
    authority: 'Fullmakt',
    statuses: { pending: 'Ikke avgjort', accepted: 'Godtatt', rejected: 'Ikke godtatt' },
    document: 'Dokument',
    download: 'Last ned',
    deleted: 'slettet',
    byPost: 'Personen opplysningene gjelder har ingen e-postadresse, og fullmakten dekker ikke å motta svaret: svaret må sendes i posten.',
    answerTo: 'Svaret går til',
    toSubject: 'personen opplysningene gjelder',
    toRepresentative: 'den som spør på vegne',
    accept: 'Godta fullmakten',
    acceptHelp: 'Identifikatorene som er oppgitt for personen blir bekreftet av deg («fullmaktsdokument kontrollert»), og saken kjøres.',
    coversAnswerCheck: 'Fullmakten dekker å motta svaret',
    reject: 'Avvis fullmakten',
    rejectHelp: 'Saken avvises, og den som spurte får et brev med begrunnelsen.',
    reason: 'Begrunnelse',
  },
  en: {
    title: 'On behalf of',
    lead: 'The request came from someone other than the person the data is about. Nothing runs until the authority is accepted.',
    name: 'Name',
    email: 'E-mail',
    relationship: 'Relationship',
    relationships: { parent_guardian: 'Parent or guardian', power_of_attorney: 'Lawyer / power of attorney', other: 'Other' },
    coversAnswer: 'Authority covers receiving the answer',
    yes: 'Yes',
    no: 'No',
    authority: 'Authority',
    statuses: { pending: 'Not decided', accepted: 'Accepted', rejected: 'Not accepted' },
    document: 'Document',
    download: 'Download',
    deleted: 'deleted',
    byPost: 'The person the data is about has no e-mail address and the authority does not cover receiving the answer: the answer has to go by post.',
    answerTo: 'The answer goes to',
    toSubject: 'the person the data is about',
    toRepresentative: 'the representative',
    accept: 'Accept the authority',
    acceptHelp: 'The identifiers given for the person become confirmed by you ("authority document checked"), and the case runs.',
    coversAnswerCheck: 'The authority covers receiving the answer',
    reject: 'Refuse the authority',
    rejectHelp: 'The case is rejected, and the representative gets a letter with the reason.',
    reason: 'Reason',
  },
};

/** The case page's "On behalf of" section, or null for a request the person made themselves. */
export async function onBehalfSection(manager: EntityManager, entity: CaseEntity, language: Language, canDecide: boolean) {
  const row = await manager.findOne(CaseRepresentationEntity, {
    where: { caseId: entity.id },
    select: {
      id: true,
      name: true,
      email: true,
      relationship: true,
      coversAnswer: true,
      status: true,
      decisionReason: true,
      documentType: true,
      documentSize: true,
      documentDeletedAt: true,
    },
  });
  if (!row) return null;
  const copy = COPY[language];
  const answer = await answerAddress(manager, entity);
  const kb = Math.max(1, Math.round(row.documentSize / 1024));
  return {
    copy,
    status: row.status,
    rows: [
      { label: copy.name, value: row.name },
      { label: copy.email, value: row.email },
      { label: copy.relationship, value: copy.relationships[row.relationship] },
      { label: copy.coversAnswer, value: row.coversAnswer ? copy.yes : copy.no },
      { label: copy.authority, value: `${copy.statuses[row.status]}${row.decisionReason ? ` – ${row.decisionReason}` : ''}` },
      { label: copy.answerTo, value: answer.recipient === 'representative' ? copy.toRepresentative : copy.toSubject },
    ],
    document: {
      label: `${row.documentType}, ${kb} KB${row.documentDeletedAt ? ` (${copy.deleted})` : ''}`,
      url: row.documentDeletedAt ? null : `/staff/cases/${encodeURIComponent(entity.reference)}/authority/document`,
    },
    byPost: !answer.to,
    canDecide: canDecide && row.status === 'pending' && !entity.closedAt,
    coversAnswerChecked: row.coversAnswer,
  };
}
