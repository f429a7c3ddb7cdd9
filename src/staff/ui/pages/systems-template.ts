/** The data-map page: the controller, then one card per system (values escaped by Handlebars). */
export const SYSTEMS_PAGE = `
<h1>{{text.title}}</h1>
<p>{{text.lead}}</p>
<section class="card" data-testid="controller">
<h2 style="margin-top:0">{{text.controller}}</h2>
<dl class="facts">
<dt>{{text.controller}}</dt><dd>{{controller.name}}{{#if controller.orgNumber}} ({{text.orgNumber}} {{controller.orgNumber}}){{/if}} – {{controller.email}}</dd>
{{#if controller.dpo}}<dt>{{text.dpo}}</dt><dd>{{#if controller.dpo.name}}{{controller.dpo.name}}, {{/if}}{{controller.dpo.email}}</dd>{{/if}}
</dl>
</section>
{{#each systems}}
<section class="card" id="system-{{id}}" data-system="{{id}}">
<h2 style="margin-top:0">{{name}}</h2>
{{#if warnings.length}}<ul class="warning" data-testid="warnings" aria-label="{{@root.text.warnings}}">{{#each warnings}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
<dl class="facts">
<dt>{{@root.text.id}}</dt><dd><code>{{id}}</code></dd>
<dt>{{@root.text.connector}}</dt><dd>{{connector}}</dd>
<dt>{{@root.text.role}}</dt><dd data-testid="role">{{role}}</dd>
<dt>{{@root.text.owner}}</dt><dd>{{owner}}</dd>
<dt>{{@root.text.categories}}</dt><dd>{{categories}}</dd>
<dt>{{@root.text.purposes}}</dt><dd>{{purposes}}</dd>
<dt>{{@root.text.legalBasis}}</dt><dd>{{legalBasis}}</dd>
<dt>{{@root.text.recipients}}</dt><dd>{{recipients}}</dd>
<dt>{{@root.text.retention}}</dt><dd>{{retention}}</dd>
<dt>{{@root.text.legalHolds}}</dt><dd>{{#if legalHolds.length}}<ul data-testid="legal-holds">{{#each legalHolds}}<li>{{this}}</li>{{/each}}</ul>{{else}}{{@root.text.none}}{{/if}}</dd>
</dl>
</section>
{{/each}}`;
