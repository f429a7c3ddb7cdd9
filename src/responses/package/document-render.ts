import PDFDocument from 'pdfkit';
import type { AccessDocument } from './access-document';
import { documentSections } from './access-document';
import { pdfFonts, pdfText } from './pdf-fonts';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/** The readable document as one self-contained HTML file (no scripts, no external resources). */
export function renderDocumentHtml(document: AccessDocument): string {
  const { title, sections } = documentSections(document);
  const body = sections
    .map((section, index) => {
      const heading = index === 0 ? `<h1>${escape(section.heading)}</h1>` : `<h2>${escape(section.heading)}</h2>`;
      const paragraphs = section.paragraphs.map((text) => `<p>${escape(text)}</p>`).join('\n');
      const facts = section.facts ? `<dl>${section.facts.map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`).join('')}</dl>` : '';
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

/** The same document as a PDF (the readable copy people print or keep). */
export function renderDocumentPdf(document: AccessDocument, createdAt: Date): Promise<Buffer> {
  const { title, sections } = documentSections(document);
  return renderPdf(`${title} ${document.reference}`, createdAt, (pdf, fonts, text) => {
    sections.forEach((section, index) => {
      pdf
        .font(fonts.bold)
        .fontSize(index === 0 ? 18 : 13)
        .text(text(section.heading));
      pdf.moveDown(0.4);
      pdf.font(fonts.regular).fontSize(10);
      for (const paragraph of section.paragraphs) pdf.text(text(paragraph)).moveDown(0.3);
      for (const [label, value] of section.facts ?? []) {
        pdf
          .font(fonts.bold)
          .text(text(`${label}: `), { continued: true })
          .font(fonts.regular)
          .text(text(value));
      }
      if (section.data) pdf.font(fonts.mono).fontSize(8).text(text(section.data)).font(fonts.regular).fontSize(10);
      pdf.moveDown(0.8);
    });
  });
}

/** A letter as a PDF for printing and posting: the subject as heading, then its paragraphs. */
export function renderLetterPdf(subject: string, text: string, createdAt: Date): Promise<Buffer> {
  return renderPdf(subject, createdAt, (pdf, fonts, draw) => {
    pdf.font(fonts.bold).fontSize(14).text(draw(subject)).moveDown(0.8);
    pdf.font(fonts.regular).fontSize(11);
    for (const paragraph of text.trimEnd().split(/\n{2,}/)) pdf.text(draw(paragraph)).moveDown(0.5);
  });
}

function renderPdf(
  title: string,
  createdAt: Date,
  draw: (pdf: PDFKit.PDFDocument, fonts: ReturnType<typeof pdfFonts>, text: (value: string) => string) => void,
): Promise<Buffer> {
  const fonts = pdfFonts();
  const text = (value: string) => pdfText(value, fonts);
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: text(title), CreationDate: createdAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  draw(pdf, fonts, text);
  pdf.end();
  return done;
}
