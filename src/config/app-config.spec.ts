import { ConfigError, loadConfig } from './app-config';

const secret = () => 'generated-secret';

describe('loadConfig', () => {
  it('applies the defaults the README documents', () => {
    const config = loadConfig({}, secret);
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dsr',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: '{dsr}',
      PORT: 3000,
      ROLE: 'all',
      PUBLIC_URL: 'http://localhost:3000',
      SYSTEMS_FILE: 'config/systems.yaml',
      DEADLINE_PROMISE_DAYS: 30,
      DEADLINE_PAUSE: 'on',
      TZ_NAME: 'Europe/Oslo',
      APP_SECRET: 'generated-secret',
      generatedSecret: true,
    });
  });

  it('names every invalid variable', () => {
    const attempt = () => loadConfig({ ROLE: 'scheduler', PORT: 'eighty', TZ_NAME: 'Europe/Atlantis', QUEUE_PREFIX: 'a:b', DEADLINE_PAUSE: 'maybe' }, secret);
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['ROLE', 'PORT', 'TZ_NAME', 'QUEUE_PREFIX', 'DEADLINE_PAUSE']) expect(message).toContain(`${name}:`);
    }
  });

  it('reads the rotation lists and the metrics token, naming a bad item', () => {
    const config = loadConfig(
      {
        APP_SECRET_PREVIOUS: ` ${'a'.repeat(32)}, ${'b'.repeat(40)} `,
        PACKAGE_KEY_PREVIOUS: Buffer.alloc(32, 1).toString('base64'),
        METRICS_TOKEN: 'm'.repeat(16),
      },
      secret,
    );
    expect(config.APP_SECRET_PREVIOUS).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
    expect(config.PACKAGE_KEY_PREVIOUS).toHaveLength(1);
    expect(config.RECIPIENT_EMAILS_PER_HOUR).toBe(5);
    expect(loadConfig({}, secret).APP_SECRET_PREVIOUS).toEqual([]);
    expect(() => loadConfig({ APP_SECRET_PREVIOUS: `${'a'.repeat(32)},short` }, secret)).toThrow(/APP_SECRET_PREVIOUS: item 2 must be at least 32 characters/);
    expect(() => loadConfig({ PACKAGE_KEY_PREVIOUS: 'bm90IDMyIGJ5dGVz' }, secret)).toThrow(
      /PACKAGE_KEY_PREVIOUS: item 1 must be the base64 of exactly 32 random bytes/,
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'short' }, secret)).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
  });

  it('requires APP_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, secret)).toThrow(/APP_SECRET: is required when NODE_ENV=production/);
  });

  it('reads the promise, extra closed days and the public URL', () => {
    const config = loadConfig(
      { DEADLINE_PROMISE_DAYS: '0', DEADLINE_EXTRA_CLOSED_DAYS: '2026-12-24, 2026-12-31', PUBLIC_URL: 'https://dsr.example.no/', APP_SECRET: 'x'.repeat(32) },
      secret,
    );
    expect(config.DEADLINE_PROMISE_DAYS).toBe(0);
    expect(config.DEADLINE_EXTRA_CLOSED_DAYS).toEqual(['2026-12-24', '2026-12-31']);
    expect(config.PUBLIC_URL).toBe('https://dsr.example.no');
    expect(config.generatedSecret).toBe(false);
  });

  it('reads TRUST_PROXY as Express takes it: loopback by default, a hop count, or addresses and CIDR ranges', () => {
    expect(loadConfig({}, secret).TRUST_PROXY).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '2' }, secret).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7' }, secret).TRUST_PROXY).toBe('loopback,10.0.0.0/8,fd00::/8,192.0.2.7');
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '1,2', '-1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }, secret)).toThrow(/TRUST_PROXY: expected a hop count/);
    }
  });
});

