import { z } from 'zod';
import { REQUEST_TYPES } from '../common/case-types';
import { CHANNELS } from '../common/dispositions/disposition';
import { recipientFields, withRecipients, type Recipient } from './recipients.schema';
import { localizedText, plainText, type LocalizedText } from './localized-text';
import { checkProcessorControllers, partyLanguage, processorControllerFields } from './processor-controllers.schema';

/** The data map (SYSTEMS_FILE, reference in docs/data-map.md): who the controller is, and for every
 *  system that holds personal data, how to reach it and what the law needs said about it. */

const isoDuration = z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/, 'must be an ISO-8601 duration such as P5Y, P4M or P7D');

const legalHold = z.object({
  records: localizedText,
  basis: localizedText,
  keepFor: isoDuration,
  from: z.enum(['end-of-financial-year', 'record-date', 'end-of-contract']).default('end-of-financial-year'),
});

/** A company that processes the system's data for our marketing (an SMS gateway, a mailing house):
 *  an objection to direct marketing instructs each to stop (Art 21(3), Art 28(3)(a)). */
const marketingProcessor = z
  .object({
    name: z.string().min(1),
    contact: z.string().email('must be the e-mail address the instruction goes to'),
    language: partyLanguage,
  })
  .strict();

const SECRET_KEY = /(secret|token|password|apikey|api_key|key)$/i;

/** A connection setting: plain values, lists, and (for the declarative `http` and `sql` connectors)
 *  nested objects such as request templates and table lists; each connector checks its own shape. */
type ConnectionValue = string | number | boolean | null | ConnectionValue[] | { [key: string]: ConnectionValue };
const connectionValue: z.ZodType<ConnectionValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(connectionValue), z.record(z.string(), connectionValue)]),
);

/** Every key at any depth that looks like an inline secret, with its path. */
function inlineSecrets(value: ConnectionValue, path: Array<string | number>): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((item, index) => inlineSecrets(item, [...path, index]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(SECRET_KEY.test(key) && typeof item !== 'object' ? [[...path, key]] : []),
    ...inlineSecrets(item, [...path, key]),
  ]);
}

const connection = z
  .record(z.string(), connectionValue)
  .default({})
  .superRefine((value, ctx) => {
    for (const path of inlineSecrets(value, [])) {
      const key = String(path[path.length - 1]);
      ctx.addIssue({
        code: 'custom',
        path,
        message: `looks like an inline secret: name the environment variable instead (e.g. ${key}Env: MY_${key.toUpperCase()})`,
      });
    }
  });

export const systemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes (it is used in task ids)'),
    name: localizedText,
    connector: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a connector type such as zendesk, visma, hubspot, manual'),
    role: z.enum(['controller', 'processor']).default('controller'),
    controllerName: z.string().min(1).optional(),
    controllerContact: z.string().email('must be an e-mail address').optional(),
    ...processorControllerFields,
    owner: z.string().email('must be the e-mail address of the person responsible'),
    connection,
    categories: z.array(localizedText).min(1, 'list at least one category of personal data'),
    purposes: z.array(localizedText).min(1, 'list at least one purpose'),
    legalBasis: localizedText,
    ...recipientFields,
    /** Where the data comes from (Art 14(2)(f)); the default is written in the reader's language. */
    source: localizedText.default('the data subject'),
    retention: z
      .object({ period: isoDuration.optional(), criteria: localizedText.optional(), basis: localizedText.optional() })
      .refine((value) => value.period || value.criteria, 'give a period (ISO duration) or the criteria that decide how long data is kept'),
    legalHolds: z.array(legalHold).default([]),
    /** Art 15(1)(h) and Art 15(2) in the access answer; 'none' is written in the reader's language. */
    automatedDecisions: localizedText.default('none'),
    transfersOutsideEea: localizedText.default('none'),
    /** Portability covers data the person provided under consent or contract, processed by automated means. */
    portable: z.boolean().default(false),
    /** Labels of the system's fields (and record types) in the readable copy: name → text or {nb, en}. */
    fieldLabels: z.record(z.string().min(1), localizedText).default({}),
    /** Channels the system is used to market on; a manual system's owner is told to stop exactly these. */
    marketingChannels: z.array(z.enum(CHANNELS)).min(1).optional(),
    marketingProcessors: z.array(marketingProcessor).default([]),
  })
  .superRefine((system, ctx) => {
    const names = system.marketingProcessors.map((processor) => processor.name.trim().toLowerCase());
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) ctx.addIssue({ code: 'custom', path: ['marketingProcessors', index, 'name'], message: `"${name}" is listed twice` });
    });
    checkProcessorControllers(system, ctx);
  })
  .transform(withRecipients)
  .transform(withTexts);

