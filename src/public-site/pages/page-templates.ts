/**
 * The public pages as Handlebars sources kept in TypeScript, so `tsc` carries them into dist.
 * `{{t "…"}}` renders a copy string (which may itself use variables) against the page's data.
 */
export const LAYOUT = `<!doctype html>
<html lang="{{copy.htmlLang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{#if hasErrors}}{{copy.errorTitlePrefix}}{{/if}}{{title}} – {{controller.name}}</title>
<style>{{{css}}}</style>
</head>
<body>
<a class="skip" href="#main">{{copy.skipLink}}</a>
<header class="site"><div class="wrap"><span class="org">{{controller.name}}</span>{{#if switchUrl}}<a class="lang" href="{{switchUrl}}" lang="{{copy.switchLang}}" hreflang="{{copy.switchLang}}">{{copy.switchLabel}}</a>{{/if}}</div></header>
<main id="main" class="wrap" tabindex="-1">
{{{body}}}
</main>
</body>
</html>`;

const FIELD_PARTIAL = `<div class="field{{#if error}} has-error{{/if}}">
<label for="{{id}}">{{label}}</label>
<p class="hint" id="{{id}}-hint">{{help}}</p>
{{#if error}}<p class="field-error" id="{{id}}-error"><span class="vh">{{@root.copy.errorTitlePrefix}}</span>{{error}}</p>{{/if}}
{{#if multiline}}<textarea id="{{id}}" name="{{name}}" rows="5" maxlength="{{maxlength}}" aria-describedby="{{id}}-hint{{#if error}} {{id}}-error{{/if}}"{{#if error}} aria-invalid="true"{{/if}}>{{value}}</textarea>
{{else}}<input id="{{id}}" name="{{name}}" type="{{inputType}}" value="{{value}}" maxlength="{{maxlength}}"{{#if autocomplete}} autocomplete="{{autocomplete}}"{{/if}}{{#if required}} aria-required="true"{{/if}} aria-describedby="{{id}}-hint{{#if error}} {{id}}-error{{/if}}"{{#if error}} aria-invalid="true"{{/if}}{{#if noSpellcheck}} spellcheck="false"{{/if}}>
{{/if}}</div>`;

const CHOICES_PARTIAL = `<fieldset id="{{id}}"{{#if error}} class="has-error" aria-describedby="{{id}}-error"{{/if}}>
<legend>{{legend}}</legend>
{{#if error}}<p class="field-error" id="{{id}}-error"><span class="vh">{{@root.copy.errorTitlePrefix}}</span>{{error}}</p>{{/if}}
{{#each options}}<div class="choice">
<input type="radio" id="{{id}}" name="{{../name}}" value="{{value}}" aria-describedby="{{id}}-help"{{#if checked}} checked{{/if}}>
<label for="{{id}}">{{label}}</label>
<p class="hint" id="{{id}}-help">{{help}}</p>
</div>{{/each}}
</fieldset>`;

/** "I am asking for someone else". Last in the form, the file last of all: a multipart body is
 *  read in order, so when the file is too large every field typed before it is still there to
 *  show again. */
const ON_BEHALF_PARTIAL = `<fieldset id="on-behalf">
<legend>{{legend}}</legend>
<p class="hint">{{hint}}</p>
{{#if error}}<p class="field-error" id="field-onBehalf-error"><span class="vh">{{@root.copy.errorTitlePrefix}}</span>{{error}}</p>{{/if}}
<div class="choice"><input type="checkbox" id="field-onBehalf" name="onBehalf" value="yes"{{#if checked}} checked{{/if}}>
<label for="field-onBehalf">{{checkbox}}</label></div>
{{> field representativeName}}
{{> field representativeEmail}}
{{> choices relationship}}
<div class="choice{{#if coversAnswer.error}} has-error{{/if}}"><input type="checkbox" id="field-coversAnswer" name="coversAnswer" value="yes" aria-describedby="field-coversAnswer-hint"{{#if coversAnswer.checked}} checked{{/if}}>
<label for="field-coversAnswer">{{coversAnswer.label}}</label>
<p class="hint" id="field-coversAnswer-hint">{{coversAnswer.help}}</p></div>
<div class="field{{#if document.error}} has-error{{/if}}">
<label for="{{document.id}}">{{document.label}}</label>
<p class="hint" id="{{document.id}}-hint">{{document.help}}</p>
{{#if document.error}}<p class="field-error" id="{{document.id}}-error"><span class="vh">{{@root.copy.errorTitlePrefix}}</span>{{document.error}}</p>{{/if}}
<input id="{{document.id}}" name="authorityDocument" type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby="{{document.id}}-hint{{#if document.error}} {{document.id}}-error{{/if}}"{{#if document.error}} aria-invalid="true"{{/if}}>
</div>
</fieldset>`;

export const PARTIALS = { field: FIELD_PARTIAL, choices: CHOICES_PARTIAL, onBehalf: ON_BEHALF_PARTIAL };

