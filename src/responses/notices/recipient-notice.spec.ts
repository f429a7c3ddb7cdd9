import type { CaseEntity } from '../../cases/case.entity';
import type { Disposition } from '../../common/dispositions/disposition';
import { systemSchema, type SystemEntry } from '../../systems/data-map.schema';
import { affectedSystems, type NoticeTarget } from '../letters/letter-facts.service';
import { recipientNotice } from './recipient-notice';

const entity = {
  id: 'c1',
  reference: 'DSR-2026-0042',
  subjectName: 'Kari Nordmann',
  subjectEmail: 'kari@example.no',
  subjectPhone: null,
  subjectCustomerNumber: '10001',
} as CaseEntity;
const controller = { name: 'Delelageret AS', email: 'personvern@delelageret.example' };
const target = (dispositions: Disposition[], language?: 'nb' | 'en'): NoticeTarget => ({
  systemId: 'accounting',
  systemName: 'Regnskap',
  name: 'Regnskap Nord AS',
  email: 'personvern@regnskapnord.example',
  ...(language ? { language } : {}),
  dispositions,
});

const system = (id: string): SystemEntry =>
  systemSchema.parse({
    id,
    name: id,
    connector: 'manual',
    owner: 'owner@example.no',
    categories: ['c'],
    purposes: ['p'],
    legalBasis: 'b',
    retention: { period: 'P1Y' },
  });

describe('affectedSystems: the systems whose records this case changed', () => {
  const systems = { system: (id: string) => (['crm', 'accounting', 'cctv'].includes(id) ? system(id) : undefined) };

  it('takes only systems with an erased, anonymised, corrected or restricted disposition, with all of their dispositions', () => {
    const affected = affectedSystems(
      'erasure',
      [
        { systemId: 'crm', dispositions: [{ kind: 'disclosed', what: 'contact', count: 1 }] },
        { systemId: 'cctv', dispositions: [{ kind: 'not_held', reason: 'routine_deletion', routine: 'overwritten after 7 days' }] },
        { systemId: 'accounting', dispositions: [{ kind: 'erased', what: 'customer', count: 1 }] },
        {
          systemId: 'accounting',
          dispositions: [{ kind: 'kept', what: 'voucher', count: 3, basis: 'legal_obligation', law: 'bokføringsloven § 13', allowedUse: 'bookkeeping' }],
        },
      ],
      systems,
    );
    expect(affected.map((entry) => [entry.id, entry.dispositions.map((disposition) => disposition.kind)])).toEqual([['accounting', ['erased', 'kept']]]);
  });

  it('reads the stored outcome of a task when given one: an outcome with no dispositions changed nothing', () => {
    const stored = (systemId: string, outcome: Record<string, unknown>) => ({
      systemId,
      action: 'erase' as const,
      status: 'done' as const,
      outcome,
      finishedAt: new Date(),
    });
    const affected = affectedSystems(
      'erasure',
      [stored('crm', { summary: 'deleted' }), stored('accounting', { summary: 'x', dispositions: [{ kind: 'anonymised', what: 'ticket-comment', count: 2 }] })],
      systems,
    );
    expect(affected.map((entry) => entry.id)).toEqual(['accounting']);
  });

  it('is empty for a request Art 19 does not cover: an objection stops a use, it changes no data recipients hold', () => {
    const erased = [{ systemId: 'accounting', dispositions: [{ kind: 'erased' as const, what: 'customer', count: 1 }] }];
    expect(affectedSystems('objection', erased, systems)).toEqual([]);
    expect(affectedSystems('access', erased, systems)).toEqual([]);
    expect(affectedSystems('restriction', erased, systems).map((entry) => entry.id)).toEqual(['accounting']);
  });
});

