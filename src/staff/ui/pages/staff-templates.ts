/** Handlebars templates of the staff UI, kept as TypeScript strings so `tsc` ships them. Every
 *  value is escaped by Handlebars; only the composed page body and the stylesheet are raw. */

const csrf = '<input type="hidden" name="_csrf" value="{{@root.csrf}}">';

export const LAYOUT = `<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{#if refreshSeconds}}<meta http-equiv="refresh" content="{{refreshSeconds}}">{{/if}}
<title>{{title}} · {{copy.product}}</title>
<style>{{{css}}}</style>
</head>
<body>
<a class="skip" href="#main">{{copy.skip}}</a>
<header class="top">
<nav aria-label="{{copy.nav.label}}">
<span class="brand">{{copy.product}}</span>
{{#if staff}}
{{#if nav.queue}}<a href="/staff" {{#if (eq active "queue")}}aria-current="page"{{/if}}>{{copy.nav.queue}}{{#if badge}} <span class="badge" title="{{copy.nav.badgeTitle}}" aria-label="{{badge}} {{copy.nav.badgeTitle}}" data-testid="badge">{{badge}}</span>{{/if}}</a>{{/if}}
{{#if nav.register}}<a href="/staff/cases/new" {{#if (eq active "register")}}aria-current="page"{{/if}}>{{copy.nav.register}}</a>{{/if}}
{{#if nav.tasks}}<a href="/staff/tasks" {{#if (eq active "tasks")}}aria-current="page"{{/if}}>{{copy.nav.tasks}}</a>{{/if}}
{{#if nav.users}}<a href="/staff/users" {{#if (eq active "users")}}aria-current="page"{{/if}}>{{copy.nav.users}}</a>{{/if}}
{{#if nav.systems}}<a href="/staff/systems" {{#if (eq active "systems")}}aria-current="page"{{/if}}>{{copy.nav.systems}}</a>{{/if}}
{{#if nav.queues}}<a href="/staff/queues">{{copy.nav.queues}}</a>{{/if}}
{{/if}}
<form method="post" action="/staff/language">${csrf}<input type="hidden" name="next" value="{{here}}"><button name="language" value="{{otherLanguage}}" lang="{{otherLanguage}}">{{copy.nav.switchTo}}</button></form>
{{#if staff}}
<span class="who">{{staff.name}} ({{roleLabel}})</span>
<form method="post" action="/staff/logout">${csrf}<button>{{copy.nav.signOut}}</button></form>
{{/if}}
</nav>
</header>
<main id="main">
{{#if notice}}<p class="notice" role="status">{{notice}}</p>{{/if}}
{{#if problem}}<p class="problem" role="alert">{{problem}}</p>{{/if}}
{{{body}}}
</main>
</body>
</html>`;

const fieldError = (form: string, field: string) =>
  `{{#if errors.${form}.${field}}}<p class="field-error" id="${form}-${field}-error">{{errors.${form}.${field}}}</p>{{/if}}`;
const invalidAttrs = (form: string, field: string) => `{{#if errors.${form}.${field}}}aria-invalid="true" aria-describedby="${form}-${field}-error"{{/if}}`;

/** The outcome fields of a manual task's form, inside \`{{#each tasks}}\`: \`values\`/\`errors\` are
 *  that task's own (only the task that was posted gets its input back). */
const outcomeFields = (values: string, errors: string) => `
<fieldset><legend>{{@root.copy.actions.outcomeStatus}}</legend>
<label><input type="radio" name="status" value="done" {{#if (eq ${values}.status "done")}}checked{{/if}}> {{@root.copy.actions.outcomeDone}}</label>
<label><input type="radio" name="status" value="not_found" {{#if (eq ${values}.status "not_found")}}checked{{/if}}> {{@root.copy.actions.outcomeNotFound}}</label>
<label><input type="radio" name="status" value="retained" {{#if (eq ${values}.status "retained")}}checked{{/if}}> {{@root.copy.actions.outcomeRetained}}</label>
{{#if ${errors}.status}}<p class="field-error" id="status-{{id}}-error">{{${errors}.status}}</p>{{/if}}
</fieldset>
<label for="summary-{{id}}">{{@root.copy.actions.outcomeSummary}}</label>
<textarea id="summary-{{id}}" name="summary" {{#if ${errors}.summary}}aria-invalid="true" aria-describedby="summary-{{id}}-error"{{/if}}>{{${values}.summary}}</textarea>
{{#if ${errors}.summary}}<p class="field-error" id="summary-{{id}}-error">{{${errors}.summary}}</p>{{/if}}
<fieldset data-testid="retained-{{id}}"><legend>{{@root.copy.actions.outcomeRetained}}</legend>
<p><small>{{@root.copy.actions.retainedHelp}}</small></p>
${['records', 'basis']
  .map(
    (field) => `<label for="${field}-{{id}}">{{@root.copy.actions.retained${field[0].toUpperCase()}${field.slice(1)}}}</label>
