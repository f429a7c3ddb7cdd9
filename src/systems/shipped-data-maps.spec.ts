import { join } from 'node:path';
import { LANGUAGES } from '../common/case-types';
import { dataMapWarnings } from './data-map-warnings';
import { loadDataMap } from './data-map.loader';
import type { SystemEntry } from './data-map.schema';
import type { LocalizedText } from './localized-text';

const root = join(__dirname, '..', '..');
const SHIPPED = [
  'config/systems.yaml',
  'examples/auto-parts-wholesaler.yaml',
  'examples/courier.yaml',
  'examples/logistics-software.yaml',
  'examples/webshop-sql.yaml',
  'examples/webshop.yaml',
];

/** Every text of a system a person reads, by its field; the engine's own defaults left out. */
function readerTexts(system: SystemEntry): Array<[string, LocalizedText]> {
  const { texts } = system;
  const own = (field: string, text: LocalizedText, engineDefault: string): Array<[string, LocalizedText]> => (text === engineDefault ? [] : [[field, text]]);
  return [
    ['name', texts.name],
    ['legalBasis', texts.legalBasis],
    ...texts.purposes.map((text, index): [string, LocalizedText] => [`purposes[${index}]`, text]),
    ...texts.categories.map((text, index): [string, LocalizedText] => [`categories[${index}]`, text]),
    ...(texts.retention.criteria ? [['retention.criteria', texts.retention.criteria] as [string, LocalizedText]] : []),
    ...(texts.retention.basis ? [['retention.basis', texts.retention.basis] as [string, LocalizedText]] : []),
    ...texts.legalHolds.flatMap((hold, index): Array<[string, LocalizedText]> => [
      [`legalHolds[${index}].records`, hold.records],
      [`legalHolds[${index}].basis`, hold.basis],
    ]),
    ...texts.recipients.map((text, index): [string, LocalizedText] => [`recipients[${index}]`, text]),
    ...own('source', system.source, 'the data subject'),
    ...own('automatedDecisions', system.automatedDecisions, 'none'),
    ...own('transfersOutsideEea', system.transfersOutsideEea, 'none'),
    ...Object.entries(system.fieldLabels).map(([field, text]): [string, LocalizedText] => [`fieldLabels.${field}`, text]),
  ];
}

/**
 * The warnings each shipped map is meant to start with, besides "variable not set" (the examples
 * name environment variables for their secrets): the courier lists its auditor without an e-mail,
 * so staff are told to give it the Art 19 notice by other means.
 */
const INTENDED: Record<string, RegExp[]> = {
  'examples/courier.yaml': [/^accounting\.recipients: Art 19 notices to "the company's auditor" can't be e-mailed/],
};

describe('the data maps shipped with the project', () => {
  it.each(SHIPPED)('%s starts with only its intended warnings and no text written in one language only', (file) => {
    const warnings = dataMapWarnings(loadDataMap(join(root, file)), {}).filter((warning) => !warning.includes('is not set'));
    const intended = INTENDED[file] ?? [];
    expect(warnings).toHaveLength(intended.length);
    intended.forEach((pattern, index) => expect(warnings[index]).toMatch(pattern));
    expect(warnings.filter((warning) => /^[\w-]+\.texts:/.test(warning))).toEqual([]);
  });

  it.each(SHIPPED)('%s gives every text a person reads in nb and en', (file) => {
    const map = loadDataMap(join(root, file));
    const oneLanguage = map.systems.flatMap((system) =>
      readerTexts(system)
        .filter(([, text]) => typeof text === 'string' || LANGUAGES.some((language) => !text[language]))
        .map(([field]) => `${system.id}.${field}`),
    );
    expect(oneLanguage).toEqual([]);
  });

  it('config/systems.yaml starts with no warning at all', () => {
    expect(dataMapWarnings(loadDataMap(join(root, 'config/systems.yaml')), {})).toEqual([]);
  });
});
