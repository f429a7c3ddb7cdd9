import type Handlebars from 'handlebars';
import type { Language } from '../../common/case-types';
import { registerPartials } from '../../common/templates/template-files';
import { PASSKEY_COPY, type PasskeyCopy } from './passkey-copy';

type TextKey = { [K in keyof PasskeyCopy]: PasskeyCopy[K] extends string ? K : never }[keyof PasskeyCopy];

/**
 * The passkey parts of the staff pages, each its own .hbs file beside this module, included with
 * one line: `{{> passkeySignIn}}` on the sign-in page, `{{> passkeysSection}}` on the account page
 * (which hands it `passkeys`: see PasskeyAccountView). `{{passkeyText "key"}}` is a text from
 * PASSKEY_COPY in the page's language (the page's root `lang`).
 */
export function registerPasskeyViews(handlebars: typeof Handlebars): void {
  registerPartials(handlebars, __dirname, { passkeySignIn: 'passkey-sign-in.partial.hbs', passkeysSection: 'passkeys-section.partial.hbs' });
  handlebars.registerHelper('passkeyText', (key: TextKey, options: Handlebars.HelperOptions) => {
    const root = (options.data as { root?: { lang?: Language } }).root;
    return PASSKEY_COPY[root?.lang === 'en' ? 'en' : 'nb'][key];
  });
}
