import { CaseEntity } from '../../src/cases/case.entity';
import { AnswerLinkSigner } from '../../src/responses/download/answer-link-signer';
import { PackageBuilderService } from '../../src/responses/package/package-builder.service';
import { linkIn, pageText } from '../intake/intake-helpers';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

/** A token with one byte changed (XOR), still well-formed base64url of the same length. */
function flipByte(token: string, index: number): string {
  const raw = Buffer.from(token, 'base64url');
  raw[index] ^= 0x01;
  return raw.toString('base64url');
}

/** The token's bytes `from…to` replaced by another token's: another case or package id, the MAC kept. */
function spliceBytes(token: string, donor: string, from: number, to: number): string {
  const raw = Buffer.from(token, 'base64url');
  Buffer.from(donor, 'base64url').copy(raw, from, from, to);
  return raw.toString('base64url');
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A sample of last characters other than the token's own, including the ones that only differ in unused bits. */
function otherLastCharacters(token: string): string[] {
  const own = BASE64URL.indexOf(token.slice(-1));
  return [own ^ 1, own ^ 2, own ^ 3, own ^ 16, own ^ 32].map((index) => BASE64URL[index]);
}

/**
 * Verification, status and download tokens against tampering and replay: a flipped byte in any
 * part, another case's or package's id under the original MAC, one kind of token where another is
 * expected, a used verification link, expired ones. Each is refused with the friendly page and the
 * page names nothing of the case (no reference, e-mail or name).
 */
describe('signed links resist tampering and replay', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;
  const people = [
    { email: 'tone.haugen@example.no', name: 'Tone Haugen' },
    { email: 'egil.strand@example.no', name: 'Egil Strand' },
  ];
  const cases: Array<{ reference: string; id: string; verify: string; status: string }> = [];

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
    for (const person of people) {
      const response = await fetch(`${stack.url}/api/v1/requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'access', ...person }),
      });
      const { reference } = await response.json();
      // The requester's own mail: receipt preservation may e-mail a system owner about the same case first.
      const mail = await smtp.waitFor((message) => message.to.includes(person.email) && message.subject.includes(reference));
      const verify = linkIn(mail, 'verify', stack.url).split('/').pop()!;
      const { id } = await stack.dataSource.getRepository(CaseEntity).findOneByOrFail({ reference });
      cases.push({ reference, id, verify, status: '' });
    }
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const get = async (path: string) => {
    const response = await fetch(`${stack.url}${path}`);
    return { status: response.status, text: pageText(await response.text()) };
  };
  const post = async (path: string) => {
    const response = await fetch(`${stack.url}${path}`, { method: 'POST' });
    return { status: response.status, text: pageText(await response.text()) };
  };
  const caseStatus = async (id: string) => (await stack.dataSource.getRepository(CaseEntity).findOneByOrFail({ id })).status;
  /** A refusal discloses nothing about any case. */
  const expectNothingDisclosed = (text: string) => {
    for (const item of cases) expect(text).not.toContain(item.reference);
    for (const person of people) {
      expect(text).not.toContain(person.email);
      expect(text).not.toContain(person.name);
    }
  };

  it('refuses a verification token with any byte flipped (version, purpose, case id, expiry, MAC), and another case id under its MAC', async () => {
    const [tone, egil] = cases;
    // Layout: version (0), purpose (1), case id (2-17), expiry (18-21), MAC (22-37).
    for (const index of [0, 1, 2, 9, 17, 18, 21, 22, 30, 37]) {
      const forged = flipByte(tone.verify, index);
      for (const attempt of [await get(`/verify/${forged}`), await post(`/verify/${forged}`)]) {
        expect(attempt.status).toBe(400);
        expect(attempt.text).toContain('Lenken virker ikke');
        expectNothingDisclosed(attempt.text);
      }
    }
    const otherCase = spliceBytes(tone.verify, egil.verify, 2, 18);
    const swapped = await post(`/verify/${otherCase}`);
    expect(swapped.status).toBe(400);
    expectNothingDisclosed(swapped.text);
    // Case-changed base64url is a different byte string: refused too.
    const recased = tone.verify.replace(/[a-z]/, (letter) => letter.toUpperCase());
    expect((await post(`/verify/${recased}`)).status).toBe(400);
    expect(await caseStatus(tone.id)).toBe('awaiting_verification');
    expect(await caseStatus(egil.id)).toBe('awaiting_verification');

    // The untouched link still works: the refusals above were about the tampering.
    const page = await get(`/verify/${tone.verify}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(tone.reference);
  });

  it('confirms once: a used verification link confirms nothing again and records one verification', async () => {
    const [tone] = cases;
    const first = await post(`/verify/${tone.verify}`);
    expect(first.status).toBe(200);
    expect(await caseStatus(tone.id)).toBe('in_progress');
    const replays = await Promise.all([post(`/verify/${tone.verify}`), post(`/verify/${tone.verify}`), get(`/verify/${tone.verify}`)]);
    for (const replay of replays) {
      expect(replay.status).toBe(200);
      expect(replay.text).not.toContain('Bekreft');
    }
    const events = await stack.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND type = 'case.verified'`, [tone.id]);
    expect(events[0].n).toBe(1);
  });

  it('refuses a status token that was tampered with or is of another kind, and a verification token at the status page', async () => {
    const [tone, egil] = cases;
    const statusPage = await fetch(`${stack.url}/verify/${tone.verify}`);
    const statusToken = /\/status\/([A-Za-z0-9_-]+)/.exec(await statusPage.text())![1];
    tone.status = statusToken;
    expect((await get(`/status/${statusToken}`)).status).toBe(200);

    for (const forged of [
      flipByte(statusToken, 1),
      flipByte(statusToken, 5),
      flipByte(statusToken, 20),
      flipByte(statusToken, 30),
      spliceBytes(statusToken, egil.verify, 2, 18),
      tone.verify,
      egil.verify,
    ]) {
      const attempt = await get(`/status/${forged}`);
      expect(attempt.status).toBe(400);
      expect(attempt.text).toContain('Lenken virker ikke');
      expectNothingDisclosed(attempt.text);
    }
    // A status token is no verification link either.
    const asVerify = await post(`/verify/${flipByte(statusToken, 0)}`);
    expect(asVerify.status).toBe(400);
    // Every other last character: either another MAC or a non-canonical spelling of the same bytes.
    for (const last of otherLastCharacters(egil.verify)) {
      expect((await post(`/verify/${egil.verify.slice(0, -1)}${last}`)).status).toBe(400);
    }
    expect(await caseStatus(egil.id)).toBe('awaiting_verification');
  });

  it('refuses tampered download tokens, another package under the MAC, and status or verification tokens at the answer page', async () => {
    const [tone, egil] = cases;
    const builder = stack.context.get(PackageBuilderService);
    // One package after the other: a transaction's one connection takes one query at a time.
    const packages = await stack.dataSource.transaction(async (manager) => {
      const built = [];
      for (const item of [tone, egil]) {
        const entity = await manager.findOneByOrFail(CaseEntity, { id: item.id });
        built.push(await builder.build(manager, entity, 'access', clock.now(), new Date(clock.now().getTime() + 30 * DAY_MS)));
      }
      return built;
    });
    const signer = new AnswerLinkSigner(stack.config.APP_SECRET);
    const [toneToken, egilToken] = packages.map((row) => signer.sign(row.id));
    const ready = await get(`/answer/${toneToken}`);
    expect(ready.status).toBe(200);
    expect(ready.text).toContain(tone.reference);

    // Layout: package id (0-15), MAC (16-31).
    const forgeries = [
      ...[0, 7, 15, 16, 24, 31].map((index) => flipByte(toneToken, index)),
      spliceBytes(toneToken, egilToken, 0, 16),
      tone.status,
      tone.verify,
      egil.verify,
    ];
    for (const forged of forgeries) {
      const attempt = await get(`/answer/${forged}`);
      expect(attempt.status).toBe(400);
      expect(attempt.text).toContain('Lenken virker ikke');
      expectNothingDisclosed(attempt.text);
    }
    // A download token opens neither the status page nor a verification.
    expect((await get(`/status/${toneToken}`)).status).toBe(400);
    expect((await post(`/verify/${egilToken}`)).status).toBe(400);
    expect(await caseStatus(egil.id)).toBe('awaiting_verification');
    expect(await stack.dataSource.query(`SELECT count(*)::int AS n FROM answer_download_codes`)).toEqual([{ n: 0 }]);
  });

  it('refuses expired verification and download links with the friendly page', async () => {
    const [tone, egil] = cases;
    const signer = new AnswerLinkSigner(stack.config.APP_SECRET);
    const [row] = await stack.dataSource.query(`SELECT id FROM answer_packages WHERE case_id = $1`, [tone.id]);
    clock.advance(31 * DAY_MS);
    const expiredVerify = await post(`/verify/${egil.verify}`);
    expect(expiredVerify.status).toBe(410);
    expect(expiredVerify.text).toContain('Lenken er utløpt');
    expect(await caseStatus(egil.id)).toBe('awaiting_verification');
    const expiredDownload = await get(`/answer/${signer.sign(row.id)}`);
    expect(expiredDownload.status).toBe(410);
    for (const person of people) expect(expiredDownload.text).not.toContain(person.email);
  });
});
