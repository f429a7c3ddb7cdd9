import type { DocumentType } from './representation-types';

/**
 * The document's real type from its first bytes, or null when it is none of PDF, JPEG or PNG.
 * The declared content type and file name are the sender's word only; a renamed executable or
 * HTML page must not be stored and later opened by a handler as a "PDF".
 */
export function sniffDocumentType(bytes: Buffer): DocumentType | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** File extension for a download of the document. */
export function extensionOf(type: DocumentType): string {
  return { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[type];
}
