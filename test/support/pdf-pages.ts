import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * The text of each page of a PDF as pdf.js extracts it, what a reader's copy-and-paste or a
 * screen reader gets; with `png`, page 1 is also rendered to that file (for a person to look at).
 */
export function pdfPages(pdf: Buffer, png?: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(__dirname, 'pdf-read.mjs'), ...(png ? [png] : [])],
      { maxBuffer: 64 * 1024 * 1024, cwd: join(__dirname, '..', '..') },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`pdf.js could not read the PDF: ${stderr || error.message}`));
        resolve((JSON.parse(stdout) as { pages: string[] }).pages);
      },
    );
    child.stdin?.end(pdf);
  });
}

/** All pages' text with runs of white space as one space: for "contains" checks across line breaks. */
export async function pdfText(pdf: Buffer, png?: string): Promise<string> {
  return (await pdfPages(pdf, png)).join('\n').replace(/\s+/g, ' ');
}
