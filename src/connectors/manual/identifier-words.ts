import type { Language } from '../../common/case-types';

/** Identifier kinds as owners' e-mails name them. */
export const IDENTIFIER_KIND_WORDS: Record<Language, Record<string, string>> = {
  nb: { name: 'Navn', email: 'E-post', phone: 'Telefon', customer_number: 'Kundenummer', address: 'Adresse', system_id: 'ID i system' },
  en: { name: 'Name', email: 'E-mail', phone: 'Phone', customer_number: 'Customer number', address: 'Address', system_id: 'Id in a system' },
};
