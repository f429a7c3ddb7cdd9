import { fullRedactionRequest, redactAllContent } from './zendesk-redaction';

describe('redactAllContent', () => {
  it('wraps every run of text and marks links, keeping the markup as stored', () => {
    const html = '<div class="zd-comment"><p>Call me on <a href="tel:+4791234567">912 34 567</a></p>\n<p>Kari</p></div>';
    const redacted = redactAllContent(html);
    expect(redacted).toBe(
      '<div class="zd-comment"><p><redact>Call me on</redact> <a redact href="tel:+4791234567"><redact>912 34 567</redact></a></p>\n<p><redact>Kari</redact></p></div>',
    );
    expect(redacted.replace(/<\/?redact>/g, '').replace(/(<[a-z]+) redact(?=[\s>])/g, '$1')).toBe(html);
  });
});

describe('fullRedactionRequest', () => {
  const base = { id: 1, author_id: 2, public: true, created_at: '2026-01-01T00:00:00Z' };

  it('asks for nothing when text and attachments are already redacted', () => {
    expect(
      fullRedactionRequest(9, {
        ...base,
        plain_body: '▇▇▇ ▇▇',
        html_body: '<p>▇▇▇ ▇▇</p>',
        attachments: [{ id: 3, file_name: 'redacted.txt', content_url: 'u' }],
      }),
    ).toBeNull();
  });

  it('asks for text and unredacted attachments', () => {
    expect(
      fullRedactionRequest(9, { ...base, plain_body: 'hi', html_body: '<p>hi</p>', attachments: [{ id: 3, file_name: 'passport.pdf', content_url: 'u' }] }),
    ).toEqual({
      ticket_id: 9,
      html_body: '<p><redact>hi</redact></p>',
      external_attachment_urls: ['u'],
    });
  });
});
