import { templateSource } from '../../common/templates/template-files';

/**
 * The public pages' Handlebars templates, kept as .hbs files beside this module and read once at
 * boot (the build copies them into dist/). `{{t "…"}}` renders a copy string (which may itself
 * use variables) against the page's data.
 */
export const LAYOUT = templateSource(__dirname, 'layout.hbs');

/** Partials by name. on-behalf ("I am asking for someone else") comes last in the form, the file
 *  last of all: a multipart body is read in order, so when the file is too large every field
 *  typed before it is still there to show again. */
export const PARTIALS = {
  field: templateSource(__dirname, 'field.partial.hbs'),
  choices: templateSource(__dirname, 'choices.partial.hbs'),
  onBehalf: templateSource(__dirname, 'on-behalf.partial.hbs'),
};

export const FORM_PAGE = templateSource(__dirname, 'form.hbs');

export const SENT_PAGE = templateSource(__dirname, 'sent.hbs');

/** One message with optional action: verification results, bad links, errors. */
export const MESSAGE_PAGE = templateSource(__dirname, 'message.hbs');

export const STATUS_PAGE = templateSource(__dirname, 'status.hbs');
