// Reads a PDF on stdin with pdf.js (Mozilla's PDF renderer) and prints {"pages": ["text of page 1", …]}.
// With a PNG path as the first argument, also renders page 1 there (through @napi-rs/canvas).
// A separate Node process because pdf.js is an ES module, which Jest's CommonJS runtime cannot import.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;

const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const page = await pdf.getPage(number);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}

const png = process.argv[2];
if (png) {
  const page = await pdf.getPage(1);
  const viewport = page.getViewport({ scale: 1.5 });
  const canvas = pdf.canvasFactory.create(viewport.width, viewport.height);
  await page.render({ canvas: canvas.canvas, canvasContext: canvas.context, viewport }).promise;
  writeFileSync(png, canvas.canvas.toBuffer('image/png'));
}
process.stdout.write(JSON.stringify({ pages }));
