import { existsSync } from 'node:fs';

/**
 * PDFKit's standard fonts are Latin-1 only: Sámi names (Č Đ Ŋ Š Ŧ Ž) would come out as "?". A
 * Unicode TrueType font is embedded instead when one is installed; DejaVu (Debian's
 * fonts-dejavu-core, which fontconfig and so Chromium pull in) and Liberation are looked for.
 * Without one, the standard fonts and a Latin-1 fallback keep the PDF readable.
 */
const CANDIDATES = [
  {
    regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    mono: '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  },
  {
    regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    mono: '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
  },
];

export interface PdfFonts {
  regular: string;
  bold: string;
  mono: string;
  /** Whether the fonts cover Unicode (else text is reduced to Latin-1). */
  unicode: boolean;
}

const STANDARD: PdfFonts = { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier', unicode: false };

let found: PdfFonts | undefined;

export function pdfFonts(): PdfFonts {
  found ??=
    CANDIDATES.map((set) => ({ ...set, unicode: true })).find((set) => existsSync(set.regular) && existsSync(set.bold) && existsSync(set.mono)) ?? STANDARD;
  return found;
}

/** Text the chosen fonts can draw: everything with a Unicode font, Latin-1 with the standard ones. */
export function pdfText(value: string, fonts: PdfFonts): string {
  if (fonts.unicode) return value;
  return (
    value
      .replace(/→/g, '->')
      .replace(/[–—]/g, '-')
      // eslint-disable-next-line no-control-regex -- keeps tab and line breaks, the only control characters the built-in font prints
      .replace(/[^\x09\x0a\x0d\x20-\x7e\xa0-\xff]/g, '?')
  );
}
