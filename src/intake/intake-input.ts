import { isEmail } from 'class-validator';
import { LANGUAGES, REQUEST_TYPES, type Language, type RequestType } from '../common/case-types';
import { RELATIONSHIPS, type Relationship } from '../representation/representation-types';
import { RECORD_DATES_PROBLEM_EN, parseRecordDates } from '../common/record-period';

import { OBJECTION_PROCESSINGS, type ObjectionProcessing } from '../common/case-types';
import type { ProblemCode } from '../public-site/form-problems';
export { OBJECTION_PROCESSINGS, type ObjectionProcessing, type ProblemCode };

export interface IntakeDetails {
  /** Free text: anything the person wants to add. */
  text?: string;
  /** Rectification: which information is wrong. */
  field?: string;
  /** Rectification: what it should be. */
  correctedValue?: string;
  /** Objection: which processing. */
  processing?: ObjectionProcessing;
  /** Objection to a legitimate-interest processing: the person's grounds (asked for, not required). */
  grounds?: string;
  /** Restriction: the fields whose accuracy the person contests (Art 18(1)(a)), e.g. ["phone"];
   *  absent = all their data. */
  fields?: string[];
  /** The company the request is about, where a processor system serves several (data map
   *  `controllers[].id`): the request is forwarded to that controller only. */
  controller?: string;
  /** The days the person's records are from ("footage from 3 to 5 May"): what preservation at
   *  receipt keeps (connectors/manual/preservation-window.ts). */
  period?: { from: string; to: string };
  /** Single days records were made on (a form sent on 25 April). */
  recordDates?: string[];
}

/** "I am asking for someone else": who is asking, and what authority they say they have. */
export interface OnBehalfRequest {
  /** The representative's own name and e-mail: they get the verification and journey e-mails. */
  name: string;
  email: string;
  relationship: Relationship;
  /** Whether the authority (as the representative reads it) covers receiving the answer. */
  coversAnswer: boolean;
}

/** A public request, validated and normalised; the same for the form and the JSON API. The
 *  subject fields (email, name, phone, customerNumber) are the person the data is about. */
export interface IntakeRequest {
  type: RequestType;
  /** Required when people ask for themselves; optional for someone asked for (a child may have none). */
  email?: string;
  name?: string;
  phone?: string;
  customerNumber?: string;
  details: IntakeDetails;
  language: Language;
  onBehalf?: OnBehalfRequest;
}

/** Who made the request and gets its e-mails: the representative, or the person themselves. */
export function requesterEmail(request: IntakeRequest): string {
  return (request.onBehalf?.email ?? request.email)!;
}

/** One problem with one field, as a code the pages translate (nb/en) and the API words in English. */
export interface IntakeProblem {
  field: string;
  code: ProblemCode;
  max?: number;
  /** unknown_controller: the ids that may be named. */
  allowed?: readonly string[];
}

export type IntakeParse = { ok: true; request: IntakeRequest } | { ok: false; problems: IntakeProblem[] };

export const LIMITS = {
  email: 254,
  name: 200,
  phone: 30,
  customerNumber: 64,
  text: 5000,
  field: 500,
  correctedValue: 1000,
  grounds: 5000,
} as const;

