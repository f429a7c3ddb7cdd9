import JSZip from 'jszip';
import type { EntityManager } from 'typeorm';
import type { CaseEntity } from '../../cases/case.entity';
import type { AppConfig } from '../../config/app-config';
import { CaseTaskEntity } from '../../connectors/tasks/case-task.entity';
import { TaskExportEntity } from '../../connectors/tasks/task-export.entity';
import { TaskOutcomesReader } from '../../connectors/tasks/task-outcomes.reader';
import { TaskExportCipher } from '../../connectors/tasks/task-export-cipher';
import type { DataSource } from 'typeorm';
import type { DeadlineService } from '../../deadlines/deadline.service';
import { systemSchema, type SystemEntry } from '../../systems/data-map.schema';
import type { SystemsService } from '../../systems/systems.service';
import { PackageBuilderService } from './package-builder.service';
import { buildArchive } from './package-archive';

const system = (id: string, legalBasis: string, portable: boolean): SystemEntry =>
  systemSchema.parse({
    id,
    name: `System ${id}`,
    connector: 'manual',
    owner: 'owner@example.no',
    categories: ['contact details'],
    purposes: ['customer service'],
    legalBasis,
    retention: { period: 'P2Y' },
    portable,
  });

const SYSTEMS = [
  system('shop', 'GDPR art. 6(1)(b) contract', true),
  system('newsletter', 'samtykke (art. 6(1)(a))', true),
  system('support', 'GDPR art. 6(1)(f) legitimate interest', true),
  system('cctv', 'GDPR art. 6(1)(f) legitimate interest', false),
];

const CONFIG = { PACKAGE_KEY: Buffer.alloc(32, 1).toString('base64'), APP_SECRET: 'x'.repeat(32) } as AppConfig;
const exportCipher = new TaskExportCipher(CONFIG);

/** The rows the builder reads, as PostgreSQL would return them: one sealed export with a table per system. */
const manager = {
  find: async (entity: unknown) =>
    entity === TaskExportEntity
      ? SYSTEMS.map((item, index) => ({
          taskId: `t${index}`,
          systemId: item.id,
          recordCount: 1,
          ...exportCipher.seal(`t${index}`, { data: { customer: { name: 'Kari' } }, tables: { customer: [{ name: 'Kari', email: 'kari@example.no' }] } }),
          legacyPlaintext: null,
        }))
      : entity === CaseTaskEntity
        ? SYSTEMS.map((item, index) => ({ id: `t${index}`, systemId: item.id, action: 'export', status: 'done', outcome: {} }))
        : [],
} as unknown as EntityManager;

describe('the portability package (Art 20)', () => {
  const builder = new PackageBuilderService(
    CONFIG,
    {
      system: (id: string) => SYSTEMS.find((item) => item.id === id),
      controller: () => ({ name: 'Eksempel AS', email: 'personvern@eksempel.no' }),
    } as unknown as SystemsService,
    { dayOf: () => '2026-03-20' } as unknown as DeadlineService,
    new TaskOutcomesReader({} as DataSource, exportCipher),
  );
  const entity = { id: 'c1', reference: 'DSR-2026-000007', language: 'nb' } as CaseEntity;

  it('holds only systems marked portable whose basis is consent or contract, as JSON and CSV only', async () => {
    const document = await builder.document(manager, entity, 'portability', new Date('2026-03-20T10:00:00Z'));
    expect(document.systems.map((item) => item.systemId)).toEqual(['shop', 'newsletter']);
    const { zip } = await buildArchive(document, 'portability', new Date('2026-03-20T10:00:00Z'));
    const names = Object.keys((await JSZip.loadAsync(zip)).files)
      .filter((name) => !name.endsWith('/'))
      .sort();
    expect(names).toEqual(['data/newsletter.json', 'data/newsletter/customer.csv', 'data/shop.json', 'data/shop/customer.csv', 'manifest.json']);
  });

  it('an access package still holds every system', async () => {
    const document = await builder.document(manager, entity, 'access', new Date('2026-03-20T10:00:00Z'));
    expect(document.systems.map((item) => item.systemId)).toEqual(['shop', 'newsletter', 'support', 'cctv']);
  });
});
