import type { Language } from '../../common/case-types';
import { keepWordsIn as lawIn } from '../plan/plan-texts';
import { humanDate } from '../../common/human-date';
import type { SummaryText } from '../connector';
import { counted, fieldsIn, textIn } from '../outcome-summary';

const lines = (count: number, language: Language) => (language === 'nb' ? counted(count, 'linje', 'linjer') : counted(count, 'line', 'lines'));

/** Plan rows for Visma Business in each staff language (visma-plan.ts keeps the English `label`
 *  and `note` with their YYYY-MM-DD dates for the REST API). */
export const VISMA_PLAN = {
  voucher: (no: number | string, date: string): SummaryText =>
    textIn((language) => `${language === 'nb' ? 'Bilag' : 'Voucher'} ${no} · ${humanDate(date, language)}`),
  order: (no: number, date: string): SummaryText => textIn((language) => `${language === 'nb' ? 'Ordre' : 'Order'} ${no} · ${humanDate(date, language)}`),
  customer: (no: number): SummaryText => ({ en: `Customer ${no}`, nb: `Kunde ${no}` }),
  associate: (no: number): SummaryText => ({ en: `Associate ${no}`, nb: `Aktør ${no}` }),
  contactAt: (associateNo: number): SummaryText => ({ en: `Contact person at associate ${associateNo}`, nb: `Kontaktperson hos aktør ${associateNo}` }),

  wholeRecord: { en: 'the whole record: nothing in particular is contested', nb: 'hele oppføringen: ingenting bestemt er bestridt' },
  holdsContested: (fields: readonly string[]): SummaryText => ({
    en: `holds the contested ${fieldsIn(fields, 'en')}; nothing else on it is restricted`,
    nb: `har de bestridte feltene ${fieldsIn(fields, 'nb')}; ingenting annet på den begrenses`,
  }),
  holdsNoneContested: (contested: readonly string[]): SummaryText => ({
    en: `holds none of the contested fields (${fieldsIn(contested, 'en')})`,
    nb: `har ingen av de bestridte feltene (${fieldsIn(contested, 'nb')})`,
  }),
  holdsOtherValues: (fields: readonly string[]): SummaryText => ({
    en: `holds ${fieldsIn(fields, 'en')} with another value`,
    nb: `har ${fieldsIn(fields, 'nb')} med en annen verdi`,
  }),
  nothingToCorrect: {
    en: 'already holds the corrected values, or none of the fields',
    nb: 'har allerede de rettede verdiene, eller ingen av feltene',
  },
  cardKeptMinimal: (keeps: number): SummaryText => ({
    en: `kept minimal while ${counted(keeps, 'kept voucher or invoiced order needs', 'kept vouchers and invoiced orders need')} it: e-mail and phone numbers blanked; name, customer number and address stay`,
    nb: `beholdes minimal så lenge ${counted(keeps, 'beholdt bilag eller fakturert ordre', 'beholdte bilag og fakturerte ordrer')} trenger den: e-postadresse og telefonnumre tømmes; navn, kundenummer og adresse blir stående`,
  }),
  cardNotNeeded: { en: 'no voucher or invoiced order needs the customer record', nb: 'ingen bilag eller fakturerte ordrer trenger kundeoppføringen' },
  contactKeptMinimal: (keptWith: 'card' | 'ledger'): SummaryText =>
    keptWith === 'card'
      ? {
          en: 'kept minimal with the kept customer record: e-mail and phone numbers blanked, the name stays',
          nb: 'beholdes minimal sammen med den beholdte kundeoppføringen: e-postadresse og telefonnumre tømmes, navnet blir stående',
        }
      : {
          en: "kept minimal with the company's kept ledger: e-mail and phone numbers blanked, the name stays",
          nb: 'beholdes minimal sammen med virksomhetens beholdte reskontro: e-postadresse og telefonnumre tømmes, navnet blir stående',
        },
  openBalance: {
    en: 'the customer ledger has an open balance: settle or write it off before erasing',
    nb: 'kundereskontroen har en åpen saldo: gjør den opp eller avskriv den før sletting',
  },
  keptUntil: (law: string, until: string): SummaryText =>
    textIn((language) => `${lawIn(law, language)}: ${language === 'nb' ? 'beholdes til' : 'kept until'} ${humanDate(until, language)}`),
  pastLimit: (law: string, since: string): SummaryText =>
    textIn((language) =>
      language === 'nb' ? `over fristen i ${lawIn(law, 'nb')} siden ${humanDate(since, 'nb')}` : `past the limit of ${law} since ${humanDate(since, 'en')}`,
    ),
  orderNotInvoiced: (lineCount: number): SummaryText =>
    textIn((language) =>
      language === 'nb'
        ? `ikke fakturert, altså ikke regnskapsdokumentasjon: ordren slettes med ${lines(lineCount, 'nb')} og leveringsadressen`
        : `not invoiced, so not accounting documentation: the order with its ${lines(lineCount, 'en')} and delivery address is deleted`,
    ),
  orderKept: (lineCount: number, law: string, until: string): SummaryText =>
    textIn((language) =>
      language === 'nb'
        ? `fakturert (salgsdokumentasjon), med ${lines(lineCount, 'nb')}; ${lawIn(law, 'nb')}: beholdes til ${humanDate(until, 'nb')}`
        : `invoiced (sales documentation), with its ${lines(lineCount, 'en')}; ${law}: kept until ${humanDate(until, 'en')}`,
    ),
  orderPastLimit: (lineCount: number, law: string, since: string): SummaryText =>
    textIn((language) =>
      language === 'nb'
        ? `fakturert, over fristen i ${lawIn(law, 'nb')} siden ${humanDate(since, 'nb')}; slettes med ${lines(lineCount, 'nb')}`
        : `invoiced, past the limit of ${law} since ${humanDate(since, 'en')}; deleted with its ${lines(lineCount, 'en')}`,
    ),
};