const TOP_LEVEL = ['type', 'email', 'name', 'phone', 'customerNumber', 'details', 'language', 'onBehalf'] as const;
const ON_BEHALF_KEYS = ['name', 'email', 'relationship', 'coversAnswer'] as const;
const DETAIL_KEYS = ['text', 'field', 'correctedValue', 'processing', 'grounds', 'fields', 'controller', 'period', 'recordDates'] as const;
/** A contested field's name as the connectors know it (e.g. phone, email, address): a word, no free text. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
/** More contested fields than this is "all my data": the request then needs no list. */
const MAX_CONTESTED_FIELDS = 20;
const PHONE = /^\+?[0-9 ().-]{5,30}$/;
// C0 controls other than tab and line breaks, and DEL: PostgreSQL refuses NUL, and none belong in a request.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const ENGLISH: Record<ProblemCode, (problem: IntakeProblem) => string> = {
  required: () => 'is required',
  not_text: () => 'must be text',
  too_long: (problem) => `is too long (at most ${problem.max} characters)`,
  bad_characters: () => 'contains control characters that are not allowed',
  invalid_email: () => 'must be an e-mail address',
  invalid_phone: () => 'must be a phone number (digits, spaces, +, -, parentheses)',
  not_field_list: () => `must be a list of at most ${MAX_CONTESTED_FIELDS} field names (a letter, then letters, digits or _), e.g. ["phone"]`,
  invalid_date: () => RECORD_DATES_PROBLEM_EN.invalid_date,
  dates_out_of_order: () => RECORD_DATES_PROBLEM_EN.dates_out_of_order,
  not_date_list: () => RECORD_DATES_PROBLEM_EN.not_date_list,
  too_many_dates: () => RECORD_DATES_PROBLEM_EN.too_many_dates,
  unknown_type: () => `must be one of ${REQUEST_TYPES.join(', ')}`,
  unknown_processing: () => `must be one of ${OBJECTION_PROCESSINGS.join(', ')}`,
  unknown_controller: (problem) =>
    problem.allowed?.length ? `must be one of ${problem.allowed.join(', ')}` : 'names no controller: no system here serves several controllers',
  unknown_language: () => `must be one of ${LANGUAGES.join(', ')}`,
  unknown_field: () => 'is not a known field',
  not_object: () => 'must be an object or text',
  not_json_object: () => 'must be a JSON object',
  unknown_relationship: () => `must be one of ${RELATIONSHIPS.join(', ')}`,
  not_boolean: () => 'must be true or false',
  document_required: () => "is required for a request on someone else's behalf (PDF, JPEG or PNG, at most 10 MB)",
  document_type: () => 'must be a PDF, JPEG or PNG file (checked by its content, not its name)',
  document_too_large: () => 'is too large (at most 10 MB)',
  document_not_expected: () => "is only for a request on someone else's behalf",
};

export function problemInEnglish(problem: IntakeProblem): string {
  return ENGLISH[problem.code](problem);
}

/**
 * Validates a public request. Accepts the JSON body of POST /api/v1/requests; the form maps its
 * flat fields to the same shape first. Empty strings count as absent (an empty form field).
 */
export function parseIntake(body: unknown, controllerIds: readonly string[] = []): IntakeParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problems: [{ field: 'body', code: 'not_json_object' }] };
  }
  const input = body as Record<string, unknown>;
  const problems: IntakeProblem[] = [];
  for (const key of Object.keys(input)) {
    if (!(TOP_LEVEL as readonly string[]).includes(key)) problems.push({ field: key, code: 'unknown_field' });
  }
  const text = (field: string, value: unknown, max: number, required = false): string | undefined => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) problems.push({ field, code: 'required' });
      return undefined;
    }
    if (typeof value !== 'string') {
      problems.push({ field, code: 'not_text' });
      return undefined;
    }
    const trimmed = value.trim();
    if (CONTROL.test(trimmed)) problems.push({ field, code: 'bad_characters' });
    else if (trimmed.length > max) problems.push({ field, code: 'too_long', max });
    else return trimmed;
    return undefined;
  };

  const rawType = text('type', input.type, 40, true);
  let type: RequestType | undefined;
  if (rawType !== undefined) {
    if ((REQUEST_TYPES as readonly string[]).includes(rawType)) type = rawType as RequestType;
    else problems.push({ field: 'type', code: 'unknown_type' });
  }

  const onBehalf = parseOnBehalf(input.onBehalf, problems, text);
  // Asking for someone else: their e-mail may be unknown, but who they are must be said.
  const email = text('email', input.email, LIMITS.email, input.onBehalf === undefined || input.onBehalf === null);
  if (email !== undefined && !isEmail(email)) problems.push({ field: 'email', code: 'invalid_email' });
  const name = text('name', input.name, LIMITS.name, onBehalf !== undefined);
  const phone = text('phone', input.phone, LIMITS.phone);
  if (phone !== undefined && !PHONE.test(phone)) problems.push({ field: 'phone', code: 'invalid_phone' });
  const customerNumber = text('customerNumber', input.customerNumber, LIMITS.customerNumber);

  let language: Language = 'nb';
  const rawLanguage = text('language', input.language, 10);
  if (rawLanguage !== undefined) {
    if ((LANGUAGES as readonly string[]).includes(rawLanguage)) language = rawLanguage as Language;
    else problems.push({ field: 'language', code: 'unknown_language' });
  }

  const details = parseDetails(input.details, type, problems, text, controllerIds);
  if (problems.length || !type || !(email || onBehalf)) return { ok: false, problems };
  return {
    ok: true,
    request: {
      type,
      ...(email ? { email } : {}),
      ...(name ? { name } : {}),
      ...(phone ? { phone } : {}),
      ...(customerNumber ? { customerNumber } : {}),
      details,
      language,
      ...(onBehalf ? { onBehalf } : {}),
    },
  };
}

