import { join } from 'node:path';
import { dataMapWarnings, loadDataMap } from './data-map.loader';

describe('data map warnings: portability', () => {
  const map = () => loadDataMap(join(__dirname, '..', '..', 'config', 'systems.yaml'));

  it('warns when a system is portable but rests on neither consent nor contract (Art 20(1)(a))', () => {
    const loaded = map();
    const system = loaded.systems[0];
    system.portable = true;
    system.legalBasis = 'GDPR art. 6(1)(f) legitimate interest';
    expect(dataMapWarnings(loaded, {})).toContain(
      `${system.id}.portable: legal basis "GDPR art. 6(1)(f) legitimate interest" is neither consent nor contract; portability (Art 20) covers only those, so its data goes into no portability package`,
    );
  });

  it.each(['GDPR art. 6(1)(b) contract', 'samtykke', 'GDPR art. 6(1)(a)', 'avtale med kunden'])('accepts %s as a portable basis', (basis) => {
    const loaded = map();
    loaded.systems[0].portable = true;
    loaded.systems[0].legalBasis = basis;
    expect(dataMapWarnings(loaded, {}).filter((warning) => warning.includes('.portable'))).toEqual([]);
  });
});
