import { confirm, fileRequest, handleAsStaff, runAttack, startImpostorStack, type ImpostorStack } from './impostor-harness';
import { KARI, KARI_VISMA, MALLORY } from './impostor-people';

/**
 * Issue #11: requests that change, suppress or delete, from an attacker who proves only her own
 * mailbox and types Kari's details. No record of Kari's may change in any simulator, and nothing
 * of hers may reach the attacker (a rectification letter's "old → new" would show Kari's values).
 */
describe("impostor: erasure, rectification, restriction and objection with a victim's typed details", () => {
  let stack: ImpostorStack;

  beforeAll(async () => {
    stack = await startImpostorStack('IMPOSTOR_CHANGES');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("erasure: the victim's phone (as HubSpot writes it) deletes nothing of hers, after the routine approval", async () => {
    const result = await runAttack(stack, { type: 'erasure', email: MALLORY.email, phone: KARI.phoneInHubSpot }, { phone: true });
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("erasure: the victim's customer number deletes nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'erasure', email: MALLORY.email, customerNumber: KARI.customerNumber }, { customerNumber: true });
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("erasure: the victim's name and address delete nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'erasure', email: MALLORY.email, name: KARI.name, address: KARI.address }, { name: true, address: true });
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("rectification: the victim's phone cannot be changed through her typed phone", async () => {
    const result = await runAttack(
      stack,
      { type: 'rectification', email: MALLORY.email, phone: KARI.phoneInZendesk, details: { field: 'phone', correctedValue: '+47 400 00 666' } },
      { phone: true },
    );
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("rectification: the victim's address cannot be changed through her customer number", async () => {
    const result = await runAttack(
      stack,
      { type: 'rectification', email: MALLORY.email, customerNumber: KARI.customerNumber, details: { field: 'address', correctedValue: 'Mallorygata 6' } },
      { customerNumber: true },
    );
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("restriction: the victim's phone (as Visma writes it) restricts nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'restriction', email: MALLORY.email, phone: KARI.phoneInVisma }, { phone: true });
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("restriction: the victim's customer number restricts nothing of hers", async () => {
    const result = await runAttack(stack, { type: 'restriction', email: MALLORY.email, customerNumber: KARI.customerNumber }, { customerNumber: true });
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("objection to direct marketing: the victim's phone leaves her HubSpot subscriptions and Visma flag as they were", async () => {
    const result = await runAttack(
      stack,
      { type: 'objection', email: MALLORY.email, phone: KARI.phoneInHubSpot, details: { processing: 'direct_marketing' } },
      { phone: true },
    );
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("objection to direct marketing: the victim's customer number leaves her marketing consent as it was", async () => {
    const result = await runAttack(
      stack,
      { type: 'objection', email: MALLORY.email, customerNumber: KARI.customerNumber, details: { processing: 'direct_marketing' } },
      { customerNumber: true },
    );
    expect(result.leaks).toEqual([]);
    expect(result.after).toEqual(result.before);
  });

  it("control: Kari's own verified erasure deletes her records in Zendesk, Visma and HubSpot", async () => {
    stack.reseed();
    const filed = await fileRequest(stack, { type: 'erasure', email: KARI.email, name: KARI.name });
    await confirm(filed);
    const handled = await handleAsStaff(stack, filed.reference, 'erasure');
    expect(handled.status).toBe('completed');
    expect(handled.tasks.map((task) => `${task.system}:${task.status}`).sort()).toEqual(['hubspot:done', 'visma:done', 'zendesk:done']);
    const zendesk = stack.sims.zendesk.state;
    expect(zendesk.isLive(stack.seeded.zendeskUserId)).toBe(false);
    expect(stack.sims.visma.state.associates.find((row) => row.associateNo === KARI_VISMA.associateNo)).toBeUndefined();
    const hubspot = stack.sims.hubspot.state;
    expect(
      hubspot.gdprDeletions.length +
        [...hubspot.contacts.values()].filter((contact) => contact.id === stack.seeded.hubspotContactId && contact.archived).length,
    ).toBeGreaterThan(0);
    expect([...hubspot.contacts.values()].some((contact) => contact.id === stack.seeded.hubspotContactId && !contact.archived)).toBe(false);
  });
});