<input type="text" id="${field}-{{id}}" name="${field}" value="{{${values}.${field}}}" maxlength="500" {{#if ${errors}.${field}}}aria-invalid="true" aria-describedby="${field}-{{id}}-error"{{/if}}>
{{#if ${errors}.${field}}}<p class="field-error" id="${field}-{{id}}-error">{{${errors}.${field}}}</p>{{/if}}`,
  )
  .join('\n')}
<label for="until-{{id}}">{{@root.copy.actions.retainedUntil}}</label>
<input type="text" id="until-{{id}}" name="until" value="{{${values}.until}}" inputmode="numeric" placeholder="2031-12-31" {{#if ${errors}.until}}aria-invalid="true" aria-describedby="until-{{id}}-error"{{/if}}>
{{#if ${errors}.until}}<p class="field-error" id="until-{{id}}-error">{{${errors}.until}}</p>{{/if}}
</fieldset>`;

export const LOGIN_PAGE = `
<h1>{{copy.login.title}}</h1>
<section class="card" style="max-width:28rem">
<form method="post" action="/staff/login">
${csrf}
<input type="hidden" name="next" value="{{next}}">
<label for="email">{{copy.login.email}}</label>
<input type="email" id="email" name="email" value="{{email}}" autocomplete="username" required autofocus>
<label for="password">{{copy.login.password}}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<p><button type="submit">{{copy.login.submit}}</button></p>
</form>
</section>`;

export const MESSAGE_PAGE = `
<h1>{{heading}}</h1>
<section class="card"><p>{{lead}}</p>{{#if backUrl}}<p><a href="{{backUrl}}">{{backLabel}}</a></p>{{/if}}</section>`;

export const QUEUE_PAGE = `
<h1>{{copy.queue.title}}</h1>
<nav aria-label="{{copy.queue.counts}}">
<ul class="counts" data-testid="counts">
<li><a href="{{countLinks.all}}" {{#unless filter.due}}aria-current="true"{{/unless}}><strong>{{counts.all}}</strong>{{copy.queue.all}}</a></li>
<li><a href="{{countLinks.overdue}}" {{#if (eq filter.due "overdue")}}aria-current="true"{{/if}} data-state="overdue"><strong>{{counts.overdue}}</strong>{{copy.urgency.overdue}}</a></li>
<li><a href="{{countLinks.due2}}" {{#if (eq filter.due "due2")}}aria-current="true"{{/if}} data-state="due2"><strong>{{counts.due2}}</strong>{{copy.urgency.due2}}</a></li>
<li><a href="{{countLinks.due7}}" {{#if (eq filter.due "due7")}}aria-current="true"{{/if}} data-state="due7"><strong>{{counts.due7}}</strong>{{copy.urgency.due7}}</a></li>
<li><a href="{{countLinks.later}}" {{#if (eq filter.due "later")}}aria-current="true"{{/if}} data-state="later"><strong>{{counts.later}}</strong>{{copy.urgency.later}}</a></li>
</ul>
</nav>
<section class="card">
<h2 style="margin-top:0">{{copy.queue.filters}}</h2>
<form method="get" action="/staff" class="filters" role="search">
<div class="search"><label for="q">{{copy.queue.search}}</label><input type="search" id="q" name="q" value="{{filter.q}}"></div>
<div><label for="status">{{copy.queue.status}}</label><select id="status" name="status" class="wide">{{#each statusOptions}}<option value="{{value}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select></div>
<div><label for="type">{{copy.queue.type}}</label><select id="type" name="type" class="wide"><option value="">{{copy.queue.any}}</option>{{#each typeOptions}}<option value="{{value}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select></div>
<div><label for="channel">{{copy.queue.channel}}</label><select id="channel" name="channel" class="wide"><option value="">{{copy.queue.any}}</option>{{#each channelOptions}}<option value="{{value}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select></div>
<div><label for="assignee">{{copy.queue.assignee}}</label><select id="assignee" name="assignee" class="wide"><option value="">{{copy.queue.any}}</option>{{#each assigneeOptions}}<option value="{{value}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select></div>
{{#if filter.due}}<input type="hidden" name="due" value="{{filter.due}}">{{/if}}
<div><button type="submit">{{copy.queue.apply}}</button> <a href="/staff">{{copy.queue.clear}}</a></div>
</form>
</section>
{{#if items.length}}
<p role="status">{{showing}}</p>
<div class="table-wrap">
<table class="queue" data-testid="queue">
<thead><tr><th scope="col">{{copy.queue.reference}}</th><th scope="col">{{copy.queue.state}}</th><th scope="col">{{copy.queue.due}}</th><th scope="col">{{copy.queue.type}}</th><th scope="col">{{copy.queue.status}}</th><th scope="col">{{copy.queue.subject}}</th><th scope="col">{{copy.queue.channel}}</th><th scope="col">{{copy.queue.received}}</th><th scope="col">{{copy.queue.assignee}}</th></tr></thead>
<tbody>
{{#each items}}
<tr data-reference="{{reference}}">
<td data-label="{{@root.copy.queue.reference}}"><a href="/staff/cases/{{reference}}">{{reference}}</a>{{#if flagged}} ⚑{{/if}}</td>
<td data-label="{{@root.copy.queue.state}}"><span class="state state-{{urgency}}">{{urgencyLabel}}</span></td>
<td data-label="{{@root.copy.queue.due}}">{{due}}</td>
<td data-label="{{@root.copy.queue.type}}">{{typeLabel}}</td>
<td data-label="{{@root.copy.queue.status}}">{{statusLabel}}</td>
<td data-label="{{@root.copy.queue.subject}}">{{subject}}</td>
<td data-label="{{@root.copy.queue.channel}}">{{channelLabel}}</td>
<td data-label="{{@root.copy.queue.received}}">{{received}}</td>
<td data-label="{{@root.copy.queue.assignee}}">{{assignee}}</td>
</tr>
{{/each}}
</tbody>
</table>
</div>
<nav class="pager" aria-label="{{copy.queue.paging}}">
{{#if previousUrl}}<a href="{{previousUrl}}" rel="prev">{{copy.queue.previous}}</a>{{/if}}
{{#if nextUrl}}<a href="{{nextUrl}}" rel="next">{{copy.queue.next}}</a>{{/if}}
</nav>
{{else}}
<p class="card" role="status">{{copy.queue.none}}</p>
{{/if}}`;

export const CASE_PAGE = `
<h1>{{case.reference}} <span class="state state-{{case.urgency}}" data-testid="urgency">{{case.urgencyLabel}}</span></h1>
<p data-testid="status"><strong>{{case.statusLabel}}</strong> · {{case.typeLabel}} · {{copy.case.assignee}}: <span data-testid="assignee">{{case.assignee}}</span></p>
{{#if case.flagged}}<p class="warning">{{copy.case.flagged}}</p>{{/if}}
{{#if case.rejected}}<p class="problem">{{case.rejected}}</p>{{/if}}
{{#if case.closed}}<p>{{case.closed}}</p>{{/if}}
<div class="columns">
<div>
<section class="card" aria-labelledby="h-deadlines">
<h2 id="h-deadlines" style="margin-top:0">{{copy.case.deadlines}}</h2>
<dl class="facts" data-testid="deadlines">
<dt>{{copy.case.effective}}</dt><dd><strong>{{case.deadlines.effective}}</strong></dd>
<dt>{{copy.case.sendBy}}</dt><dd>{{case.deadlines.sendBy}}</dd>
<dt>{{copy.case.statutory}}</dt><dd>{{case.deadlines.statutory}}</dd>
<dt>{{copy.case.promise}}</dt><dd>{{case.deadlines.promise}}</dd>
{{#if case.deadlines.extended}}
<dt>{{copy.case.extended}}</dt><dd data-testid="extended">{{case.deadlines.extended}}</dd>
<dt>{{copy.case.extensionReason}}</dt><dd>{{case.extension.reason}}</dd>
<dt>{{copy.case.extensionNotified}}</dt><dd>{{case.extension.notifiedAt}}</dd>
{{/if}}
<dt>{{copy.case.pausedDays}}</dt><dd>{{case.pausedDays}}</dd>
</dl>
{{#if case.paused}}<p class="warning" data-testid="paused">{{case.paused}}</p>{{/if}}
{{#if case.approved}}<p>{{case.approved}}</p>{{/if}}
</section>
<section class="card" aria-labelledby="h-request">
<h2 id="h-request" style="margin-top:0">{{copy.case.request}}</h2>
<dl class="facts">
<dt>{{copy.case.type}}</dt><dd>{{case.typeLabel}}</dd>
<dt>{{copy.case.channel}}</dt><dd>{{case.channelLabel}}</dd>
<dt>{{copy.case.receivedAt}}</dt><dd>{{case.receivedAt}}</dd>
<dt>{{copy.case.receivedOn}}</dt><dd>{{case.receivedOn}}</dd>
<dt>{{copy.case.language}}</dt><dd>{{case.language}}</dd>
<dt>{{copy.case.details}}</dt><dd>{{#if case.details.length}}<dl class="facts">{{#each case.details}}<dt>{{key}}</dt><dd>{{value}}</dd>{{/each}}</dl>{{else}}{{copy.case.noDetails}}{{/if}}</dd>
</dl>
</section>
<section class="card" aria-labelledby="h-subject">
<h2 id="h-subject" style="margin-top:0">{{copy.case.subject}}</h2>
<dl class="facts" data-testid="subject">
{{#if case.subject.email}}<dt>{{copy.case.email}}</dt><dd>{{case.subject.email}}</dd>{{/if}}
{{#if case.subject.name}}<dt>{{copy.case.name}}</dt><dd>{{case.subject.name}}</dd>{{/if}}
{{#if case.subject.phone}}<dt>{{copy.case.phone}}</dt><dd>{{case.subject.phone}}</dd>{{/if}}
{{#if case.subject.customerNumber}}<dt>{{copy.case.customerNumber}}</dt><dd>{{case.subject.customerNumber}}</dd>{{/if}}
<dt>{{copy.case.identity}}</dt><dd data-testid="identity">{{case.identity}}</dd>
</dl>
{{#if identifiers.length}}
<h3>{{copy.identity.title}}</h3>
<p>{{copy.identity.lead}}</p>
<div class="table-wrap"><table data-testid="identifiers">
<tbody>
{{#each identifiers}}
<tr data-identifier="{{id}}" data-basis="{{basis}}">
<th scope="row">{{kind}}</th><td>{{value}}</td>
<td><strong>{{basisLabel}}</strong>{{#if notANumber}}<br>{{@root.copy.identity.notANumber}}{{/if}}{{#if how}}<br>{{how}}{{/if}}{{#if reason}}<br>{{reason}}{{/if}}
{{#if canConfirm}}
<details{{#if form.errors.method}} open{{/if}}{{#if form.errors.reason}} open{{/if}}><summary>{{@root.copy.identity.confirm}}</summary>
<form method="post" action="/staff/cases/{{@root.case.reference}}/identifiers/{{id}}/confirm">${csrf}
<label for="identifier-method-{{id}}">{{@root.copy.identity.confirmMethod}}</label>
<input type="text" id="identifier-method-{{id}}" name="method" value="{{form.values.method}}" maxlength="200"{{#if form.errors.method}} aria-invalid="true" aria-describedby="identifier-method-{{id}}-error"{{/if}}>
{{#if form.errors.method}}<p class="field-error" id="identifier-method-{{id}}-error">{{form.errors.method}}</p>{{/if}}
<label for="identifier-reason-{{id}}">{{@root.copy.identity.confirmReason}}</label>
<input type="text" id="identifier-reason-{{id}}" name="reason" value="{{form.values.reason}}" maxlength="500"{{#if form.errors.reason}} aria-invalid="true" aria-describedby="identifier-reason-{{id}}-error"{{/if}}>
{{#if form.errors.reason}}<p class="field-error" id="identifier-reason-{{id}}-error">{{form.errors.reason}}</p>{{/if}}
<button>{{@root.copy.identity.confirm}}</button>
</form></details>
{{/if}}
</td></tr>
{{/each}}
</tbody></table></div>
{{/if}}
</section>
{{#if onBehalf}}<section class="card" aria-labelledby="h-on-behalf" data-testid="on-behalf">
<h2 id="h-on-behalf" style="margin-top:0">{{onBehalf.copy.title}}</h2>
<p>{{onBehalf.copy.lead}}</p>
{{#if onBehalf.byPost}}<p class="notice" data-testid="answer-by-post">{{onBehalf.copy.byPost}}</p>{{/if}}
<dl class="facts">
{{#each onBehalf.rows}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/each}}
<dt>{{onBehalf.copy.document}}</dt><dd>{{onBehalf.document.label}}{{#if onBehalf.document.url}} – <a href="{{onBehalf.document.url}}">{{onBehalf.copy.download}}</a>{{/if}}</dd>
</dl>
{{#if onBehalf.canDecide}}
<form method="post" action="/staff/cases/{{case.reference}}/authority/accept">${csrf}
<h3>{{onBehalf.copy.accept}}</h3><p>{{onBehalf.copy.acceptHelp}}</p>
<label for="authorityAccept-reason">{{onBehalf.copy.reason}}</label>
<input type="text" id="authorityAccept-reason" name="reason" value="{{values.authorityAccept.reason}}" maxlength="2000" ${invalidAttrs('authorityAccept', 'reason')}>
${fieldError('authorityAccept', 'reason')}
<div><input type="checkbox" id="authorityAccept-coversAnswer" name="coversAnswer" value="yes"{{#if onBehalf.coversAnswerChecked}} checked{{/if}}> <label for="authorityAccept-coversAnswer">{{onBehalf.copy.coversAnswerCheck}}</label></div>
<button>{{onBehalf.copy.accept}}</button>
</form>
<form method="post" action="/staff/cases/{{case.reference}}/authority/reject">${csrf}
<h3>{{onBehalf.copy.reject}}</h3><p>{{onBehalf.copy.rejectHelp}}</p>
<label for="authorityReject-reason">{{onBehalf.copy.reason}}</label>
<input type="text" id="authorityReject-reason" name="reason" value="{{values.authorityReject.reason}}" maxlength="2000" ${invalidAttrs('authorityReject', 'reason')}>
${fieldError('authorityReject', 'reason')}
<button>{{onBehalf.copy.reject}}</button>
</form>
{{/if}}
</section>{{/if}}
{{#if records.show}}
<section class="card" aria-labelledby="h-records" data-testid="records">
<h2 id="h-records" style="margin-top:0">{{copy.records.title}}</h2>
<p>{{copy.records.lead}}</p>
<ul class="record-search" data-testid="record-search">{{#each records.search}}<li data-status="{{status}}">{{system}}: {{statusLabel}}{{#if error}} <span class="field-error">{{error}}</span>{{/if}}</li>{{/each}}</ul>
{{#if records.canSearch}}<form method="post" action="/staff/cases/{{case.reference}}/records/search" class="inline">${csrf}<button class="secondary">{{copy.records.searchAgain}}</button></form>{{/if}}
{{#if records.items.length}}
<div class="table-wrap"><table data-testid="record-list">
<thead><tr><th scope="col">{{copy.records.system}}</th><th scope="col">{{copy.records.record}}</th><th scope="col">{{copy.records.status}}</th><th scope="col">{{copy.records.given}}</th><th scope="col">{{copy.records.held}}</th><th scope="col">{{copy.records.decision}}</th></tr></thead>
<tbody>
{{#each records.items}}
<tr data-record="{{id}}" data-status="{{status}}">
<td>{{system}}</td><td>{{record}}</td>
<td>{{#if candidate}}<strong class="warning">{{statusLabel}}</strong>{{else}}{{statusLabel}}{{/if}}{{#if foundBy}}<br><small>{{@root.copy.records.foundBy}}: {{foundBy}}</small>{{/if}}</td>
<td><ul class="evidence" data-testid="evidence-given">{{#each given}}<li>{{kind}}: {{value}}</li>{{/each}}</ul></td>
<td><ul class="evidence" data-testid="evidence-held">{{#each held}}<li>{{kind}}: {{value}}</li>{{/each}}</ul></td>
<td>{{decision}}
{{#if canDecide}}
<form method="post" action="/staff/cases/{{@root.case.reference}}/records/{{id}}/decide">${csrf}
<label for="record-reason-{{id}}">{{@root.copy.records.reason}}</label>
<textarea id="record-reason-{{id}}" name="reason" maxlength="500" {{#if error}}aria-invalid="true" aria-describedby="record-reason-{{id}}-error"{{/if}}>{{reason}}</textarea>
{{#if error}}<p class="field-error" id="record-reason-{{id}}-error">{{error}}</p>{{/if}}
<button name="decision" value="confirm">{{@root.copy.records.confirm}}</button>
<button name="decision" value="reject" class="secondary">{{@root.copy.records.reject}}</button>
</form>
{{/if}}
</td>
</tr>
{{/each}}
</tbody></table></div>
{{else}}<p>{{#if records.searching}}{{copy.records.searching}}{{else}}{{copy.records.none}}{{/if}}</p>{{/if}}
</section>
{{/if}}
<section class="card" aria-labelledby="h-tasks">
<h2 id="h-tasks" style="margin-top:0">{{copy.case.tasks}}</h2>
{{#if tasks.length}}
<p data-testid="task-progress">{{taskProgress}}</p>
<div class="table-wrap"><table data-testid="tasks">
<thead><tr><th scope="col">{{copy.case.system}}</th><th scope="col">{{copy.case.action}}</th><th scope="col">{{copy.case.taskStatus}}</th><th scope="col">{{copy.case.outcome}}</th><th scope="col">{{copy.case.attempts}}</th></tr></thead>
<tbody>
{{#each tasks}}
<tr data-task="{{id}}" data-status="{{status}}">
<td>{{system}}</td><td>{{action}}</td><td>{{statusLabel}}</td>
<td>{{#if outcome}}{{outcome}}{{/if}}{{#if retained.length}}<ul class="retained" data-testid="retained">{{#each retained}}<li>{{this}}</li>{{/each}}</ul>{{/if}}{{#if error}}<p class="field-error">{{error}}</p>{{/if}}
{{#if canRetry}}<form method="post" action="/staff/cases/{{@root.case.reference}}/tasks/{{id}}/retry" class="inline">${csrf}<button class="secondary">{{@root.copy.actions.retry}}</button></form>{{/if}}
{{#if canRecord}}<form method="post" action="/staff/cases/{{@root.case.reference}}/tasks/{{id}}/outcome">${csrf}
<input type="hidden" name="from" value="case">
<h3>{{@root.copy.actions.recordOutcome}}</h3>
${outcomeFields('form.values', 'form.errors')}
<button class="secondary">{{@root.copy.actions.recordOutcome}}</button>
</form>{{/if}}
</td>
<td>{{attempts}}</td>
</tr>
{{/each}}
</tbody></table></div>
{{else}}<p>{{copy.case.noTasks}}</p>{{/if}}
</section>
{{#if files}}
<section class="card" aria-labelledby="h-files" data-testid="answer-files">
<h2 id="h-files" style="margin-top:0">{{copy.answer.files}}</h2>
<ul>{{#each files.letters}}<li>{{subject}} ({{delivery}}): <a href="/staff/cases/{{../case.reference}}/answer/letters/{{id}}/html">{{../copy.answer.letterHtml}}</a>, <a href="/staff/cases/{{../case.reference}}/answer/letters/{{id}}/pdf">{{../copy.answer.letterPdf}}</a></li>{{/each}}
{{#if files.package}}<li><a href="/staff/cases/{{case.reference}}/answer/package.zip">{{copy.answer.packageZip}}</a></li>{{/if}}</ul>
</section>
{{/if}}
{{#if letter}}
<section class="card" aria-labelledby="h-letter" data-testid="letter">
<h2 id="h-letter" style="margin-top:0">{{copy.answer.letter}}</h2>
<p>{{copy.answer.letterLead}} {{#if letter.edited}}{{copy.answer.edited}}{{else}}{{copy.answer.composed}}{{/if}}</p>
{{#if letter.notices.length}}<p>{{copy.answer.notices}}: {{#each letter.notices}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}</p>{{/if}}
{{#if letter.notNotified.length}}<p data-testid="not-notified">{{copy.answer.notNotified}}: {{#each letter.notNotified}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}</p>{{/if}}
{{#if can.editLetter}}
<form method="post" action="/staff/cases/{{case.reference}}/letter">${csrf}
<label for="letter-subject">{{copy.answer.subject}}</label>
<input type="text" id="letter-subject" name="subject" value="{{letter.subject}}" maxlength="300" ${invalidAttrs('letter', 'subject')}>
${fieldError('letter', 'subject')}
<label for="letter-text">{{copy.answer.text}}</label>
<textarea id="letter-text" name="text" rows="18" ${invalidAttrs('letter', 'text')}>{{letter.text}}</textarea>
${fieldError('letter', 'text')}
<p><button class="secondary">{{copy.answer.save}}</button></p>
</form>
{{else}}
<dl class="facts"><dt>{{copy.answer.subject}}</dt><dd data-testid="letter-subject">{{letter.subject}}</dd></dl>
<pre class="letter" data-testid="letter-text" style="white-space:pre-wrap">{{letter.text}}</pre>
{{/if}}
</section>
{{/if}}
{{#if download}}
<section class="card" aria-labelledby="h-download" data-testid="download">
<h2 id="h-download" style="margin-top:0">{{copy.answer.download}}</h2>
<p {{#if download.locked}}class="warning"{{/if}} data-testid="download-state">{{download.state}}</p>
<dl class="facts"><dt>{{copy.answer.expires}}</dt><dd>{{download.expiresAt}}</dd>{{#if download.lockedAt}}<dt>{{copy.answer.lockedAt}}</dt><dd>{{download.lockedAt}}</dd>{{/if}}</dl>
</section>
{{/if}}
<section class="card" aria-labelledby="h-timeline">
<h2 id="h-timeline" style="margin-top:0">{{copy.case.timeline}}</h2>
{{#if timeline.length}}
<ol class="timeline" data-testid="timeline">
{{#each timeline}}<li class="kind-{{kind}}"><time datetime="{{iso}}">{{at}} · {{kindLabel}}</time><strong>{{title}}</strong>{{#if text}}<br>{{text}}{{/if}}{{#if by}}<br><small>{{by}}</small>{{/if}}</li>{{/each}}
</ol>
{{else}}<p>{{copy.case.noEvents}}</p>{{/if}}
</section>
</div>
<div>
<section class="card actions" aria-labelledby="h-actions" data-testid="actions">
<h2 id="h-actions" style="margin-top:0">{{copy.case.actions}}</h2>
{{#if formProblem}}<p class="problem" role="alert">{{formProblem}}</p>{{/if}}
{{#unless anyAction}}<p>{{copy.case.noActions}}</p>{{/unless}}
{{#if can.assign}}
<form method="post" action="/staff/cases/{{case.reference}}/assign">${csrf}
<h3><label for="assign-userId">{{copy.actions.assignTo}}</label></h3>
<select id="assign-userId" name="userId" ${invalidAttrs('assign', 'userId')}><option value="">{{copy.actions.unassign}}</option>{{#each assignees}}<option value="{{id}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select>
${fieldError('assign', 'userId')}
<button>{{copy.actions.assign}}</button>
</form>
{{/if}}
{{#if can.verify}}
<form method="post" action="/staff/cases/{{case.reference}}/verify">${csrf}
<h3>{{copy.actions.verify}}</h3>
<label for="verify-method">{{copy.actions.verifyMethod}}</label>
<input type="text" id="verify-method" name="method" value="{{values.verify.method}}" maxlength="100" ${invalidAttrs('verify', 'method')}>
${fieldError('verify', 'method')}
<button>{{copy.actions.verify}}</button>
</form>
{{/if}}
{{#if can.approve}}
<form method="post" action="/staff/cases/{{case.reference}}/approve">${csrf}
<h3>{{copy.actions.approve}}</h3><p>{{copy.actions.approveHelp}}</p>
{{#if records.show}}<p>{{#if records.willTouch.length}}{{copy.records.willTouch}}{{else}}{{copy.records.nothingToTouch}}{{/if}}</p>
{{#if records.willTouch.length}}<ul data-testid="approval-records">{{#each records.willTouch}}<li>{{system}}: {{record}} ({{matchedBy}})</li>{{/each}}</ul>{{/if}}{{/if}}
<button>{{copy.actions.approve}}</button>
</form>
{{/if}}
{{#if can.objection}}
<form method="post" action="/staff/cases/{{case.reference}}/objection-decision">${csrf}
<h3>{{copy.actions.objection}}</h3>
<label><input type="radio" name="decision" value="stop" {{#if (eq values.objection.decision "stop")}}checked{{/if}}> {{copy.actions.objectionStop}}</label>
<label><input type="radio" name="decision" value="compelling_grounds" {{#if (eq values.objection.decision "compelling_grounds")}}checked{{/if}}> {{copy.actions.objectionGrounds}}</label>
${fieldError('objection', 'decision')}
<label for="objection-grounds">{{copy.actions.objectionText}}</label>
<textarea id="objection-grounds" name="grounds" ${invalidAttrs('objection', 'grounds')}>{{values.objection.grounds}}</textarea>
${fieldError('objection', 'grounds')}
<button>{{copy.actions.objection}}</button>
</form>
{{/if}}
{{#if can.requestInformation}}
<form method="post" action="/staff/cases/{{case.reference}}/request-information" data-testid="request-information">${csrf}
<h3>{{copy.actions.pause}}</h3>
<p><small>{{requestInformationHelp}}</small></p>
<label for="requestInformation-message">{{copy.actions.pauseReason}}</label>
<textarea id="requestInformation-message" name="message" ${invalidAttrs('requestInformation', 'message')}>{{values.requestInformation.message}}</textarea>
${fieldError('requestInformation', 'message')}
<button>{{copy.actions.pause}}</button>
</form>
{{/if}}
{{#if can.resume}}
<form method="post" action="/staff/cases/{{case.reference}}/resume">${csrf}
<h3>{{copy.actions.resume}}</h3>
<button>{{copy.actions.resume}}</button>
</form>
{{/if}}
{{#if can.extend}}
<form method="post" action="/staff/cases/{{case.reference}}/extend">${csrf}
<h3>{{copy.actions.extend}}</h3>
{{#if extendWarning}}<p class="warning">{{extendWarning}}</p>{{/if}}
<label for="extend-reason">{{copy.actions.extendReason}}</label>
<textarea id="extend-reason" name="reason" ${invalidAttrs('extend', 'reason')}>{{values.extend.reason}}</textarea>
${fieldError('extend', 'reason')}
<button>{{copy.actions.extend}}</button>
</form>
{{/if}}
{{#if can.liftRestriction}}
<form method="post" action="/staff/cases/{{case.reference}}/lift-restriction">${csrf}
<h3>{{copy.answer.lift}}</h3><p>{{copy.answer.liftHelp}}</p>
<label for="lift-reason">{{copy.answer.liftReason}}</label>
<textarea id="lift-reason" name="reason" ${invalidAttrs('lift', 'reason')}>{{values.lift.reason}}</textarea>
${fieldError('lift', 'reason')}
<button data-testid="lift-restriction">{{copy.answer.lift}}</button>
</form>
{{/if}}
{{#if can.unlock}}
<form method="post" action="/staff/cases/{{case.reference}}/answer/unlock">${csrf}
<h3>{{copy.answer.unlock}}</h3><p>{{copy.answer.unlockHelp}}</p>
<button data-testid="unlock">{{copy.answer.unlock}}</button>
</form>
{{/if}}
{{#if can.complete}}
<form method="post" action="/staff/cases/{{case.reference}}/complete">${csrf}
<h3>{{copy.actions.complete}}</h3>
<button>{{copy.actions.complete}}</button>
</form>
{{/if}}
{{#if can.flag}}
<form method="post" action="/staff/cases/{{case.reference}}/flag">${csrf}
<h3>{{#if case.flagged}}{{copy.actions.unflag}}{{else}}{{copy.actions.flag}}{{/if}}</h3>
<input type="hidden" name="flagged" value="{{#if case.flagged}}false{{else}}true{{/if}}">
<label for="flag-reason">{{copy.actions.flagReason}}</label>
<textarea id="flag-reason" name="reason" ${invalidAttrs('flag', 'reason')}>{{values.flag.reason}}</textarea>
${fieldError('flag', 'reason')}
<button class="secondary">{{#if case.flagged}}{{copy.actions.unflag}}{{else}}{{copy.actions.flag}}{{/if}}</button>
</form>
{{/if}}
{{#if can.reject}}
<form method="post" action="/staff/cases/{{case.reference}}/reject">${csrf}
<h3>{{copy.actions.reject}}</h3>
<label for="reject-reasonCode">{{copy.actions.rejectCode}}</label>
<select id="reject-reasonCode" name="reasonCode" ${invalidAttrs('reject', 'reasonCode')}><option value=""></option>{{#each rejectionCodes}}<option value="{{value}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select>
${fieldError('reject', 'reasonCode')}
<label for="reject-reason">{{copy.actions.rejectReason}}</label>
<textarea id="reject-reason" name="reason" ${invalidAttrs('reject', 'reason')}>{{values.reject.reason}}</textarea>
${fieldError('reject', 'reason')}
<button class="danger">{{copy.actions.reject}}</button>
<button class="secondary" formaction="/staff/cases/{{case.reference}}/refusal-letter" data-testid="refusal-preview">{{copy.answer.refusalPreview}}</button>
</form>
{{#if refusal}}
<form method="post" action="/staff/cases/{{case.reference}}/refusal-letter" data-testid="refusal-letter">${csrf}
<h3>{{copy.answer.refusalLetter}}</h3><p>{{copy.answer.refusalLead}} {{#if refusal.edited}}{{copy.answer.edited}}{{/if}}</p>
<input type="hidden" name="reasonCode" value="{{refusal.reasonCode}}"><input type="hidden" name="reason" value="{{refusal.reason}}">
<label for="refusal-subject">{{copy.answer.subject}}</label>
<input type="text" id="refusal-subject" name="subject" value="{{refusal.subject}}" maxlength="300" ${invalidAttrs('refusal', 'subject')}>
${fieldError('refusal', 'subject')}
<label for="refusal-text">{{copy.answer.text}}</label>
<textarea id="refusal-text" name="text" rows="14" ${invalidAttrs('refusal', 'text')}>{{refusal.text}}</textarea>
${fieldError('refusal', 'text')}
<button class="secondary">{{copy.answer.refusalSave}}</button>
<button class="danger" formaction="/staff/cases/{{case.reference}}/reject">{{copy.actions.reject}}</button>
</form>
{{/if}}
{{/if}}
{{#if can.note}}
<form method="post" action="/staff/cases/{{case.reference}}/notes">${csrf}
<h3>{{copy.actions.note}}</h3>
<label for="note-text">{{copy.actions.noteText}}</label>
<textarea id="note-text" name="text" ${invalidAttrs('note', 'text')}>{{values.note.text}}</textarea>
${fieldError('note', 'text')}
<button class="secondary">{{copy.actions.note}}</button>
</form>
{{/if}}
</section>
</div>
</div>`;

export const REGISTER_PAGE = `
<h1>{{copy.register.title}}</h1>
<p>{{copy.register.lead}}</p>
<section class="card" style="max-width:48rem">
<form method="post" action="/staff/cases" novalidate>
${csrf}
<label for="type">{{copy.case.type}}</label>
<select id="type" name="type" ${invalidAttrs('register', 'type')}><option value=""></option>{{#each typeOptions}}<option value="{{value}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select>
${fieldError('register', 'type')}
<label for="channel">{{copy.case.channel}}</label>
<select id="channel" name="channel" ${invalidAttrs('register', 'channel')}><option value=""></option>{{#each channelOptions}}<option value="{{value}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select>
${fieldError('register', 'channel')}
<label for="receivedDate">{{copy.register.receivedDate}}</label>
<input type="date" id="receivedDate" name="receivedDate" value="{{values.receivedDate}}" max="{{today}}" ${invalidAttrs('register', 'receivedDate')}>
${fieldError('register', 'receivedDate')}
<label for="receivedTime">{{copy.register.receivedTime}}</label>
<input type="time" id="receivedTime" name="receivedTime" value="{{values.receivedTime}}" ${invalidAttrs('register', 'receivedTime')}>
${fieldError('register', 'receivedTime')}
<fieldset style="margin-top:1rem"><legend>{{copy.case.subject}}</legend>
${fieldError('register', 'subject')}
<label for="email">{{copy.case.email}}</label>
<input type="email" id="email" name="email" value="{{values.email}}" ${invalidAttrs('register', 'email')}>
${fieldError('register', 'email')}
<label for="name">{{copy.case.name}}</label>
<input type="text" id="name" name="name" value="{{values.name}}" ${invalidAttrs('register', 'name')}>
${fieldError('register', 'name')}
<label for="phone">{{copy.case.phone}}</label>
<input type="text" id="phone" name="phone" value="{{values.phone}}" ${invalidAttrs('register', 'phone')}>
${fieldError('register', 'phone')}
<label for="customerNumber">{{copy.case.customerNumber}}</label>
<input type="text" id="customerNumber" name="customerNumber" value="{{values.customerNumber}}" ${invalidAttrs('register', 'customerNumber')}>
${fieldError('register', 'customerNumber')}
</fieldset>
<label for="language">{{copy.case.language}}</label>
<select id="language" name="language"><option value="nb" {{#if (eq values.language "nb")}}selected{{/if}}>Norsk</option><option value="en" {{#if (eq values.language "en")}}selected{{/if}}>English</option></select>
<label for="message">{{copy.register.details}}</label>
<textarea id="message" name="message" ${invalidAttrs('register', 'message')}>{{values.message}}</textarea>
${fieldError('register', 'message')}
<label for="verifiedMethod">{{copy.register.verified}}</label>
<input type="text" id="verifiedMethod" name="verifiedMethod" value="{{values.verifiedMethod}}" ${invalidAttrs('register', 'verifiedMethod')}>
${fieldError('register', 'verifiedMethod')}
<p><button type="submit">{{copy.register.submit}}</button></p>
</form>
</section>`;

export const USERS_PAGE = `
<h1>{{copy.users.title}}</h1>
<div class="table-wrap">
<table data-testid="users">
<thead><tr><th scope="col">{{copy.users.name}}</th><th scope="col">{{copy.users.email}}</th><th scope="col">{{copy.users.role}}</th><th scope="col">{{copy.users.active}}</th><th scope="col">{{copy.users.lastLogin}}</th>{{#if canManage}}<th scope="col"><span class="skip">{{copy.users.changeRole}}</span></th>{{/if}}</tr></thead>
<tbody>
{{#each users}}
<tr data-email="{{email}}">
<td>{{name}}</td><td>{{email}}</td><td>{{roleLabel}}</td><td>{{#if active}}{{@root.copy.users.active}}{{else}}{{@root.copy.users.inactive}}{{/if}}</td><td>{{lastLogin}}</td>
{{#if @root.canManage}}<td>
{{#unless self}}
<form method="post" action="/staff/users/{{id}}/role" class="inline">${csrf}<label class="skip" for="role-{{id}}">{{@root.copy.users.changeRole}}</label><select id="role-{{id}}" name="role">{{#each roleOptions}}<option value="{{value}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select> <button class="secondary">{{@root.copy.users.changeRole}}</button></form>
{{#if active}}<form method="post" action="/staff/users/{{id}}/deactivate" class="inline">${csrf}<button class="danger">{{@root.copy.users.deactivate}}</button></form>{{else}}<form method="post" action="/staff/users/{{id}}/reactivate" class="inline">${csrf}<button class="secondary">{{@root.copy.users.reactivate}}</button></form>{{/if}}
{{else}}<small>{{@root.copy.users.self}}</small>{{/unless}}
</td>{{/if}}
</tr>
{{/each}}
</tbody>
</table>
</div>
{{#if canManage}}
<section class="card" style="max-width:40rem;margin-top:1rem">
<h2 style="margin-top:0">{{copy.users.create}}</h2>
<form method="post" action="/staff/users" novalidate>
${csrf}
<label for="user-name">{{copy.users.name}}</label>
<input type="text" id="user-name" name="name" value="{{values.name}}" ${invalidAttrs('user', 'name')}>
${fieldError('user', 'name')}
<label for="user-email">{{copy.users.email}}</label>
<input type="email" id="user-email" name="email" value="{{values.email}}" ${invalidAttrs('user', 'email')}>
${fieldError('user', 'email')}
<label for="user-role">{{copy.users.role}}</label>
<select id="user-role" name="role" ${invalidAttrs('user', 'role')}><option value=""></option>{{#each newRoleOptions}}<option value="{{value}}" {{#if selected}}selected{{/if}}>{{label}}</option>{{/each}}</select>
${fieldError('user', 'role')}
<label for="user-password">{{copy.users.password}}</label>
<input type="password" id="user-password" name="password" autocomplete="new-password" ${invalidAttrs('user', 'password')}>
${fieldError('user', 'password')}
<p><button type="submit">{{copy.users.create}}</button></p>
</form>
</section>
{{/if}}`;

export const TASKS_PAGE = `
<h1>{{copy.tasks.title}}</h1>
<p>{{copy.tasks.lead}}</p>
{{#if tasks.length}}
{{#each tasks}}
<section class="card" id="task-{{id}}" data-task="{{id}}" data-system="{{system}}">
<h2 style="margin-top:0">{{systemName}} – {{@root.copy.tasks.case}} {{#if @root.canOpenCases}}<a href="/staff/cases/{{reference}}">{{reference}}</a>{{else}}{{reference}}{{/if}}</h2>
<dl class="facts"><dt>{{@root.copy.tasks.what}}</dt><dd>{{what}}</dd><dt>{{@root.copy.tasks.due}}</dt><dd>{{due}}</dd>{{#if subject}}<dt>{{@root.copy.case.subject}}</dt><dd>{{subject}}</dd>{{/if}}</dl>
{{#if @root.canRecord}}
<form method="post" action="/staff/cases/{{reference}}/tasks/{{id}}/outcome">${csrf}
<input type="hidden" name="from" value="tasks">
${outcomeFields('values', 'errors')}
<p><button>{{@root.copy.actions.recordOutcome}}</button></p>
</form>
{{/if}}
</section>
{{/each}}
{{else}}
<p class="card" role="status">{{copy.tasks.none}}</p>
{{/if}}`;
