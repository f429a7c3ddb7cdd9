import type { Language } from '../../common/case-types';
import type { Disposition } from '../../common/dispositions/disposition';
import type { ControllerInfo } from '../../systems/data-map.schema';
import type { LetterFacts, LetterKind, TaskFact } from './letter-facts';

/**
 * A sample case for each letter kind: the facts that make `letterKind` choose it. The letter
 * specs read them, and the template page previews a company's words on them (with the company's
 * own letterhead), so the preview runs the very composer and renderers the real letters use.
 */
const SAMPLE_CONTROLLER: ControllerInfo = { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no' };

export const sampleTask = (overrides: Partial<TaskFact>): TaskFact => ({
  systemId: 'zendesk',
  systemName: 'Zendesk Support',
  action: 'erase',
  status: 'done',
  dispositions: [],
  ...overrides,
});

export const sampleVismaTask = (overrides: Partial<TaskFact>) => sampleTask({ systemId: 'visma', systemName: 'Visma Business', ...overrides });

export const SECTION_13: Disposition = {
  kind: 'kept',
  what: 'voucher',
  count: 12,
  basis: 'legal_obligation',
  law: 'bokføringsloven § 13 (5-year rule)',
  until: '2030-12-31',
  allowedUse: 'bookkeeping, audit and tax control',
};

export function sampleLetterFacts(kind: LetterKind, language: Language, controller: ControllerInfo = SAMPLE_CONTROLLER): LetterFacts {
  const base: LetterFacts = {
    language,
    reference: 'DSR-2026-000123',
    type: 'access',
    receivedOn: '2026-03-05',
    answeredOn: '2026-03-20',
    controller,
    tasks: [],
    changes: [],
    notified: [],
    notNotified: [],
  };
  switch (kind) {
    case 'access':
      return {
        ...base,
        tasks: [
          sampleTask({
            action: 'export',
            dispositions: [
              { kind: 'disclosed', what: 'user', count: 1 },
              { kind: 'disclosed', what: 'ticket', count: 5 },
            ],
          }),
        ],
        download: { statusUrl: 'https://dsr.example/status/abc', expiresOn: '2026-04-19' },
      };
    case 'portability':
      return {
        ...base,
        type: 'portability',
        tasks: [sampleTask({ action: 'export', dispositions: [{ kind: 'disclosed', what: 'ticket', count: 2 }] })],
        download: { statusUrl: 'https://dsr.example/status/abc', expiresOn: '2026-04-19' },
      };
    case 'rectification':
      return {
        ...base,
        type: 'rectification',
        tasks: [
          sampleVismaTask({
            action: 'rectify',
            dispositions: [{ kind: 'corrected', what: 'customer', field: 'phone', old: '+4791234567', new: '+4799999999' }],
          }),
        ],
        changes: [{ field: 'phone', new: '+4799999999' }],
        notified: [{ name: 'Revisor AS', system: 'Visma Business' }],
      };
    case 'erasure':
      return {
        ...base,
        type: 'erasure',
        tasks: [
          sampleTask({
            dispositions: [
              { kind: 'erased', what: 'user', count: 1 },
              { kind: 'anonymised', what: 'ticket-comment', count: 2 },
            ],
          }),
        ],
        notified: [{ name: 'Zendesk Inc.', system: 'Zendesk Support' }],
      };
    case 'erasure-partial':
      return {
        ...base,
        type: 'erasure',
        tasks: [
          sampleTask({ dispositions: [{ kind: 'erased', what: 'user', count: 1 }] }),
          sampleVismaTask({ status: 'retained', dispositions: [{ kind: 'erased', what: 'contact-person', count: 1 }, SECTION_13] }),
        ],
        notified: [{ name: 'Revisor AS', system: 'Visma Business' }],
      };
    case 'objection':
      return {
        ...base,
        type: 'objection',
        tasks: [
          sampleTask({
            systemName: 'HubSpot CRM',
            action: 'restrict',
            dispositions: [{ kind: 'suppressed', what: 'contact', count: 1, channels: ['email'], minimalEntryOnly: false }],
          }),
        ],
        objection: { processing: 'direct_marketing', decision: null },
      };
    case 'objection-refused':
      return {
        ...base,
        type: 'objection',
        tasks: [],
        objection: { processing: 'legitimate_interest', decision: 'compelling_grounds', grounds: 'CCTV is needed after three break-ins this year.' },
      };
    case 'restriction':
      return {
        ...base,
        type: 'restriction',
        tasks: [
          sampleTask({ action: 'restrict', dispositions: [{ kind: 'restricted', what: 'ticket', count: 3, how: 'tagged restricted, hidden from agents' }] }),
        ],
        notified: [{ name: 'Zendesk Inc.', system: 'Zendesk Support' }],
      };
    case 'forwarded':
      return {
        ...base,
        type: 'erasure',
        tasks: [
          sampleTask({
            systemName: 'Cargonizer',
            action: 'forward',
            status: 'forwarded',
            dispositions: [{ kind: 'forwarded', to: 'Nettbutikken AS', at: '2026-03-12' }],
          }),
        ],
      };
    case 'refusal':
      return { ...base, rejection: { code: 'manifestly_unfounded', reason: 'The request asks for data of another person.' } };
    case 'nothing-held':
      return {
        ...base,
        type: 'erasure',
        tasks: [
          sampleTask({
            systemName: 'CCTV',
            status: 'not_found',
            dispositions: [{ kind: 'not_held', reason: 'routine_deletion', routine: 'overwritten after 7 days' }],
          }),
        ],
      };
    case 'answer':
      return { ...base, type: 'erasure', tasks: [sampleVismaTask({ status: 'retained', dispositions: [SECTION_13] })] };
  }
}