/** The texts a person reads, as written (translations kept); see withTexts. */
export interface SystemTexts {
  name: LocalizedText;
  legalBasis: LocalizedText;
  purposes: LocalizedText[];
  categories: LocalizedText[];
  retention: { criteria?: LocalizedText; basis?: LocalizedText };
  /** Each legal hold's records and basis, in the order of `legalHolds`. */
  legalHolds: Array<{ records: LocalizedText; basis: LocalizedText }>;
  /** Each recipient proper's line, in the order of `recipients`. */
  recipients: LocalizedText[];
}

type LegalHoldInput = z.infer<typeof legalHold>;
type PlainHold = Omit<LegalHoldInput, 'records' | 'basis'> & { records: string; basis: string };

interface PlainTexts {
  name: string;
  legalBasis: string;
  purposes: string[];
  categories: string[];
  retention: { period?: string; criteria?: string; basis?: string };
  legalHolds: PlainHold[];
  texts: SystemTexts;
}

interface TextInput {
  name: LocalizedText;
  legalBasis: LocalizedText;
  purposes: LocalizedText[];
  categories: LocalizedText[];
  retention: { period?: string; criteria?: LocalizedText; basis?: LocalizedText };
  legalHolds: LegalHoldInput[];
  recipientList: Recipient[];
}

/**
 * Keeps the texts plain strings (the English, else the only text) for the engine's rules, ids in
 * e-mails to machines and matching (a `keep.hold` names a hold by its records), and the
 * translations under `texts` for whoever reads them: the requester's answer in theirs, staff pages
 * and staff e-mails in the staff member's (systemText reads them).
 */
function withTexts<T extends TextInput>(system: T): Omit<T, keyof PlainTexts> & PlainTexts {
  const { criteria, basis } = system.retention;
  return {
    ...system,
    name: plainText(system.name),
    legalBasis: plainText(system.legalBasis),
    purposes: system.purposes.map(plainText),
    categories: system.categories.map(plainText),
    retention: {
      ...(system.retention.period !== undefined ? { period: system.retention.period } : {}),
      ...(criteria !== undefined ? { criteria: plainText(criteria) } : {}),
      ...(basis !== undefined ? { basis: plainText(basis) } : {}),
    },
    legalHolds: system.legalHolds.map((hold) => ({ ...hold, records: plainText(hold.records), basis: plainText(hold.basis) })),
    texts: {
      name: system.name,
      legalBasis: system.legalBasis,
      purposes: system.purposes,
      categories: system.categories,
      retention: { criteria, basis },
      legalHolds: system.legalHolds.map((hold) => ({ records: hold.records, basis: hold.basis })),
      recipients: system.recipientList.filter((recipient) => recipient.kind === 'recipient').map((recipient) => recipient.texts),
    },
  };
}

export const dataMapSchema = z
  .object({
    controller: z.object({
      name: z.string().min(1),
      orgNumber: z.string().optional(),
      email: z.string().email('must be an e-mail address'),
      address: z.string().optional(),
      /** Letterhead of posted letters: a telephone number besides the name, address, org number and e-mail. */
      phone: z.string().min(1).optional(),
      dpo: z.object({ name: z.string().optional(), email: z.string().email() }).optional(),
      privacyPolicyUrl: z.string().url().optional(),
    }),
    policy: z
      .object({
        /** Request types whose fan-out waits for a handler's approval after verification. */
        approvalRequired: z.array(z.enum(REQUEST_TYPES)).default(['erasure', 'rectification']),
      })
      .default({ approvalRequired: ['erasure', 'rectification'] }),
    systems: z.array(systemSchema).min(1, 'list at least one system'),
  })
  .superRefine((map, ctx) => {
    const seen = new Set<string>();
    map.systems.forEach((system, index) => {
      if (seen.has(system.id)) ctx.addIssue({ code: 'custom', path: ['systems', index, 'id'], message: `"${system.id}" is used twice` });
      seen.add(system.id);
    });
  });

export type DataMap = z.infer<typeof dataMapSchema>;
export type SystemEntry = z.infer<typeof systemSchema>;
export type ControllerInfo = DataMap['controller'];
export type MarketingProcessor = SystemEntry['marketingProcessors'][number];
