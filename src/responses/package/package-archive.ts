import JSZip from 'jszip';
import type { AccessDocument } from './access-document';
import { renderDocumentHtml, renderDocumentPdf } from './document-render';
import { tablesOf, toCsv } from './csv';

export interface ArchiveManifest {
  reference: string;
  kind: 'access' | 'portability';
  language: string;
  generatedAt: string;
  /** `recordCount` counts rows and handed-over files; `handedOverFiles` how many of `files` are files/<system>/…. */
  systems: Array<{ id: string; name: string; recordCount: number; files: string[]; handedOverFiles?: number }>;
}

const safeName = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80) || 'table';

/**
 * The package: `data/<system>.json` and `data/<system>/<table>.csv` per system (the connector's
 * tables, or tables flattened from its data when it gave none),
 * `files/<system>/<name>` for the files a person handed over,
 * plus for access the readable answer (`answer.html`, `answer.pdf`) and `processing.json` with
 * every Art 15(1) element. Portability is machine-readable only (Art 20).
 */
export async function buildArchive(
  document: AccessDocument,
  kind: 'access' | 'portability',
  createdAt: Date,
): Promise<{ zip: Buffer; manifest: ArchiveManifest }> {
  const zip = new JSZip();
  const options = { date: createdAt };
  const manifest: ArchiveManifest = {
    reference: document.reference,
    kind,
    language: document.language,
    generatedAt: createdAt.toISOString(),
    systems: [],
  };
  for (const system of document.systems) {
    const files = [`data/${system.systemId}.json`];
    zip.file(files[0], JSON.stringify(system.data, null, 2), options);
    const tables = tablesOf(system);
    for (const [table, rows] of Object.entries(tables)) {
      if (!rows.length) continue;
      const file = `data/${system.systemId}/${safeName(table)}.csv`;
      zip.file(file, toCsv(rows), options);
      files.push(file);
    }
    // Files a person handed over for a system without an API, byte for byte as they gave them.
    for (const handed of system.files ?? []) {
      // Names were cleaned (and made unique per system) when handed over; no folder can sneak in.
      const file = `files/${system.systemId}/${handed.name.replace(/[\\/]/g, '_')}`;
      zip.file(file, handed.bytes, { ...options, binary: true });
      files.push(file);
    }
    manifest.systems.push({
      id: system.systemId,
      name: system.name,
      recordCount: system.recordCount,
      files,
      ...(system.files?.length ? { handedOverFiles: system.files.length } : {}),
    });
  }
  if (kind === 'access') {
    zip.file('answer.html', renderDocumentHtml(document), options);
    zip.file('answer.pdf', await renderDocumentPdf(document, createdAt), options);
    zip.file(
      'processing.json',
      JSON.stringify({ controller: document.controller, holdsData: document.holdsData, processings: document.processings }, null, 2),
      options,
    );
  }
  zip.file('manifest.json', JSON.stringify(manifest, null, 2), options);
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), manifest };
}