describe('recipientNotice: what changed in that system, and nothing else', () => {
  it('a partial erasure names what was erased and what is kept and must not be deleted, with its law and use', () => {
    const mail = recipientNotice(
      entity,
      target(
        [
          { kind: 'erased', what: 'customer', count: 1 },
          {
            kind: 'kept',
            what: 'voucher',
            count: 3,
            basis: 'legal_obligation',
            law: 'bokføringsloven § 13',
            until: '2031-12-31',
            allowedUse: 'bokføring, revisjon og skattekontroll',
          },
        ],
        'nb',
      ),
      controller,
    );
    expect(mail.subject).toBe('Varsel etter personvernforordningen art. 19 (DSR-2026-0042)');
    expect(mail.text).toContain('Slettet hos oss – slett også kopiene dere har fått av disse:\n- 1 kundeoppføring');
    expect(mail.text).toContain(
      'Beholdt – disse er IKKE slettet og skal ikke slettes, heller ikke hos dere:\n- 3 bilag (grunnlag: bokføringsloven § 13; oppbevares til og med 31. desember 2031; kan bare brukes til bokføring, revisjon og skattekontroll)',
    );
    expect(mail.text).toContain('Kari Nordmann, kari@example.no, 10001');
    // Nothing asks the recipient to "do the same" with everything, and the English half is left out.
    expect(mail.text).not.toMatch(/gjøre det samme|do the same|Erased by us/);
    expect(mail.html).toContain('<html lang="nb">');
  });

  it('a rectification names the field old → new; a legal-claims hold says what the claim is and limits its use', () => {
    const mail = recipientNotice(
      entity,
      target(
        [
          { kind: 'corrected', what: 'customer', field: 'phone', old: '+4791234567', new: '+4799999999' },
          {
            kind: 'kept',
            what: 'ticket',
            count: 1,
            basis: 'legal_claims',
            claim: 'payment dispute over invoice 1042',
            criterion: 'until the dispute is settled',
            allowedUse: 'legal_claims',
          },
        ],
        'en',
      ),
      controller,
    );
    expect(mail.subject).toBe('Notice under GDPR Art 19 (DSR-2026-0042)');
    expect(mail.text).toContain('Corrected by us – please correct the data you received as well:\n- phone number (customer record): +4791234567 → +4799999999');
    expect(mail.text).toContain(
      '- 1 ticket (basis: a legal claim (Art 17(3)(e)): payment dispute over invoice 1042; until the dispute is settled; may be used only for establishing, exercising or defending the claim)',
    );
    expect(mail.text).not.toContain('Erased by us');
  });

  it('a restriction says how; without a language in the data map the notice is in Norwegian only, like every e-mail to an outside party', () => {
    const mail = recipientNotice(entity, target([{ kind: 'restricted', what: 'ticket', count: 4, how: 'tagged restricted, hidden from agents' }]), controller);
    expect(mail.subject).toBe('Varsel etter personvernforordningen art. 19 (DSR-2026-0042)');
    expect(mail.text).toContain('Til Regnskap Nord AS');
    expect(mail.text).toContain('- 4 henvendelser: tagged restricted, hidden from agents');
    expect(mail.html).toContain('<html lang="nb">');
    expect(mail.text).not.toContain('To Regnskap Nord AS');
    expect(mail.text).not.toContain('tickets');
    expect(mail.text).not.toContain('Kind regards');
  });

  it('a lifted restriction names what is no longer restricted, and no erasure', () => {
    const mail = recipientNotice(
      entity,
      target([{ kind: 'restricted', what: 'contact', count: 1, how: 'marked do-not-process' }], 'en'),
      controller,
      'restriction-lifted',
    );
    expect(mail.text).toContain('The restriction has now been lifted');
    expect(mail.text).toContain('The restriction is lifted for:\n- 1 contact');
    expect(mail.text).not.toContain('marked do-not-process');
  });

  it('escapes the html', () => {
    const mail = recipientNotice(entity, target([{ kind: 'erased', what: '<script>', count: 1 }], 'en'), controller);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
  });
});
