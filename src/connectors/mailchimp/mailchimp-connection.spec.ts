import { apiRoot, checkMailchimpConnection, parseConnection } from './mailchimp-connection';
import { subscriberHash } from './mailchimp-members';

describe('Mailchimp connection settings', () => {
  it('takes the data centre from the API key unless server or baseUrl says otherwise', () => {
    const connection = parseConnection('news', { apiKeyEnv: 'MC_KEY' });
    expect(connection.erase).toBe('delete-permanent');
    expect(apiRoot(connection, '0123456789abcdef0123456789abcdef-us21')).toBe('https://us21.api.mailchimp.com/3.0');
    expect(apiRoot(parseConnection('news', { apiKeyEnv: 'MC_KEY', server: 'eu1' }), 'abc-us21')).toBe('https://eu1.api.mailchimp.com/3.0');
    expect(apiRoot(parseConnection('news', { apiKeyEnv: 'MC_KEY', baseUrl: 'http://127.0.0.1:9/3.0/' }), 'abc')).toBe('http://127.0.0.1:9/3.0');
    expect(() => apiRoot(connection, '0123456789abcdef')).toThrow('ends in no data centre (such as -us21); set connection.server');
  });

  it('names each bad field', () => {
    expect(checkMailchimpConnection({ apiKeyEnv: 'MC_KEY', listIds: ['abc123'], erase: 'archive' })).toEqual([]);
    expect(checkMailchimpConnection({ apiKeyEnv: 'MC_KEY', erase: 'forget' })[0]).toMatch(/^connection\.erase: /);
    expect(checkMailchimpConnection({ apiKeyEnv: 'MC_KEY', listIds: [] })[0]).toMatch(/^connection\.listIds: /);
    expect(checkMailchimpConnection({ apiKeyEnv: 'MC_KEY', server: 'https://us21' })[0]).toMatch(/^connection\.server: a Mailchimp data centre/);
    expect(checkMailchimpConnection({ apiKey: 'x' })).toEqual(expect.arrayContaining([expect.stringMatching(/^connection\.apiKeyEnv: /)]));
  });

  it('computes the subscriber hash as the MD5 of the lower-cased address', () => {
    expect(subscriberHash(' Urist.McVankab@FreddieMacGregor.com ')).toBe(subscriberHash('urist.mcvankab@freddiemacgregor.com'));
    expect(subscriberHash('test@example.com')).toBe('55502f40dc8b7c769880b10874abc9d0');
  });
});
