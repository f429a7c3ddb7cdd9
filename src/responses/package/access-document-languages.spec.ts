import { join } from 'node:path';
import { loadDataMap } from '../../systems/data-map.loader';
import { processingInfo } from './access-document';

/** The answer tells each processing in the requester's language: the data map's own texts as it
 *  writes them per language (config/systems.yaml gives every one in nb and en). */
describe("the answer's processing facts in the requester's language", () => {
  const map = loadDataMap(join(__dirname, '..', '..', '..', 'config', 'systems.yaml'));
  const visma = map.systems.find((system) => system.id === 'visma')!;
  const cctv = map.systems.find((system) => system.id === 'cctv')!;
  const zendesk = map.systems.find((system) => system.id === 'zendesk')!;

  it('names the system, its basis, recipients and source in Norwegian for a Norwegian answer', () => {
    expect(processingInfo(visma, 'nb')).toMatchObject({
      name: 'Visma Business (kunderegister og regnskap)',
      legalBasis: 'GDPR art. 6 nr. 1 bokstav b avtale og bokstav c rettslig forpliktelse (bokføringsloven)',
      recipients: ['Revisor AS (revisor)'],
      source: 'Fra deg',
    });
    expect(processingInfo(cctv, 'nb')).toMatchObject({ name: 'Kameraovervåking på lageret', source: 'kameraopptak' });
    expect(processingInfo(zendesk, 'nb').transfersOutsideEea).toBe('USA (Zendesk Inc.) etter EUs standard personvernbestemmelser');
  });

  it('and in English for an English one', () => {
    expect(processingInfo(visma, 'en')).toMatchObject({
      name: 'Visma Business (customer register and accounting)',
      legalBasis: 'GDPR art. 6(1)(b) contract and 6(1)(c) legal obligation (bokføringsloven)',
      recipients: ['Revisor AS (auditor)'],
    });
    expect(processingInfo(cctv, 'en')).toMatchObject({ name: 'CCTV at the warehouse', source: 'camera recordings' });
  });
});