/** `onBehalf`: absent (or null) when people ask for themselves. */
function parseOnBehalf(raw: unknown, problems: IntakeProblem[], text: TextReader): OnBehalfRequest | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ field: 'onBehalf', code: 'not_object' });
    return undefined;
  }
  const source = raw as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!(ON_BEHALF_KEYS as readonly string[]).includes(key)) problems.push({ field: `onBehalf.${key}`, code: 'unknown_field' });
  }
  const name = text('onBehalf.name', source.name, LIMITS.name, true);
  const email = text('onBehalf.email', source.email, LIMITS.email, true);
  if (email !== undefined && !isEmail(email)) problems.push({ field: 'onBehalf.email', code: 'invalid_email' });
  const rawRelationship = text('onBehalf.relationship', source.relationship, 40, true);
  let relationship: Relationship | undefined;
  if (rawRelationship !== undefined) {
    if ((RELATIONSHIPS as readonly string[]).includes(rawRelationship)) relationship = rawRelationship as Relationship;
    else problems.push({ field: 'onBehalf.relationship', code: 'unknown_relationship' });
  }
  const coversAnswer = source.coversAnswer ?? false;
  if (typeof coversAnswer !== 'boolean') problems.push({ field: 'onBehalf.coversAnswer', code: 'not_boolean' });
  if (!name || !email || !relationship || typeof coversAnswer !== 'boolean') return undefined;
  return { name, email, relationship, coversAnswer };
}

type TextReader = (field: string, value: unknown, max: number, required?: boolean) => string | undefined;

function parseDetails(
  raw: unknown,
  type: RequestType | undefined,
  problems: IntakeProblem[],
  text: TextReader,
  controllerIds: readonly string[],
): IntakeDetails {
  let source: Record<string, unknown> = {};
  if (typeof raw === 'string') source = { text: raw };
  else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) source = raw as Record<string, unknown>;
  else if (raw !== undefined && raw !== null) problems.push({ field: 'details', code: 'not_object' });
  for (const key of Object.keys(source)) {
    if (!(DETAIL_KEYS as readonly string[]).includes(key)) problems.push({ field: `details.${key}`, code: 'unknown_field' });
  }
  const details: IntakeDetails = {};
  const freeText = text('details.text', source.text, LIMITS.text);
  if (freeText) details.text = freeText;
  const controller = text('details.controller', source.controller, 40);
  if (controller && controllerIds.includes(controller)) details.controller = controller;
  else if (controller) problems.push({ field: 'details.controller', code: 'unknown_controller', allowed: controllerIds });
  const recordDates = parseRecordDates(source);
  problems.push(...recordDates.problems);
  Object.assign(details, recordDates.dates);
  // Fields that belong to another type are dropped: the no-JavaScript form shows every section.
  if (type === 'rectification') {
    const field = text('details.field', source.field, LIMITS.field, true);
    const correctedValue = text('details.correctedValue', source.correctedValue, LIMITS.correctedValue, true);
    if (field) details.field = field;
    if (correctedValue) details.correctedValue = correctedValue;
  }
  if (type === 'objection') {
    const processing = text('details.processing', source.processing, 40, true);
    if (processing !== undefined) {
      if ((OBJECTION_PROCESSINGS as readonly string[]).includes(processing)) details.processing = processing as ObjectionProcessing;
      else problems.push({ field: 'details.processing', code: 'unknown_processing' });
    }
    const grounds = text('details.grounds', source.grounds, LIMITS.grounds);
    if (grounds && details.processing !== 'direct_marketing') details.grounds = grounds;
  }
  if (type === 'restriction' && source.fields !== undefined) {
    const fields = contestedFieldList(source.fields, problems);
    if (fields?.length) details.fields = fields;
  }
  return details;
}

/** `details.fields`: a list of field names, each named in a problem by its position. */
function contestedFieldList(raw: unknown, problems: IntakeProblem[]): string[] | undefined {
  if (!Array.isArray(raw) || raw.length > MAX_CONTESTED_FIELDS) {
    problems.push({ field: 'details.fields', code: 'not_field_list' });
    return undefined;
  }
  const fields: string[] = [];
  raw.forEach((item, index) => {
    const name = typeof item === 'string' ? item.trim() : undefined;
    if (name === undefined || !FIELD_NAME.test(name)) problems.push({ field: `details.fields[${index}]`, code: 'not_field_list' });
    else if (!fields.includes(name)) fields.push(name);
  });
  return fields;
}
