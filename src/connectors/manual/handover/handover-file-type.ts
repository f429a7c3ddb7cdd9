import { HANDOVER_TYPES, type HandoverType } from './handover-limits';

const ACCEPTED = 'CSV, JSON, PDF, PNG, JPEG, EML, MBOX or TXT';

/** Formats recognised by their first bytes. Those not in HANDOVER_TYPES are named in the refusal. */
const SIGNATURES: Array<{ type: string; matches: (bytes: Buffer) => boolean }> = [
  { type: 'application/pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', matches: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  { type: 'image/webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'application/zip', matches: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  { type: 'application/x-msdownload', matches: (b) => b.subarray(0, 2).toString('latin1') === 'MZ' },
  { type: 'application/x-executable', matches: (b) => b.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])) },
];

/** Text formats by the extension they must carry, each with a check of the content. */
const TEXT_TYPES: Array<{ type: HandoverType; looksRight: (text: string) => string | null }> = [
  { type: 'text/csv', looksRight: () => null },
  { type: 'application/json', looksRight: (text) => (parsesAsJson(text) ? null : 'is not valid JSON') },
  { type: 'message/rfc822', looksRight: (text) => (/^[A-Za-z][A-Za-z0-9-]*:[ \t]/.test(text.trimStart()) ? null : 'does not start with e-mail headers') },
  { type: 'application/mbox', looksRight: (text) => (text.startsWith('From ') ? null : 'does not start with an mbox "From " line') },
  { type: 'text/plain', looksRight: () => null },
];

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return match ? match[1].toLowerCase() : '';
}

/** UTF-8 text without NUL bytes (a BOM is dropped), or null for anything binary. */
export function asText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The file's type from its content and its name together, or the problem to report on its field.
 * The declared content type is the sender's word only: a GIF renamed .png, an HTML page named .txt
 * or a PDF named .csv is refused, so nothing is handed to the requester as something it is not.
 */
export function handoverTypeOf(name: string, bytes: Buffer, declaredType: string): { type: HandoverType } | { problem: string } {
  if (!bytes.length) return { problem: 'is empty' };
  const extension = extensionOf(name);
  const signature = SIGNATURES.find((candidate) => candidate.matches(bytes));
  if (signature) {
    if (!(signature.type in HANDOVER_TYPES)) return { problem: `type ${signature.type} is not accepted (only ${ACCEPTED})` };
    const type = signature.type as HandoverType;
    const extensions: readonly string[] = HANDOVER_TYPES[type];
    if (!extensions.includes(extension)) return { problem: `content is ${type} but the name ends in .${extension || '(nothing)'}` };
    return { type };
  }
  const text = asText(bytes);
  if (text === null || /^\s*<(!doctype html|html|script|svg)/i.test(text)) {
    const named = text === null ? declaredTypeOrBinary(declaredType) : 'text/html';
    return { problem: `type ${named} is not accepted (only ${ACCEPTED})` };
  }
  const textType = TEXT_TYPES.find((candidate) => (HANDOVER_TYPES[candidate.type] as readonly string[]).includes(extension));
  if (!textType)
    return { problem: `needs a name ending in .csv, .json, .eml, .mbox or .txt (text ${extension ? `named .${extension}` : 'without an extension'})` };
  const wrong = textType.looksRight(text.replace(/^\uFEFF/, ''));
  return wrong ? { problem: wrong } : { type: textType.type };
}

function declaredTypeOrBinary(declared: string): string {
  return /^[a-z]+\/[a-z0-9.+-]{1,80}$/i.test(declared) && declared !== 'application/octet-stream' ? declared.toLowerCase() : 'application/octet-stream';
}
