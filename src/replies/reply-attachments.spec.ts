import { safeFileName, sortAttachments, storableText, type IncomingAttachment } from './reply-attachments';

const file = (name: string, size: number): IncomingAttachment => ({ name, contentType: 'application/pdf', bytes: Buffer.alloc(size) });

describe('reply attachments', () => {
  it('keeps files within the limits and lists the others with the reason, in the order they came', () => {
    const sorted = sortAttachments([file('a.pdf', 40), file('huge.pdf', 200), file('b.pdf', 50), file('c.pdf', 20), file('d.pdf', 1)], {
      maxFileBytes: 100,
      maxTotalBytes: 100,
      maxFiles: 3,
    });
    expect(sorted.map((entry) => [entry.attachment.name, entry.skipped ?? 'kept'])).toEqual([
      ['a.pdf', 'kept'],
      ['huge.pdf', 'too_large'],
      ['b.pdf', 'kept'],
      ['c.pdf', 'total_too_large'],
      ['d.pdf', 'kept'],
    ]);
  });

  it('skips files past the count', () => {
    const sorted = sortAttachments([file('a', 1), file('b', 1)], { maxFileBytes: 10, maxTotalBytes: 10, maxFiles: 1 });
    expect(sorted.map((entry) => entry.skipped)).toEqual([undefined, 'too_many']);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\scan "1".pdf', 'scan 1.pdf'],
    ['..', 'attachment-2'],
    [undefined, 'attachment-2'],
  ])('names %s safely', (name, expected) => {
    expect(safeFileName(name, 2)).toBe(expected);
  });
});

describe('storable text', () => {
  it('drops NUL, which PostgreSQL refuses in text, and cuts to the column', () => {
    expect(storableText('a\u0000b', 10)).toBe('ab');
    expect(storableText('abcdef', 3)).toBe('abc');
    expect(storableText(undefined, 3)).toBe('');
  });
});
