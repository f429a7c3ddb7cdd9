import type { SystemContext } from '../connector';
import { authHeaders } from './http-auth';

const ctx = (secrets: Record<string, string>): SystemContext => ({
  systemId: 'crm',
  connection: {},
  secret: (name) => {
    if (!(name in secrets)) throw new Error(`environment variable ${name} is not set`);
    return secrets[name];
  },
});

describe('http connector authentication headers', () => {
  it('basic: user and password from the environment, base64 as RFC 7617 says', async () => {
    const auth = authHeaders(
      ctx({ CRM_USER: 'dsr', CRM_PASSWORD: 'på:ss' }),
      { type: 'basic', usernameEnv: 'CRM_USER', passwordEnv: 'CRM_PASSWORD' },
      'https://crm.example',
      1000,
    );
    expect(await auth.headers()).toEqual({ Authorization: `Basic ${Buffer.from('dsr:på:ss', 'utf8').toString('base64')}` });
    // Nothing to renew: a 401 stays a 401.
    expect(await auth.refresh()).toBe(false);
  });

  it('bearer and API key: the named variable, with the prefix the data map gives', async () => {
    expect(await authHeaders(ctx({ CRM_TOKEN: 't-1' }), { type: 'bearer', tokenEnv: 'CRM_TOKEN' }, 'https://crm.example', 1000).headers()).toEqual({
      Authorization: 'Bearer t-1',
    });
    const apiKey = authHeaders(
      ctx({ CRM_KEY: 'k-1' }),
      { type: 'api-key', header: 'Authorization', valueEnv: 'CRM_KEY', prefix: 'Token ' },
      'https://crm.example',
      1000,
    );
    expect(await apiKey.headers()).toEqual({ Authorization: 'Token k-1' });
  });

  it('a missing variable fails when the task runs, naming it', () => {
    expect(() => authHeaders(ctx({}), { type: 'bearer', tokenEnv: 'CRM_TOKEN' }, 'https://crm.example', 1000)).toThrow('CRM_TOKEN');
  });
});
