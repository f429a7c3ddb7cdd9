import type { Language } from '../../common/case-types';
import { REQUEST_TYPES } from '../../common/case-types';
import { LIMITS, OBJECTION_PROCESSINGS, type IntakeProblem } from '../intake-input';
import { onBehalfBody } from './on-behalf-view';
import { PAGE_COPY, type FormField } from '../../public-site/pages/page-copy';
import Handlebars from 'handlebars';

/** What the person typed, kept as text so a re-rendered form shows it back unchanged. */
export type FormValues = Partial<Record<FormField, string>>;

/** The JSON field a problem names → the form field it belongs to. */
const FORM_FIELD_OF: Record<string, FormField> = {
  type: 'type',
  email: 'email',
  name: 'name',
  phone: 'phone',
  customerNumber: 'customerNumber',
  details: 'text',
  'details.text': 'text',
  'details.field': 'rectificationField',
  'details.correctedValue': 'correctedValue',
  'details.processing': 'objectionProcessing',
  'details.grounds': 'objectionGrounds',
  'details.controller': 'controller',
};

/** The form's flat fields as the JSON API's body, so both go through one validation. */
export function formToIntakeBody(body: Record<string, unknown>): Record<string, unknown> {
  return {
    type: body.type,
    email: body.email,
    name: body.name,
    phone: body.phone,
    customerNumber: body.customerNumber,
    language: body.lang === 'en' ? 'en' : 'nb',
    details: {
      text: body.text,
      field: body.rectificationField,
      correctedValue: body.correctedValue,
      processing: body.objectionProcessing,
      grounds: body.objectionGrounds,
      controller: body.controller,
    },
    onBehalf: onBehalfBody(body),
  };
}

export function formValues(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of Object.keys(FORM_FIELD_OF).map((key) => FORM_FIELD_OF[key])) {
    const value = body[field];
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

const messageTemplates = new Map<string, Handlebars.TemplateDelegate>();
function fill(source: string, data: Record<string, unknown>): string {
  let template = messageTemplates.get(source);
  if (!template) {
    template = Handlebars.compile(source, { noEscape: true });
    messageTemplates.set(source, template);
  }
  return template(data);
}

/** One clear message per field, in the page's language; the first problem of a field wins. */
export function fieldErrors(problems: IntakeProblem[], language: Language): Partial<Record<FormField, string>> {
  const copy = PAGE_COPY[language];
  const errors: Partial<Record<FormField, string>> = {};
  for (const problem of problems) {
    const field = FORM_FIELD_OF[problem.field];
    if (!field || errors[field]) continue;
    const specific = copy.problems.specific[`${field}.${problem.code}`];
    errors[field] = specific ?? fill(copy.problems.generic[problem.code], { label: labelOf(field, language), max: problem.max });
  }
  return errors;
}

function labelOf(field: FormField, language: Language): string {
  const form = PAGE_COPY[language].form;
  switch (field) {
    case 'type':
      return form.typeLegend;
    case 'objectionProcessing':
      return form.processingLegend;
    default:
      return form[field].label.replace(/\s*\(.*\)$/, '');
  }
}

/** Where an error summary link jumps to: the input, or a radio group's first option. */
function anchorOf(field: FormField): string {
  if (field === 'type') return `#type-${REQUEST_TYPES[0]}`;
  if (field === 'objectionProcessing') return `#objectionProcessing-${OBJECTION_PROCESSINGS[0]}`;
  return `#field-${field}`;
}

export interface FormViewInput {
  language: Language;
  values: FormValues;
  errors: Partial<Record<FormField, string>>;
  /** A problem with the whole form rather than a field. */
  formProblem: 'csrf' | 'unavailable' | null;
  csrfToken: string;
  idempotencyKey: string;
  answerWithin: string;
  /** Companies the person may name (processor systems serving several); none: no select. */
  controllers: Array<{ id: string; name: string }>;
}

/** Everything the form template needs, with each field's label, hint, value and error. */
export function formView(input: FormViewInput): Record<string, unknown> {
  const { language, values, errors } = input;
  const form = PAGE_COPY[language].form;
  const field = (
    name: Exclude<FormField, 'type' | 'objectionProcessing' | 'controller'>,
    options: { maxlength: number; inputType?: string; autocomplete?: string; multiline?: boolean; required?: boolean; noSpellcheck?: boolean },
  ) => ({
    id: `field-${name}`,
    name,
    label: form[name].label,
    help: form[name].help,
    value: values[name] ?? '',
    error: errors[name],
    inputType: options.inputType ?? 'text',
    ...options,
  });
  const order: FormField[] = [
    'type',
    'rectificationField',
    'correctedValue',
    'objectionProcessing',
    'objectionGrounds',
    'name',
    'email',
    'phone',
    'customerNumber',
    'controller',
    'text',
  ];
  const errorList = [
    ...(input.formProblem === 'csrf' ? [{ message: form.csrfProblem }] : []),
    ...(input.formProblem === 'unavailable' ? [{ message: form.unavailable }] : []),
    ...order.filter((name) => errors[name]).map((name) => ({ href: anchorOf(name), message: errors[name] })),
  ];
  return {
    csrfToken: input.csrfToken,
    idempotencyKey: input.idempotencyKey,
    answerWithin: input.answerWithin,
    errorList,
    typeChoices: {
      id: 'type',
      name: 'type',
      legend: form.typeLegend,
      error: errors.type,
      options: REQUEST_TYPES.map((type) => ({
        id: `type-${type}`,
        value: type,
        label: form.types[type].label,
        help: form.types[type].help,
        checked: values.type === type,
      })),
    },
    processingChoices: {
      id: 'objectionProcessing',
      name: 'objectionProcessing',
      legend: form.processingLegend,
      error: errors.objectionProcessing,
      options: OBJECTION_PROCESSINGS.map((processing) => ({
        id: `objectionProcessing-${processing}`,
        value: processing,
        label: form.processings[processing].label,
        help: form.processings[processing].help,
        checked: values.objectionProcessing === processing,
      })),
    },
    controllerChoice: input.controllers.length
      ? {
          id: 'field-controller',
          name: 'controller',
          label: form.controller.label,
          help: form.controller.help,
          error: errors.controller,
          options: [
            { value: '', label: form.controller.none, selected: !values.controller },
            ...input.controllers.map((controller) => ({ value: controller.id, label: controller.name, selected: values.controller === controller.id })),
          ],
        }
      : null,
    fields: {
      rectificationField: field('rectificationField', { maxlength: LIMITS.field }),
      correctedValue: field('correctedValue', { maxlength: LIMITS.correctedValue }),
      objectionGrounds: field('objectionGrounds', { maxlength: LIMITS.grounds, multiline: true }),
      name: field('name', { maxlength: LIMITS.name, autocomplete: 'name' }),
      email: field('email', { maxlength: LIMITS.email, inputType: 'email', autocomplete: 'email', required: true, noSpellcheck: true }),
      phone: field('phone', { maxlength: LIMITS.phone, inputType: 'tel', autocomplete: 'tel' }),
      customerNumber: field('customerNumber', { maxlength: LIMITS.customerNumber, noSpellcheck: true }),
      text: field('text', { maxlength: LIMITS.text, multiline: true }),
    },
  };
}
