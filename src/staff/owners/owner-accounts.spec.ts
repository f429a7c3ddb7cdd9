import type { SystemEntry } from '../../systems/data-map.schema';
import { ownersStartupLine, ownersWithoutAccount } from './owner-accounts';

const system = (id: string, owner: string) => ({ id, name: id.toUpperCase(), owner }) as SystemEntry;
const SYSTEMS = [
  system('crm', 'Kari@Firma.example'),
  system('cctv', 'vakt@firma.example'),
  system('paper', 'kari@firma.example'),
  system('shop', 'ola@firma.example'),
];

describe('owners without an account', () => {
  it('names each owner address once, lower-cased, with its systems and why it cannot sign in', () => {
    const gaps = ownersWithoutAccount(SYSTEMS, [
      { email: 'ola@firma.example', active: true, pending: false },
      { email: 'vakt@firma.example', active: false, pending: false },
    ]);
    expect(gaps).toEqual([
      {
        email: 'kari@firma.example',
        gap: 'missing',
        systems: [
          { id: 'crm', name: 'CRM' },
          { id: 'paper', name: 'PAPER' },
        ],
      },
      { email: 'vakt@firma.example', gap: 'inactive', systems: [{ id: 'cctv', name: 'CCTV' }] },
    ]);
    expect(ownersWithoutAccount(SYSTEMS, [{ email: 'kari@firma.example', active: true, pending: true }])[0]).toEqual({
      email: 'kari@firma.example',
      gap: 'invited',
      systems: [
        { id: 'crm', name: 'CRM' },
        { id: 'paper', name: 'PAPER' },
      ],
    });
  });

  it('the start-up line counts them and names their systems, never an address', () => {
    const line = ownersStartupLine(ownersWithoutAccount(SYSTEMS, []));
    expect(line).toBe(
      '3 system owner address(es) in the data map have no staff account they can use (systems: crm, paper, shop, cctv); an admin can invite them on /staff/systems',
    );
    expect(line).not.toMatch(/@/);
    const everyone = ['kari', 'vakt', 'ola'].map((name) => ({ email: `${name}@firma.example`, active: true, pending: false }));
    expect(ownersStartupLine(ownersWithoutAccount(SYSTEMS, everyone))).toBeNull();
  });
});