export const FORM_PAGE = `<h1>{{copy.form.title}}</h1>
{{#if errorList.length}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">{{copy.form.errorSummaryTitle}}</h2>
<ul>{{#each errorList}}<li>{{#if href}}<a href="{{href}}">{{message}}</a>{{else}}{{message}}{{/if}}</li>{{/each}}</ul>
</div>{{/if}}
<p>{{t copy.form.intro}}</p>
<p class="notice">{{t copy.form.free}}</p>
<form method="post" action="/{{#if isEnglish}}?lang=en{{/if}}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="_csrf" value="{{csrfToken}}">
<input type="hidden" name="idempotencyKey" value="{{idempotencyKey}}">
<input type="hidden" name="lang" value="{{lang}}">
{{> choices typeChoices}}
<div class="section section-rectification">
<fieldset>
<legend>{{copy.form.rectificationLegend}}</legend>
<p class="hint">{{copy.form.rectificationHint}}</p>
{{> field fields.rectificationField}}
{{> field fields.correctedValue}}
</fieldset>
</div>
<div class="section section-objection">
<p class="hint"><strong>{{copy.form.objectionLegend}}.</strong> {{copy.form.objectionHint}}</p>
{{> choices processingChoices}}
{{> field fields.objectionGrounds}}
</div>
<fieldset>
<legend>{{copy.form.aboutYouLegend}}</legend>
<p class="hint">{{copy.form.aboutYouHint}}</p>
{{> field fields.name}}
{{> field fields.email}}
{{> field fields.phone}}
{{> field fields.customerNumber}}
</fieldset>
{{> field fields.text}}
<div class="hp" aria-hidden="true">
<label for="website">{{copy.form.honeypot}}</label>
<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off">
</div>
{{#if onBehalf}}{{> onBehalf onBehalf}}{{/if}}
<button type="submit">{{copy.form.submit}}</button>
</form>
<h2>{{copy.form.nextHeading}}</h2>
<ol>{{#each copy.form.nextSteps}}<li>{{this}}</li>{{/each}}</ol>
<h2>{{copy.form.controllerHeading}}</h2>
<p>{{t copy.form.controllerSends}}</p>
<ul>
<li>{{copy.form.contact}}: <a href="mailto:{{controller.email}}">{{controller.email}}</a></li>
{{#if controller.dpo}}<li>{{copy.form.dpo}}: <a href="mailto:{{controller.dpo.email}}">{{controller.dpo.email}}</a></li>{{/if}}
{{#if controller.privacyPolicyUrl}}<li><a href="{{controller.privacyPolicyUrl}}">{{copy.form.privacyPolicy}}</a></li>{{/if}}
</ul>`;

export const SENT_PAGE = `<h1>{{copy.sent.title}}</h1>
<p>{{t copy.sent.lead}}</p>
{{#if reference}}<p class="notice">{{t copy.sent.reference}}</p>{{/if}}
<p>{{copy.sent.link}}</p>
<p>{{copy.sent.spam}}</p>
<p><a href="{{formUrl}}">{{copy.sent.status}}</a></p>`;

/** One message with optional action: verification results, bad links, errors. */
export const MESSAGE_PAGE = `<h1>{{title}}</h1>
<p>{{lead}}</p>
{{#if confirmAction}}<form method="post" action="{{confirmAction}}"><button type="submit">{{copy.verify.confirmButton}}</button></form>{{/if}}
{{#if statusUrl}}<p><a href="{{statusUrl}}">{{copy.verify.seeStatus}}</a></p>{{/if}}
{{#if formUrl}}<p><a href="{{formUrl}}">{{formLabel}}</a></p>{{/if}}`;

export const STATUS_PAGE = `<h1>{{copy.status.title}}</h1>
<dl class="summary">
<dt>{{copy.status.reference}}</dt><dd>{{view.reference}}</dd>
<dt>{{copy.status.type}}</dt><dd>{{view.typeLabel}}</dd>
<dt>{{copy.status.received}}</dt><dd>{{view.received}}</dd>
<dt>{{copy.status.deadline}}</dt><dd>{{view.deadline}}</dd>
</dl>
<h2>{{copy.status.currentStep}}</h2>
<p class="notice" id="current-step">{{view.now}}</p>
<h2>{{copy.status.stepsHeading}}</h2>
<ol class="steps">{{#each view.steps}}<li class="{{state}}"{{#if current}} aria-current="step"{{/if}}>{{label}}</li>{{/each}}</ol>
{{#if view.extension}}<h2>{{copy.status.extensionHeading}}</h2>
<p>{{t copy.status.extension extended=view.extension.extended}}</p>
<p>{{t copy.status.extensionReason reason=view.extension.reason}}</p>{{/if}}
<h2>{{copy.status.answerHeading}}</h2>
<div id="answer">{{#if view.answer}}<p>{{copy.status.answerReady}}</p>
<p><a class="button" href="{{view.answer.url}}">{{copy.status.answerLink}}</a></p>
{{#if view.answer.expires}}<p>{{t copy.status.answerExpires expires=view.answer.expires}}</p>{{/if}}
{{else}}{{#if view.closed}}<p>{{copy.status.answerClosed}}</p>{{else}}<p>{{copy.status.answerPending}}</p>{{/if}}{{/if}}</div>
{{#if view.proveUrl}}<h2>{{copy.status.proveHeading}}</h2>
<p>{{copy.status.proveLead}}</p>
<p><a class="button" id="prove" href="{{view.proveUrl}}">{{copy.status.proveLink}}</a></p>{{/if}}
<p>{{t copy.status.questions}}</p>`;
