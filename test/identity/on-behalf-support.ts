import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A small but real PDF: what a scanned power of attorney starts like. */
export const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'),
  Buffer.from('2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% Fullmakt: Kari Nordmann gir Advokat Olsen fullmakt\n'),
  Buffer.from('trailer << /Root 1 0 R >>\n%%EOF\n'),
]);

/** One manual system and no approval step: a request runs as soon as it may, and its one task
 *  is settled by recording its outcome. */
export function smallDataMap(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-behalf-')), 'systems.yaml');
  writeFileSync(
    file,
    stringify({
      controller: { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no', address: 'Industriveien 1, 0581 Oslo' },
      policy: { approvalRequired: [] },
      systems: [
        {
          id: 'phone-logs',
          name: 'Phone system call logs',
          connector: 'manual',
          role: 'controller',
          owner: 'it@eksempel.no',
          categories: ['phone number'],
          purposes: ['callback and handling of customer enquiries'],
          legalBasis: 'GDPR art. 6(1)(f) legitimate interest',
          source: 'the phone system',
          retention: { period: 'P4M', basis: 'deleted automatically after four months' },
        },
      ],
    }),
  );
  return file;
}

export interface OnBehalfFields {
  type?: string;
  subject?: { email?: string; name?: string; phone?: string; customerNumber?: string };
  representative?: { name: string; email: string; relationship?: string; coversAnswer?: boolean };
}

/** `POST /api/v1/requests` as multipart: the JSON request as the part `request`, the document as `authorityDocument`. */
export function onBehalfBody(fields: OnBehalfFields, document: { bytes: Buffer; type: string; name: string } | null): FormData {
  const representative = fields.representative ?? { name: 'Ola Advokat', email: 'ola@advokat.example' };
  const request = {
    type: fields.type ?? 'access',
    ...(fields.subject ?? { name: 'Kari Nordmann', email: 'kari@example.no' }),
    language: 'en',
    onBehalf: { relationship: 'power_of_attorney', coversAnswer: false, ...representative },
  };
  const body = new FormData();
  body.append('request', JSON.stringify(request));
  if (document) body.append('authorityDocument', new Blob([new Uint8Array(document.bytes)], { type: document.type }), document.name);
  return body;
}
