import { loadConfig } from './app-config';

const secret = () => 'generated-secret';
const ENTRA = {
  OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
  OIDC_CLIENT_ID: 'client',
  OIDC_CLIENT_SECRET: 'secret',
};

describe('OIDC_* settings', () => {
  it('leave single sign-on off by default, with groups as the role claim and no provisioning', () => {
    const config = loadConfig({}, secret);
    expect(config.OIDC_ISSUER).toBeUndefined();
    expect(config).toMatchObject({ OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: [], OIDC_PROVISION: 'none' });
  });

  it('read the role map in order, value=role pairs', () => {
    const config = loadConfig({ ...ENTRA, OIDC_ROLE_MAP: ' 1b2c-admins = admin, dsr-handlers=handler ,' }, secret);
    expect(config.OIDC_ROLE_MAP).toEqual([
      { value: '1b2c-admins', role: 'admin' },
      { value: 'dsr-handlers', role: 'handler' },
    ]);
  });

  it('name a pair whose role is not a staff role', () => {
    expect(() => loadConfig({ ...ENTRA, OIDC_ROLE_MAP: 'g1=admin,g2=superuser' }, secret)).toThrow(/OIDC_ROLE_MAP: "g2=superuser" is not value=role/);
  });

  it('need the client id and secret once an issuer is set, and a role map for provisioning', () => {
    expect(() => loadConfig({ OIDC_ISSUER: ENTRA.OIDC_ISSUER, OIDC_PROVISION: 'mapped' }, secret)).toThrow(
      /OIDC_CLIENT_ID: is required when OIDC_ISSUER is set[\s\S]*OIDC_CLIENT_SECRET: is required[\s\S]*OIDC_ROLE_MAP: is required when OIDC_PROVISION=mapped/,
    );
  });

  it('take an https issuer, or http on this machine only', () => {
    expect(() => loadConfig({ ...ENTRA, OIDC_ISSUER: 'http://idp.example.com' }, secret)).toThrow(/OIDC_ISSUER: must be an https URL/);
    expect(loadConfig({ ...ENTRA, OIDC_ISSUER: 'http://127.0.0.1:8080' }, secret).OIDC_ISSUER).toBe('http://127.0.0.1:8080');
  });
});
