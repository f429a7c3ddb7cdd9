// A local OpenID Connect provider (panva's oidc-provider, the certified reference implementation)
// for the single sign-on tests, in a process of its own because it is an ES module, which Jest's
// CommonJS runtime cannot import. Configured by one JSON argument:
//   {"port", "clientId", "clientSecret", "redirectUri", "accounts": {"<login>": {claims…}}}
// Its development sign-in page takes any login name and password; the login name picks the account.
// Prints "ready <issuer>" once it listens.
import Provider from 'oidc-provider';

const settings = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${settings.port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      redirect_uris: [settings.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  // The groups ride along with the openid scope, as Entra ID's groups claim does.
  claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
  // Claims in the ID token itself (not only at the userinfo endpoint), as Entra ID and Google send them.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ['oidc-simulator-cookie-key'] },
  findAccount: (_ctx, id) => {
    const claims = settings.accounts[id];
    return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
  },
});

const server = provider.listen(settings.port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
