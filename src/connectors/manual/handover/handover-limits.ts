/** What a person may hand over with one manual outcome. Sized for an SME's exports (a mailbox
 *  extract, a few scanned letters) while keeping one request's memory use bounded. */
export const HANDOVER_LIMITS = {
  fileBytes: 10 * 1024 * 1024,
  totalBytes: 25 * 1024 * 1024,
  files: 20,
  /** Structured rows in all (pasted CSV, JSON rows and CSV files together). */
  rows: 5000,
  columns: 100,
  columnNameLength: 100,
  cellLength: 10_000,
  redactionNoteLength: 2000,
} as const;

/** The multipart field the files come in, repeated once per file. */
export const HANDOVER_FILES_FIELD = 'files';

/** The types a hand-over may hold: each with the extensions it may carry. */
export const HANDOVER_TYPES = {
  'text/csv': ['csv'],
  'application/json': ['json'],
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'message/rfc822': ['eml'],
  'application/mbox': ['mbox', 'mbx'],
  'text/plain': ['txt', 'text', 'log'],
} as const;
export type HandoverType = keyof typeof HANDOVER_TYPES;

/** A file as the upload brought it: the sender's name and declared type are only their word. */
export interface UploadedFile {
  originalName: string;
  declaredType: string;
  bytes: Buffer;
}

/** A file accepted into the hand-over, its type established from its content. */
export interface HandoverFile {
  name: string;
  type: HandoverType;
  bytes: Buffer;
}

/** One table of records: name → rows of plain values. */
export type HandoverRow = Record<string, string | number | boolean | null>;
