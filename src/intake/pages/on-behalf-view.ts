import Handlebars from 'handlebars';
import type { Language } from '../../common/case-types';
import { RELATIONSHIPS, type Relationship } from '../../representation/representation-types';
import { LIMITS, type IntakeProblem } from '../intake-input';
import { PAGE_COPY } from '../../public-site/pages/page-copy';

/** The form's fields for "I am asking for someone else" (the file is `authorityDocument`). */
export const ON_BEHALF_FIELDS = ['onBehalf', 'representativeName', 'representativeEmail', 'relationship', 'coversAnswer', 'authorityDocument'] as const;
export type OnBehalfField = (typeof ON_BEHALF_FIELDS)[number];
export type OnBehalfValues = Partial<Record<Exclude<OnBehalfField, 'authorityDocument'>, string>>;

/** The JSON API's field → the form field it belongs to. */
const FORM_FIELD_OF: Record<string, OnBehalfField> = {
  onBehalf: 'onBehalf',
  'onBehalf.name': 'representativeName',
  'onBehalf.email': 'representativeEmail',
  'onBehalf.relationship': 'relationship',
  'onBehalf.coversAnswer': 'coversAnswer',
  authorityDocument: 'authorityDocument',
};

const COPY: Record<
  Language,
  {
    legend: string;
    hint: string;
    checkbox: string;
    representativeName: { label: string; help: string };
    representativeEmail: { label: string; help: string };
    relationshipLegend: string;
    relationships: Record<Relationship, string>;
    coversAnswer: { label: string; help: string };
    authorityDocument: { label: string; help: string };
  }
> = {
  nb: {
    legend: 'Spør du på vegne av en annen?',
    hint: 'For eksempel som forelder for et barn, eller som advokat med fullmakt. Fyll da ut «Om deg» over med opplysningene om personen det gjelder, og dine egne opplysninger her. Ingenting gjøres før vi har godtatt fullmakten.',
    checkbox: 'Jeg spør på vegne av en annen person',
    representativeName: { label: 'Ditt navn', help: 'Du som sender forespørselen.' },
    representativeEmail: { label: 'Din e-postadresse', help: 'Vi sender lenken for å bekrefte forespørselen hit.' },
    relationshipLegend: 'Hva er du for personen?',
    relationships: { parent_guardian: 'Forelder eller verge', power_of_attorney: 'Advokat eller annen med fullmakt', other: 'Annet' },
    coversAnswer: { label: 'Fullmakten gir meg rett til å motta svaret', help: 'Ellers sender vi svaret til personen det gjelder.' },
    authorityDocument: {
      label: 'Fullmakt eller annen dokumentasjon',
      help: 'PDF, JPEG eller PNG, høyst 10 MB. For eksempel en signert fullmakt eller en fødselsattest.',
    },
  },
  en: {
    legend: 'Are you asking on behalf of someone else?',
    hint: 'For example as a parent of a child, or as a lawyer with a power of attorney. Then fill in "About you" above with the details of the person the request is about, and your own details here. Nothing is done until we have accepted your authority.',
    checkbox: 'I am asking on behalf of someone else',
    representativeName: { label: 'Your name', help: 'You, who send the request.' },
    representativeEmail: { label: 'Your e-mail address', help: 'We send the link to confirm the request here.' },
    relationshipLegend: 'What are you to the person?',
    relationships: { parent_guardian: 'Parent or guardian', power_of_attorney: 'Lawyer or other holder of a power of attorney', other: 'Other' },
    coversAnswer: { label: 'My authority covers receiving the answer', help: 'Otherwise we send the answer to the person the request is about.' },
    authorityDocument: {
      label: 'Power of attorney or other proof',
      help: 'PDF, JPEG or PNG, at most 10 MB. For example a signed power of attorney or a birth certificate.',
    },
  },
};

/** The on-behalf part of the form as the JSON body's `onBehalf` (absent unless the box is ticked). */
export function onBehalfBody(body: Record<string, unknown>): Record<string, unknown> | undefined {
  if (body.onBehalf !== 'yes') return undefined;
  return { name: body.representativeName, email: body.representativeEmail, relationship: body.relationship, coversAnswer: body.coversAnswer === 'yes' };
}

export function onBehalfValues(body: Record<string, unknown>): OnBehalfValues {
  const values: OnBehalfValues = {};
  for (const field of ['onBehalf', 'representativeName', 'representativeEmail', 'relationship', 'coversAnswer'] as const) {
    if (typeof body[field] === 'string') values[field] = body[field] as string;
  }
  return values;
}

const templates = new Map<string, Handlebars.TemplateDelegate>();
function fill(source: string, data: Record<string, unknown>): string {
  let template = templates.get(source);
  if (!template) templates.set(source, (template = Handlebars.compile(source, { noEscape: true })));
  return template(data);
}

/** One message per on-behalf field, in the page's language. */
export function onBehalfErrors(problems: IntakeProblem[], language: Language): Partial<Record<OnBehalfField, string>> {
  const copy = COPY[language];
  const labels: Record<OnBehalfField, string> = {
    onBehalf: copy.legend,
    representativeName: copy.representativeName.label,
    representativeEmail: copy.representativeEmail.label,
    relationship: copy.relationshipLegend,
    coversAnswer: copy.coversAnswer.label,
    authorityDocument: copy.authorityDocument.label,
  };
  const errors: Partial<Record<OnBehalfField, string>> = {};
  for (const problem of problems) {
    const field = FORM_FIELD_OF[problem.field];
    if (!field || errors[field]) continue;
    errors[field] = fill(PAGE_COPY[language].problems.generic[problem.code], { label: labels[field], max: problem.max });
  }
  return errors;
}

/** The section's data for the form template, with each field's value and error. */
export function onBehalfView(language: Language, values: OnBehalfValues, errors: Partial<Record<OnBehalfField, string>>) {
  const copy = COPY[language];
  const text = (name: 'representativeName' | 'representativeEmail', inputType: string, maxlength: number, autocomplete: string) => ({
    id: `field-${name}`,
    name,
    label: copy[name].label,
    help: copy[name].help,
    value: values[name] ?? '',
    error: errors[name],
    inputType,
    maxlength,
    autocomplete,
  });
  return {
    legend: copy.legend,
    hint: copy.hint,
    checkbox: copy.checkbox,
    checked: values.onBehalf === 'yes',
    error: errors.onBehalf,
    representativeName: text('representativeName', 'text', LIMITS.name, 'name'),
    representativeEmail: text('representativeEmail', 'email', LIMITS.email, 'email'),
    relationship: {
      id: 'relationship',
      name: 'relationship',
      legend: copy.relationshipLegend,
      error: errors.relationship,
      options: RELATIONSHIPS.map((relationship) => ({
        id: `relationship-${relationship}`,
        value: relationship,
        label: copy.relationships[relationship],
        help: '',
        checked: values.relationship === relationship,
      })),
    },
    coversAnswer: { label: copy.coversAnswer.label, help: copy.coversAnswer.help, checked: values.coversAnswer === 'yes', error: errors.coversAnswer },
    document: { id: 'field-authorityDocument', label: copy.authorityDocument.label, help: copy.authorityDocument.help, error: errors.authorityDocument },
  };
}

/** Where an error summary link jumps to. */
export function onBehalfAnchor(field: OnBehalfField): string {
  return field === 'relationship' ? `#relationship-${RELATIONSHIPS[0]}` : `#field-${field}`;
}

export const ON_BEHALF_ORDER: OnBehalfField[] = ['onBehalf', 'representativeName', 'representativeEmail', 'relationship', 'coversAnswer', 'authorityDocument'];
