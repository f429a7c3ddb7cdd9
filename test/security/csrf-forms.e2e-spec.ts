import { LinkSigner } from '../../src/public-site/link-signer';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { CaseEntity } from '../../src/cases/case.entity';
import { AnswerLinkSigner } from '../../src/responses/download/answer-link-signer';
import { PackageBuilderService } from '../../src/responses/package/package-builder.service';
import { SessionClient, createStaffUser } from '../staff-ui/staff-session-client';
import { TEST_ADMIN, adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { cookiesFrom, csrfIn } from './fuzz-support';

type Route = `post ${string}`;

/** How one form is exercised: post it without a token, and with a good one; `after` runs last. */
interface FormCase {
  path: string;
  /** A client that holds the page's cookies, and the page's token. */
  open(): Promise<{ send(fields: Record<string, string>): Promise<Response>; csrf: string }>;
  fields: Record<string, string>;
  /** What a post with the good token answers (anything but 403 proves the token was the gate). */
  accepted: number[];
}

/**
 * Every HTML form that changes state, found from the running app's route table (POST routes
 * outside /api), posted once without a valid CSRF token (403, nothing done) and once with one
 * (accepted). A new form without a case here fails the first test. The bull-board JSON API under
 * /staff/queues (an @All route, admins only) is not a form: it is a same-origin XHR API whose
 * writes need a same-origin browser request (test/security/queues-dashboard.e2e-spec.ts).
 */
describe('CSRF on every state-changing form', () => {
  let stack: TestApp;
  let reference: string;
  let otherUserId: string;
  let answerToken: string;
  let statusToken: string;
  let staff: SessionClient;
  /** Its own user: "sign out everywhere" ends every session of the user who posts it. */
  let leaving: SessionClient;

  beforeAll(async () => {
    stack = await startTestApp({ env: { INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
    const auth = await adminAuth(stack.url);
    const created = await fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({
        type: 'access',
        channel: 'letter',
        receivedAt: new Date().toISOString(),
        subject: { email: 'csrf.case@example.no', name: 'Siri Lund' },
      }),
    });
    expect(created.status).toBe(201);
    reference = (await created.json()).reference;
    otherUserId = await createStaffUser(stack, 'csrf.handler@example.no', 'handler');
    const entity = await stack.dataSource.getRepository(CaseEntity).findOneByOrFail({ reference });
    const row = await stack.dataSource.transaction((manager) =>
      stack.context.get(PackageBuilderService).build(manager, entity, 'access', new Date(), new Date(Date.now() + 7 * 86_400_000)),
    );
    answerToken = new AnswerLinkSigner(stack.config.APP_SECRET).sign(row.id);
    // The proof forms need a claimed identifier, and the verify form above confirms this case's.
    const claimed = await fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ type: 'access', channel: 'letter', receivedAt: new Date().toISOString(), subject: { email: 'csrf.proof@example.no' } }),
    });
    statusToken = new LinkSigner(stack.config.APP_SECRET).sign('status', (await claimed.json()).id, null);
    staff = new SessionClient(stack.url);
    expect((await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
    await createStaffUser(stack, 'csrf.leaving@example.no', 'auditor');
    leaving = new SessionClient(stack.url);
    expect((await leaving.signIn('csrf.leaving@example.no')).status).toBe(303);
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** A public page's cookies and token, sent back the way a browser would. */
  const publicPage = (pagePath: string, action: string) => async () => {
    const page = await fetch(`${stack.url}${pagePath}`);
    const cookies = cookiesFrom(page);
    const csrf = csrfIn(await page.text());
    return {
      csrf,
      send: (fields: Record<string, string>) =>
        fetch(`${stack.url}${action}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies },
          body: new URLSearchParams(fields).toString(),
        }),
    };
  };
  /** A staff form, from the signed-in admin's session (or a fresh visitor's for sign-in). */
  const staffPage = (client: () => SessionClient, pagePath: string, action: string) => async () => {
    const session = client();
    const csrf = csrfIn(await (await session.get(pagePath)).text());
    return { csrf, send: (fields: Record<string, string>) => session.request('POST', action, fields) };
  };
  const signedIn = () => staff;
  const visitor = () => new SessionClient(stack.url);
  const caseForm = (action: string, fields: Record<string, string>, accepted: number[] = [303, 400, 409]): FormCase => ({
    path: `/staff/cases/${reference}/${action}`,
    open: staffPage(signedIn, `/staff/cases/${reference}`, `/staff/cases/${reference}/${action}`),
    fields,
    accepted,
  });

  const forms = (): Record<Route, FormCase> => ({
    'post /': {
      path: '/',
      open: publicPage('/', '/'),
      fields: { type: 'access', email: 'csrf.form@example.no', idempotencyKey: randomUUID() },
      accepted: [200],
    },
    'post /answer/:token/code': {
      path: `/answer/${answerToken}/code`,
      open: publicPage(`/answer/${answerToken}`, `/answer/${answerToken}/code`),
      fields: {},
      accepted: [200],
    },
    'post /answer/:token/download': {
      path: `/answer/${answerToken}/download`,
      open: publicPage(`/answer/${answerToken}`, `/answer/${answerToken}/download`),
      fields: { code: '00000000' },
      accepted: [400],
    },
    'post /staff/login': {
      path: '/staff/login',
      open: staffPage(visitor, '/staff/login', '/staff/login'),
      fields: { email: TEST_ADMIN.email, password: 'not the password' },
      accepted: [401],
    },
    // No password was checked in this browser: the code step answers 401, but only after the token.
    'post /staff/login/code': {
      path: '/staff/login/code',
      open: staffPage(visitor, '/staff/login', '/staff/login/code'),
      fields: { code: '000000' },
      accepted: [401],
    },
    'post /staff/language': {
      path: '/staff/language',
      open: staffPage(signedIn, '/staff', '/staff/language'),
      fields: { language: 'nb', next: '/staff' },
      accepted: [303],
    },
    'post /staff/cases': { path: '/staff/cases', open: staffPage(signedIn, '/staff/cases/new', '/staff/cases'), fields: { type: 'access' }, accepted: [400] },
    'post /staff/cases/:reference/assign': caseForm('assign', { assignee: otherUserId }),
    'post /staff/cases/:reference/verify': caseForm('verify', { method: 'signed letter with ID copy' }),
    'post /staff/cases/:reference/approve': caseForm('approve', {}),
    // The case is the requester's own: the authority forms answer 404/409, but only after the token.
    'post /staff/cases/:reference/authority/accept': caseForm('authority/accept', { reason: 'fullmakt checked' }, [303, 400, 404, 409]),
    'post /staff/cases/:reference/authority/reject': caseForm('authority/reject', { reason: 'not signed' }, [303, 400, 404, 409]),
    'post /status/:token/prove': {
      path: `/status/${statusToken}/prove`,
      open: publicPage(`/status/${statusToken}/prove`, `/status/${statusToken}/prove`),
      fields: { identifier: randomUUID() },
      accepted: [200, 400, 404, 429],
    },
    'post /status/:token/prove/code': {
      path: `/status/${statusToken}/prove/code`,
      open: publicPage(`/status/${statusToken}/prove`, `/status/${statusToken}/prove/code`),
      fields: { code: '12345678' },
      accepted: [200, 400, 429],
    },
    'post /staff/cases/:reference/request-information': caseForm('request-information', { message: 'waiting for ID' }),
    'post /staff/cases/:reference/resume': caseForm('resume', {}),
    'post /staff/cases/:reference/extend': caseForm('extend', { reason: 'many systems to search through' }),
    // Marking the extension letter posted: 409 on this e-mail case, but only after the token.
    'post /staff/cases/:reference/extension-letter/posted': caseForm('extension-letter/posted', {}, [303, 409]),
    'post /staff/cases/:reference/reject': caseForm('reject', {}),
    'post /staff/cases/:reference/refusal-letter': caseForm(
      'refusal-letter',
      { reasonCode: 'manifestly_unfounded', reason: 'third identical request' },
      [200, 303, 400, 409],
    ),
    'post /staff/cases/:reference/lift-restriction': caseForm('lift-restriction', { reason: 'the accuracy check is done' }),
    'post /staff/cases/:reference/lift-restriction/cancel': caseForm('lift-restriction/cancel', { reason: 'the person objected by phone' }),
    'post /staff/cases/:reference/flag': caseForm('flag', {}),
    // No such duplicate: 404, but only once the token was checked.
    'post /staff/cases/:reference/merge': caseForm('merge', { duplicate: 'DSR-2026-999999' }, [303, 404, 409]),
    'post /staff/cases/:reference/notes': caseForm('notes', { text: 'called the requester' }),
    'post /staff/cases/:reference/letter': caseForm('letter', { subject: 'Svar på forespørselen', text: 'Her er svaret.' }),
    'post /staff/cases/:reference/answer/unlock': caseForm('answer/unlock', {}),
    'post /staff/cases/:reference/complete': caseForm('complete', {}),
    'post /staff/cases/:reference/objection-decision': caseForm('objection-decision', {}),
    'post /staff/cases/:reference/records/search': caseForm('records/search', {}),
    // The default data map has no processor system serving several controllers: 404 once the token passes.
    'post /staff/cases/:reference/processor-forwards/:systemId': caseForm('processor-forwards/webshops', { controllerId: 'shop-a' }, [303, 400, 404, 409]),
    'post /staff/cases/:reference/records/:recordId/decide': {
      ...caseForm('records/x/decide', {}, [303, 400, 404, 409]),
      path: `/staff/cases/${reference}/records/${randomUUID()}/decide`,
    },
    'post /staff/cases/:reference/identifiers/:identifierId/confirm': {
      ...caseForm('identifiers/x/confirm', {}, [303, 400, 404, 409]),
      path: `/staff/cases/${reference}/identifiers/${randomUUID()}/confirm`,
    },
    'post /staff/cases/:reference/recipient-tasks/:recipientTaskId/done': {
      ...caseForm('recipient-tasks/x/done', { how: 'phoned their office' }, [303, 400, 404, 409]),
      path: `/staff/cases/${reference}/recipient-tasks/${randomUUID()}/done`,
    },
    'post /staff/cases/:reference/recipient-tasks/:recipientTaskId/waive': {
      ...caseForm('recipient-tasks/x/waive', { reason: 'never received data' }, [303, 400, 404, 409]),
      path: `/staff/cases/${reference}/recipient-tasks/${randomUUID()}/waive`,
    },
    'post /staff/cases/:reference/plan/items/:planItemId': {
      ...caseForm('plan/items/x', { action: 'erase' }, [303, 400, 404, 409]),
      path: `/staff/cases/${reference}/plan/items/${randomUUID()}`,
    },
    'post /staff/cases/:reference/tasks/:taskId/retry': {
      ...caseForm('tasks/x/retry', {}, [303, 400, 404, 409]),
      path: `/staff/cases/${reference}/tasks/${randomUUID()}/retry`,
    },
    'post /staff/cases/:reference/tasks/:taskId/outcome': {
      ...caseForm('tasks/x/outcome', {}, [303, 400, 404, 409]),
      path: `/staff/cases/${reference}/tasks/${randomUUID()}/outcome`,
    },
    'post /staff/templates/:kind/:language': {
      path: '/staff/templates/refusal/en',
      open: staffPage(signedIn, '/staff/templates/refusal/en', '/staff/templates/refusal/en'),
      fields: { action: 'preview' },
      accepted: [200],
    },
    // The default data map's owners have no accounts: an invitation is sent once the token passes.
    'post /staff/systems/owners/invite': {
      path: '/staff/systems/owners/invite',
      open: staffPage(signedIn, '/staff/systems', '/staff/systems/owners/invite'),
      fields: { email: 'nobody@example.no' },
      accepted: [400],
    },
    'post /staff/users': { path: '/staff/users', open: staffPage(signedIn, '/staff/users', '/staff/users'), fields: {}, accepted: [400] },
    'post /staff/users/:id/role': {
      path: `/staff/users/${otherUserId}/role`,
      open: staffPage(signedIn, '/staff/users', `/staff/users/${otherUserId}/role`),
      fields: { role: 'auditor' },
      accepted: [303, 400],
    },
    'post /staff/users/:id/language': {
      path: `/staff/users/${otherUserId}/language`,
      open: staffPage(signedIn, '/staff/users', `/staff/users/${otherUserId}/language`),
      fields: { language: 'en' },
      accepted: [303, 400],
    },
    'post /staff/users/:id/deactivate': {
      path: `/staff/users/${otherUserId}/deactivate`,
      open: staffPage(signedIn, '/staff/users', `/staff/users/${otherUserId}/deactivate`),
      fields: {},
      accepted: [303, 400],
    },
    'post /staff/users/:id/reactivate': {
      path: `/staff/users/${otherUserId}/reactivate`,
      open: staffPage(signedIn, '/staff/users', `/staff/users/${otherUserId}/reactivate`),
      fields: {},
      accepted: [303, 400],
    },
    'post /staff/account/password': {
      path: '/staff/account/password',
      open: staffPage(signedIn, '/staff/account', '/staff/account/password'),
      fields: { current: 'not the password', new: 'a new password nobody uses' },
      accepted: [400],
    },
    'post /staff/account/language': {
      path: '/staff/account/language',
      open: staffPage(signedIn, '/staff/account', '/staff/account/language'),
      fields: { language: 'nb' },
      accepted: [303, 400],
    },
    'post /staff/account/sign-out-everywhere': {
      path: '/staff/account/sign-out-everywhere',
      open: staffPage(() => leaving, '/staff/account', '/staff/account/sign-out-everywhere'),
      fields: {},
      accepted: [303],
    },
    'post /staff/account/totp/start': {
      path: '/staff/account/totp/start',
      open: staffPage(signedIn, '/staff/account', '/staff/account/totp/start'),
      fields: {},
      accepted: [200, 409],
    },
    'post /staff/account/totp/confirm': {
      path: '/staff/account/totp/confirm',
      open: staffPage(signedIn, '/staff/account', '/staff/account/totp/confirm'),
      fields: { code: 'abcdef' },
      accepted: [400],
    },
    'post /staff/account/totp/disable': {
      path: '/staff/account/totp/disable',
      open: staffPage(signedIn, '/staff/account', '/staff/account/totp/disable'),
      fields: {},
      accepted: [400],
    },
    'post /staff/account/totp/recovery-codes': {
      path: '/staff/account/totp/recovery-codes',
      open: staffPage(signedIn, '/staff/account', '/staff/account/totp/recovery-codes'),
      fields: {},
      accepted: [400],
    },
    'post /staff/users/second-factor': {
      path: '/staff/users/second-factor',
      open: staffPage(signedIn, '/staff/users', '/staff/users/second-factor'),
      fields: { required: 'false' },
      accepted: [303],
    },
    // The passkey calls are JSON from the pages' script, the token in the body as `_csrf`; a form
    // post with a good token is malformed input for them (400), or no challenge (400).
    'post /staff/login/passkey/options': {
      path: '/staff/login/passkey/options',
      open: staffPage(visitor, '/staff/login', '/staff/login/passkey/options'),
      fields: {},
      accepted: [200],
    },
    'post /staff/login/passkey/verify': {
      path: '/staff/login/passkey/verify',
      open: staffPage(visitor, '/staff/login', '/staff/login/passkey/verify'),
      fields: {},
      accepted: [400],
    },
    'post /staff/account/passkeys/options': {
      path: '/staff/account/passkeys/options',
      open: staffPage(signedIn, '/staff/account', '/staff/account/passkeys/options'),
      fields: { name: 'Laptop' },
      accepted: [200],
    },
    'post /staff/account/passkeys': {
      path: '/staff/account/passkeys',
      open: staffPage(signedIn, '/staff/account', '/staff/account/passkeys'),
      fields: { name: 'Laptop' },
      accepted: [400],
    },
    'post /staff/account/passkeys/:passkeyId/remove': {
      path: `/staff/account/passkeys/${randomUUID()}/remove`,
      open: staffPage(signedIn, '/staff/account', `/staff/account/passkeys/${randomUUID()}/remove`),
      // No such passkey (404), or the sign-in is no longer recent and the password is missing (400).
      fields: {},
      accepted: [400, 404],
    },
    'post /staff/password-reset': {
      path: '/staff/password-reset',
      open: staffPage(visitor, '/staff/password-reset', '/staff/password-reset'),
      fields: { email: 'nobody.here@example.no' },
      accepted: [200],
    },
    'post /staff/password-reset/:token': {
      path: `/staff/password-reset/${'A'.repeat(43)}`,
      open: staffPage(visitor, '/staff/password-reset', `/staff/password-reset/${'A'.repeat(43)}`),
      fields: { new: 'a new password nobody uses' },
      accepted: [410],
    },
    // Last: signs the admin out.
    'post /staff/logout': { path: '/staff/logout', open: staffPage(signedIn, '/staff', '/staff/logout'), fields: {}, accepted: [303] },
  });

  /** The verification confirm (POST /verify/:token) carries no cookie-bound token: its secret is
   *  the signed link itself, and the request rides on no session or cookie, so a forged cross-site
   *  post has nothing to borrow. Tested below as such. */
  const LINK_CAPABILITY_FORMS = ['post /verify/:token'];

  /** Routes that answer POST but are not forms: the staff session middleware mounted for every
   *  path, and bull-board's same-origin XHR API (see above). */
  const NOT_FORMS = ['post /{*path}', 'post /staff/queues', 'post /staff/queues/*path'];

  it('has a CSRF case for every POST route outside /api (read from the running router)', () => {
    const router = (
      (stack.app as NestExpressApplication).getHttpAdapter().getInstance() as {
        router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
      }
    ).router;
    const posts = router.stack
      .filter((layer) => layer.route?.methods.post && !layer.route.path.startsWith('/api/'))
      .map((layer) => `post ${layer.route!.path.replace(/(.)\/$/, '$1')}`);
    expect([...new Set(posts)].sort()).toEqual([...Object.keys(forms()), ...LINK_CAPABILITY_FORMS, ...NOT_FORMS].sort());
  });

  it("refuses each form without a token, with a forged one and with another browser's token (403), and accepts it with its own", async () => {
    const checked: string[] = [];
    for (const [route, form] of Object.entries(forms())) {
      const page = await form.open().catch((error: Error) => {
        throw new Error(`${route}: ${error.message}`);
      });
      const other = await form.open();
      const foreign = (await publicPage('/', '/')()).csrf;
      const forged = `${page.csrf.slice(0, -4)}${page.csrf.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      for (const token of [undefined, '', forged, foreign]) {
        const refused = await page.send({ ...form.fields, ...(token === undefined ? {} : { _csrf: token }) });
        expect({ route, token, status: refused.status }).toEqual({ route, token, status: 403 });
        expect(refused.headers.get('content-type')).toMatch(/text\/html/);
        await refused.arrayBuffer();
      }
      // A token issued to another browser/session is no good with this one's cookies.
      if (other.csrf !== page.csrf) expect((await page.send({ ...form.fields, _csrf: other.csrf })).status).toBe(403);
      const accepted = await page.send({ ...form.fields, _csrf: page.csrf });
      expect({ route, status: accepted.status, accepted: form.accepted.includes(accepted.status) }).toEqual({ route, status: accepted.status, accepted: true });
      checked.push(route);
    }
    expect(checked).toHaveLength(Object.keys(forms()).length);
    // The refusals did nothing: the public form's four refused posts made no case, the accepted one made one.
    const formCases = await stack.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE subject_email = 'csrf.form@example.no'`);
    expect(formCases[0].n).toBe(1);
  });

  it('confirms a verification only with the exact signed link; a forged cross-site post changes nothing', async () => {
    const response = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'access', email: 'csrf.verify@example.no' }),
    });
    const { reference: verifyReference } = await response.json();
    const forged = await fetch(`${stack.url}/verify/${'A'.repeat(51)}`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(forged.status).toBe(400);
    const status = await stack.dataSource.query('SELECT status FROM cases WHERE reference = $1', [verifyReference]);
    expect(status[0].status).toBe('awaiting_verification');
  });
});