describe('loadConfig: the deadline calendar and the pool', () => {
  const messageOf = (env: NodeJS.ProcessEnv): string => {
    try {
      loadConfig(env, secret);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('names DEADLINE_EXTRA_CLOSED_DAYS and the date that does not exist', () => {
    expect(messageOf({ DEADLINE_EXTRA_CLOSED_DAYS: '2026-12-24, 2026-02-30' })).toMatch(/DEADLINE_EXTRA_CLOSED_DAYS: 2026-02-30 is not a real calendar date/);
    expect(messageOf({ DEADLINE_EXTRA_CLOSED_DAYS: 'christmas' })).toMatch(/DEADLINE_EXTRA_CLOSED_DAYS: christmas is not a real calendar date/);
  });

  it('names DEADLINE_EXTRA_WORKING_DAYS and the weekend day it lists', () => {
    expect(messageOf({ DEADLINE_EXTRA_WORKING_DAYS: '2026-04-04' })).toMatch(
      /DEADLINE_EXTRA_WORKING_DAYS: 2026-04-04 is a Saturday; a weekend day cannot be declared a working day/,
    );
    expect(messageOf({ DEADLINE_EXTRA_WORKING_DAYS: '2026-04-31' })).toMatch(/DEADLINE_EXTRA_WORKING_DAYS: 2026-04-31 is not a real calendar date/);
  });

  it('refuses a day that is both a closed and a working day', () => {
    expect(messageOf({ DEADLINE_EXTRA_CLOSED_DAYS: '2026-12-24', DEADLINE_EXTRA_WORKING_DAYS: '2026-12-24' })).toMatch(
      /DEADLINE_EXTRA_WORKING_DAYS: 2026-12-24 is also listed in DEADLINE_EXTRA_CLOSED_DAYS/,
    );
  });

  it('accepts a holiday declared a working day', () => {
    expect(loadConfig({ DEADLINE_EXTRA_WORKING_DAYS: '2026-05-14' }, secret).DEADLINE_EXTRA_WORKING_DAYS).toEqual(['2026-05-14']);
  });

  it('reads DATABASE_POOL_SIZE as a positive whole number, 10 by default', () => {
    expect(loadConfig({}, secret).DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '25' }, secret).DATABASE_POOL_SIZE).toBe(25);
    for (const bad of ['0', '-3', '2.5', 'many']) expect(messageOf({ DATABASE_POOL_SIZE: bad })).toMatch(/DATABASE_POOL_SIZE:/);
  });
});

describe('loadConfig: SMS for proof codes', () => {
  it('writes texts to var/sms.log by default', () => {
    expect(loadConfig({}, secret)).toMatchObject({ SMS_TRANSPORT: 'file', SMS_FILE: 'var/sms.log' });
  });

  it('names each Twilio setting SMS_TRANSPORT=twilio needs', () => {
    expect(() => loadConfig({ SMS_TRANSPORT: 'twilio' }, secret)).toThrow(
      /TWILIO_ACCOUNT_SID: is required when SMS_TRANSPORT=twilio[\s\S]*TWILIO_AUTH_TOKEN: is required when SMS_TRANSPORT=twilio[\s\S]*TWILIO_FROM: is required when SMS_TRANSPORT=twilio/,
    );
  });

  it('refuses an account SID or sender that Twilio would not accept, naming the variable', () => {
    expect(() => loadConfig({ SMS_TRANSPORT: 'twilio', TWILIO_ACCOUNT_SID: 'sk_live_x', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '0047 12' }, secret)).toThrow(
      /TWILIO_ACCOUNT_SID: expected AC followed by 32 hex digits[\s\S]*TWILIO_FROM: expected an E.164 number/,
    );
    const config = loadConfig({ SMS_TRANSPORT: 'twilio', TWILIO_ACCOUNT_SID: `AC${'ab'.repeat(16)}`, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: 'Eksempel' }, secret);
    expect(config.TWILIO_FROM).toBe('Eksempel');
  });
});
