import { sniffDocumentType } from './document-type';

describe('sniffDocumentType', () => {
  it('knows PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffDocumentType(Buffer.from('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(sniffDocumentType(Buffer.from('<html><body>%PDF-</body></html>'))).toBeNull();
    expect(sniffDocumentType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffDocumentType(Buffer.alloc(0))).toBeNull();
  });
});
