import {
  confirm,
  downloadPackage,
  fileRequest,
  guessProofCodes,
  handleAsStaff,
  leaksOfKari,
  lettersDelivered,
  mailsFor,
  runAttack,
  startImpostorStack,
  type ImpostorStack,
} from './impostor-harness';
import { KARI, MALLORY } from './impostor-people';

/**
 * Issue #11: an attacker who proves only her own mailbox and types Kari's details must get nothing
 * of Kari's — not in the package (every file searched), not in any e-mail — and no record of
 * Kari's may change. Access and portability here; changes in impostor-changes.e2e-spec.ts.
 */
describe("impostor: access and portability with a verified mailbox and a victim's typed details", () => {
  let stack: ImpostorStack;

  beforeAll(async () => {
    stack = await startImpostorStack('IMPOSTOR_ACCESS');
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** Mallory's own HubSpot contact is in her package: the download worked and was searched. */
  const ownDataArrived = (files: Array<{ name: string; text: string }>) => {
    expect(files.find((file) => file.name === 'data/hubspot.json')?.text ?? '').toContain(MALLORY.email);
  };

  it.each([
    ['as Zendesk writes it', KARI.phoneInZendesk],
    ['as Visma writes it', KARI.phoneInVisma],
    ['as HubSpot writes it', KARI.phoneInHubSpot],
  ])("access: the victim's phone typed %s exports nothing of hers", async (_how, phone) => {
    const result = await runAttack(stack, { type: 'access', email: MALLORY.email, name: MALLORY.name, phone }, { phone: true });
    ownDataArrived(result.files);
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("access: the victim's customer number exports nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'access', email: MALLORY.email, customerNumber: KARI.customerNumber }, { customerNumber: true });
    ownDataArrived(result.files);
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("access: the victim's customer number with a leading zero (058317) exports nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'access', email: MALLORY.email, customerNumber: `0${KARI.customerNumber}` }, { customerNumber: true });
    ownDataArrived(result.files);
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("access: the victim's name and address export nothing of hers", async () => {
    const address = `${KARI.address}, ${KARI.postCode} ${KARI.postalArea}`;
    const result = await runAttack(stack, { type: 'access', email: MALLORY.email, name: KARI.name, address }, { name: true, address: true });
    ownDataArrived(result.files);
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("access: a verified address that is a substring of the victim's (ari.nordmann@…) finds nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'access', email: 'ari.nordmann@example.no', name: 'Ari Nordmann' });
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("access: a verified address that contains the victim's (…@example.no.evil.example) finds nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'access', email: `${KARI.email}.evil.example`, name: KARI.name }, { name: true });
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it('access: a plus-address naming the victim (mallory+kari.nordmann@evil.example) finds nothing of hers', async () => {
    const result = await runAttack(
      stack,
      { type: 'access', email: 'mallory+kari.nordmann@evil.example', name: KARI.name, phone: KARI.phoneDigits },
      { name: true, phone: true },
    );
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("access: the victim's address in other letter case on the attacker's domain (KARI.NORDMANN@EXAMPLE.NO.Evil.Example) finds nothing of hers", async () => {
    const result = await runAttack(
      stack,
      { type: 'access', email: `${KARI.email.toUpperCase()}.Evil.Example`, customerNumber: KARI.customerNumber },
      { customerNumber: true },
    );
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("portability: the victim's customer number exports nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'portability', email: MALLORY.email, customerNumber: KARI.customerNumber }, { customerNumber: true });
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("portability: the victim's phone (912 34 567) exports nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'portability', email: MALLORY.email, phone: '912 34 567' }, { phone: true });
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("an earlier case's verification and status links never verify or answer a request in the victim's name", async () => {
    const before = stack.reseed();
    const since = stack.smtp.messages.length;
    // Mallory's own earlier request: its links are in her mailbox.
    const earlier = await fileRequest(stack, { type: 'access', email: MALLORY.email });
    // Then one in Kari's name: the link goes to Kari's mailbox (a plus-address still reaches her), not Mallory's.
    const victimCase = await fileRequest(stack, { type: 'access', email: 'kari.nordmann+x@example.no', name: KARI.name, customerNumber: KARI.customerNumber });
    const victimId = (await (await stack.staff.get(`/api/v1/cases/${victimCase.reference}`)).json()).id as string;

    const earlierToken = new URL(earlier.verifyUrl).pathname.split('/').pop()!;
    const statusToken = earlier.statusPath.split('/').pop()!;
    // The earlier link as it is, the status link on the verify route, and the earlier link with
    // the victim case's id pasted into it (its signature no longer fits).
    const forged = Buffer.from(earlierToken, 'base64url');
    Buffer.from(victimId.replace(/-/g, ''), 'hex').copy(forged, 2);
    for (const token of [earlierToken, statusToken, forged.toString('base64url')]) {
      await fetch(`${stack.app.url}/verify/${token}`, { method: 'POST' });
      await fetch(`${stack.app.url}/verify/${token}?reference=${victimCase.reference}`, { method: 'POST' });
    }
    await confirm(earlier);
    await fetch(earlier.verifyUrl, { method: 'POST' });
    await guessProofCodes(stack, earlier);

    const victimView = await (await stack.staff.get(`/api/v1/cases/${victimCase.reference}`)).json();
    expect(victimView.status).toBe('awaiting_verification');
    expect(victimView.tasks).toEqual([]);

    // The earlier case runs its course for Mallory and holds only what is hers.
    expect((await handleAsStaff(stack, earlier.reference, 'access')).status).toBe('completed');
    await lettersDelivered(stack, earlier);
    const files = await downloadPackage(stack, earlier);
    const mails = mailsFor(stack, [MALLORY.email], since);
    expect(leaksOfKari({ mails, files }, { emails: [MALLORY.email] })).toEqual([]);
    expect(stack.victim()).toEqual(before);
  });

  it("control: Kari's own verified request exports her data from Zendesk, Visma and HubSpot", async () => {
    stack.reseed();
    const filed = await fileRequest(stack, { type: 'access', email: KARI.email, name: KARI.name });
    await confirm(filed);
    expect((await handleAsStaff(stack, filed.reference, 'access')).status).toBe('completed');
    await lettersDelivered(stack, filed);
    const files = await downloadPackage(stack, filed);
    const file = (name: string) => files.find((candidate) => candidate.name === name)?.text ?? '';
    expect(file('data/zendesk.json')).toContain(KARI.ticketSubject);
    expect(file('data/zendesk.json')).toContain(KARI.ticketComment);
    expect(file('data/visma.json')).toContain(KARI.address);
    expect(file('data/visma.json')).toMatch(new RegExp(`\\b${KARI.customerNumber}\\b`));
    expect(file('data/visma.json')).toContain('77121');
    expect(file('data/visma.json')).toContain(KARI.phoneInVisma);
    expect(file('data/hubspot.json')).toContain(KARI.email);
    expect(file('data/hubspot.json')).toContain(KARI.phoneInHubSpot);
  });
});
