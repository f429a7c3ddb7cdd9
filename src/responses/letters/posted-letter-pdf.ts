import PDFDocument from 'pdfkit';
import { pdfFonts, pdfText } from '../package/pdf-fonts';
import type { PostedLetter } from './posted-letter';

/** A4 in points (1 mm = 2.835 pt). */
const MM = 2.835;
const MARGIN = 20 * MM;
/** Where a C5/C4 window envelope (left window, SN/ISO 269 DL-style) shows the address. */
const WINDOW = { x: 22 * MM, y: 50 * MM, width: 85 * MM };
const META_X = 120 * MM;
const BODY_TOP = 95 * MM;

/**
 * The answer as a letter fit for posting: the company's letterhead, the person's address where a
 * window envelope shows it, date and reference, the letter, and "page/pages" at the foot of every
 * page. A Unicode font is embedded when installed (pdf-fonts.ts) so Sámi names print.
 */
export function renderPostedLetterPdf(letter: PostedLetter, createdAt: Date): Promise<Buffer> {
  const fonts = pdfFonts();
  const text = (value: string) => pdfText(value, fonts);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: text(letter.subject), CreationDate: createdAt },
    lang: letter.language === 'nb' ? 'nb-NO' : 'en-GB',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - MARGIN * 2;

  const [company, ...details] = letter.letterhead;
  pdf
    .font(fonts.bold)
    .fontSize(14)
    .text(text(company), MARGIN, MARGIN, { width: META_X - MARGIN - 10 });
  pdf.font(fonts.regular).fontSize(9);
  for (const line of details) pdf.text(text(line), { width: META_X - MARGIN - 10 });

  pdf.fontSize(10).text('', META_X, MARGIN);
  for (const [label, value] of letter.meta) {
    pdf
      .font(fonts.bold)
      .text(text(`${label}: `), { continued: true })
      .font(fonts.regular)
      .text(text(value));
  }

  pdf.font(fonts.regular).fontSize(11).text('', WINDOW.x, WINDOW.y);
  for (const line of letter.recipient) pdf.text(text(line), { width: WINDOW.width });

  pdf.font(fonts.bold).fontSize(13).text(text(letter.subject), MARGIN, BODY_TOP, { width });
  pdf.moveDown(0.8).font(fonts.regular).fontSize(11);
  for (const block of letter.blocks) {
    if (block.text) pdf.text(text(block.text), MARGIN, pdf.y, { width });
    for (const item of block.items ?? []) {
      // A hanging indent: wrapped lines of an item start under its text, not under the bullet.
      const top = pdf.y;
      pdf.text('•', MARGIN + 6, top);
      pdf.text(text(item), MARGIN + 18, top, { width: width - 18 });
    }
    pdf.moveDown(0.6);
  }

  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    // Writing below the bottom margin would open a new page: lift it while the foot is drawn.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font(fonts.regular)
      .fontSize(8)
      .fillColor('#555555')
      .text(text(`${letter.footer}    ${index - start + 1}/${count}`), MARGIN, pdf.page.height - MARGIN + 2, { width, align: 'center', lineBreak: false });
    pdf.fillColor('#000000');
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
