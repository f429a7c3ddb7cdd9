import { ConfigError, loadConfig } from './app-config';
import { repliesEnabled } from './inbound-mail-config';

const secret = () => 'generated-secret';

/** The message loadConfig stops start-up with, or '' when the environment is accepted. */
function problem(env: Record<string, string>): string {
  try {
    loadConfig(env, secret);
    return '';
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
}

describe('reply settings', () => {
  it('are off by default, with the documented limits', () => {
    const config = loadConfig({}, secret);
    expect(repliesEnabled(config)).toBe(false);
    expect(config).toMatchObject({ INBOUND_POLL_SECONDS: 60, REPLY_ATTACHMENT_MAX_KB: 10_240, REPLY_ATTACHMENTS_TOTAL_KB: 25_600 });
  });

  it('are on with a mailbox and a reply address together', () => {
    const config = loadConfig({ INBOUND_IMAP_URL: 'imaps://replies:secret@imap.firma.no/INBOX', REPLY_ADDRESS: 'personvern@firma.no' }, secret);
    expect(repliesEnabled(config)).toBe(true);
  });

  it.each([
    [{ INBOUND_IMAP_URL: 'imaps://replies:secret@imap.firma.no/INBOX' }, 'REPLY_ADDRESS: is required when INBOUND_IMAP_URL is set'],
    [{ REPLY_ADDRESS: 'personvern@firma.no' }, 'INBOUND_IMAP_URL: is required when REPLY_ADDRESS is set'],
    [{ INBOUND_IMAP_URL: 'https://imap.firma.no', REPLY_ADDRESS: 'personvern@firma.no' }, 'INBOUND_IMAP_URL: must be an imap:// or imaps:// URL'],
    [{ INBOUND_IMAP_URL: 'imaps://imap.firma.no/INBOX', REPLY_ADDRESS: 'personvern@firma.no' }, 'INBOUND_IMAP_URL: must name the user and password'],
    [{ INBOUND_IMAP_URL: 'imaps://a:b@imap.firma.no', REPLY_ADDRESS: 'personvern+x@firma.no' }, 'REPLY_ADDRESS: must not contain "+"'],
  ])('refuse %j, naming the variable', (env, message) => {
    expect(problem(env)).toContain(message);
  });
});
