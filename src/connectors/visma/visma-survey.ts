import type { PlanRequest, RetentionRules, Subject, SurveyedRecord } from '../connector';
import { proposeVismaPlan, type VismaSnapshot } from './visma-plan';
import type { VismaRecords } from './visma-records';

/** Reads the subject's records as erasure would touch them (changing nothing): its associates with
 *  their contact persons, ledger and orders, and contact persons matched at another company with that
 *  company's ledger (which decides whether they must stay). */
export async function readVismaSnapshot(records: VismaRecords, subject: Subject): Promise<VismaSnapshot> {
  const found = await records.subjectRecords(subject);
  const matchedNos = found.associates.map((associate) => associate.associateNo);
  const directContacts = found.contacts.filter((contact) => !matchedNos.includes(contact.associateNo));
  const contacts = await records.contactsOf(matchedNos);
  const parents = await records.associatesByNo(directContacts.map((contact) => contact.associateNo));
  const ledger = await records.transactionsOf([...found.associates, ...parents].map((associate) => associate.customerNo));
  const orders = await records.ordersOf(found.associates.map((associate) => associate.customerNo));
  const orderLines = await records.orderLinesOf(orders.map((order) => order.orderNo));
  return { associates: found.associates, contacts, directContacts, parents, ledger, orders, orderLines };
}

export async function surveyVisma(
  records: VismaRecords,
  subject: Subject,
  request: PlanRequest,
  retention: RetentionRules,
  financialYearStart: string,
): Promise<SurveyedRecord[]> {
  return proposeVismaPlan(await readVismaSnapshot(records, subject), request, retention, financialYearStart);
}
