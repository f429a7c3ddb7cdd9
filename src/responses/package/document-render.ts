import PDFDocument from 'pdfkit';
import type { AccessDocument } from './access-document';
import { documentSections } from './access-document';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/** The readable document as one self-contained HTML file (no scripts, no external resources). */
export function renderDocumentHtml(document: AccessDocument): string {
  const { title, sections } = documentSections(document);
  const body = sections
    .map((section, index) => {
      const heading = index === 0 ? `<h1>${escape(section.heading)}</h1>` : `<h2>${escape(section.heading)}</h2>`;
      const paragraphs = section.paragraphs.map((text) => `<p>${escape(text)}</p>`).join('\n');
      const facts = section.facts
        ? `<dl>${section.facts.map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`).join('')}</dl>`
        : '';
      const data = section.data ? `<pre>${escape(section.data)}</pre>` : '';
      return `<section>${heading}\n${paragraphs}${facts}${data}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${document.language === 'nb' ? 'nb' : 'en'}">
<head><meta charset="utf-8"><title>${escape(title)} – ${escape(document.reference)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}dt{font-weight:bold;margin-top:.5rem}pre{background:#f4f4f4;padding:1rem;overflow:auto;white-space:pre-wrap}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** PDFKit's standard fonts cover Latin-1 (æ, ø, å, §) but not every symbol; replace the rest. */
function pdfText(value: string): string {
  return value.replace(/→/g, '->').replace(/[–—]/g, '-').replace(/[^\x09\x0a\x0d\x20-\x7e\xa0-\xff]/g, '?');
}

/** The same document as a PDF (the readable copy people print or keep). */
export function renderDocumentPdf(document: AccessDocument, createdAt: Date): Promise<Buffer> {
  const { title, sections } = documentSections(document);
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: pdfText(`${title} ${document.reference}`), CreationDate: createdAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  sections.forEach((section, index) => {
    pdf.font('Helvetica-Bold').fontSize(index === 0 ? 18 : 13).text(pdfText(section.heading));
    pdf.moveDown(0.4);
    pdf.font('Helvetica').fontSize(10);
    for (const paragraph of section.paragraphs) pdf.text(pdfText(paragraph)).moveDown(0.3);
    for (const [label, value] of section.facts ?? []) {
      pdf.font('Helvetica-Bold').text(pdfText(`${label}: `), { continued: true }).font('Helvetica').text(pdfText(value));
    }
    if (section.data) pdf.font('Courier').fontSize(8).text(pdfText(section.data)).font('Helvetica').fontSize(10);
    pdf.moveDown(0.8);
  });
  pdf.end();
  return done;
}
