import PDFDocument from 'pdfkit';
import type { AccessDocument, DocumentSection } from './access-document';
import { documentSections } from './access-document';
import { pdfFonts, pdfText, type PdfFonts } from './pdf-fonts';
import type { ReadableTable } from './readable-tables';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/** Up to this many columns a record type is one table; wider ones are shown a record at a time. */
const MAX_TABLE_COLUMNS = 5;

const marked = (label: string, guessed: boolean) => (guessed ? `${label} *` : label);

/** The readable document as one self-contained HTML file (no scripts, no external resources). */
export function renderDocumentHtml(document: AccessDocument): string {
  const { title, sections } = documentSections(document);
  const body = sections
    .map((section, index) => {
      const heading = index === 0 ? `<h1>${escape(section.heading)}</h1>` : `<h2>${escape(section.heading)}</h2>`;
      const paragraphs = section.paragraphs.map((text) => `<p>${escape(text)}</p>`).join('\n');
      const facts = section.facts ? `<dl>${section.facts.map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`).join('')}</dl>` : '';
      const tables = (section.tables ?? []).map(tableHtml).join('\n');
      const files = section.files
        ? `<p>${escape(section.files.lead)}</p><ul class="files">${section.files.list
            .map((file) => `<li>${escape(file.name)} (${escape([file.type, file.size].filter(Boolean).join(', '))})</li>`)
            .join('')}</ul>`
        : '';
      const footnote = section.footnote ? `<p class="footnote">${escape(section.footnote)}</p>` : '';
      return `<section>${heading}\n${paragraphs}${facts}${tables}${files}${footnote}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${document.language === 'nb' ? 'nb' : 'en'}">
<head><meta charset="utf-8"><title>${escape(title)} – ${escape(document.reference)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}dt{font-weight:bold;margin-top:.5rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}caption{text-align:left;font-weight:bold;padding:.25rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th,tbody th{background:#f4f4f4}td{white-space:pre-wrap;overflow-wrap:anywhere}.footnote{font-size:.9em;color:#444}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function tableHtml(table: ReadableTable): string {
  const caption = escape(marked(table.label, table.guessed));
  if (table.columns.length <= MAX_TABLE_COLUMNS) {
    const head = table.columns.map((column) => `<th scope="col">${escape(marked(column.label, column.guessed))}</th>`).join('');
    const rows = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('\n');
    return `<table data-record-type><caption>${caption}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
  }
  return table.rows
    .map((row, index) => {
      const lines = row
        .map((cell, column) => [table.columns[column], cell] as const)
        .filter(([, cell]) => cell !== '')
        .map(([column, cell]) => `<tr><th scope="row">${escape(marked(column.label, column.guessed))}</th><td>${escape(cell)}</td></tr>`)
        .join('');
      const counted = table.rows.length > 1 ? `${caption} (${index + 1}/${table.rows.length})` : caption;
      return `<table data-record-type><caption>${counted}</caption><tbody>${lines}</tbody></table>`;
    })
    .join('\n');
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
      drawTables(pdf, fonts, text, section);
      if (section.files) {
        pdf.text(text(section.files.lead));
        for (const file of section.files.list) pdf.text(text(`• ${file.name} (${[file.type, file.size].filter(Boolean).join(', ')})`), { indent: 10 });
      }
      if (section.footnote) pdf.moveDown(0.3).fontSize(8).text(text(section.footnote)).fontSize(10);
      pdf.moveDown(0.8);
    });
  });
}

function drawTables(pdf: PDFKit.PDFDocument, fonts: PdfFonts, text: (value: string) => string, section: DocumentSection): void {
  const left = pdf.page.margins.left;
  const head = (label: string) => ({ text: text(label), font: { src: fonts.bold }, backgroundColor: '#eeeeee' });
  for (const table of section.tables ?? []) {
    pdf
      .moveDown(0.4)
      .font(fonts.bold)
      .fontSize(10)
      .text(text(marked(table.label, table.guessed)), left)
      .font(fonts.regular)
      .fontSize(9);
    const style = { defaultStyle: { border: 0.5, borderColor: '#999999', padding: 3 } };
    if (table.columns.length <= MAX_TABLE_COLUMNS) {
      pdf.table({ ...style, data: [table.columns.map((column) => head(marked(column.label, column.guessed))), ...table.rows.map((row) => row.map(text))] });
    } else {
      for (const row of table.rows) {
        const lines = row.flatMap((cell, column) =>
          cell === '' ? [] : [[head(marked(table.columns[column].label, table.columns[column].guessed)), text(cell)]],
        );
        pdf.table({ ...style, columnStyles: [150, '*'], data: lines });
        pdf.moveDown(0.5);
      }
    }
    pdf.x = left;
    pdf.fontSize(10);
  }
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
