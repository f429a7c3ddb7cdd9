/**
 * Every route an anonymous caller may use, exactly as the Express router names it (method + path).
 * The RBAC route-table test fails on an open route missing here, and the fuzz coverage test fails
 * on one that no fuzz file sends generated input to. One line per route, to keep additions easy.
 */
export const PUBLIC_ROUTES: readonly string[] = [
  // The request form, the JSON intake, the pages behind e-mailed links.
  'get /',
  'post /',
  'post /api/v1/requests',
  'get /verify/:token',
  'post /verify/:token',
  'get /status/:token',
  'get /status/:token/prove',
  'post /status/:token/prove',
  'post /status/:token/prove/code',
  'get /answer/:token',
  'post /answer/:token/code',
  'post /answer/:token/download',
  // Staff sign-in (the API's and the pages') and the sign-in page's language switch.
  'post /api/v1/auth/login',
  'get /staff/login',
  'post /staff/login',
  'post /staff/language',
  // The sign-in's second step (authenticator or recovery code) after a right password.
  'get /staff/login/code',
  'post /staff/login/code',
  // The tab icon browsers ask for on every page.
  'get /favicon.ico',
  // Staff single sign-on (OpenID Connect): to the provider, and back from it.
  'get /staff/login/sso',
  'get /staff/login/sso/callback',
  // Staff passkey sign-in (JSON calls of the sign-in page's script) and the page's two scripts.
  'post /staff/login/passkey/options',
  'post /staff/login/passkey/verify',
  'get /staff/assets/simplewebauthn-browser.js',
  'get /staff/assets/passkeys.js',
  // "Forgot password": ask for a link, and the page behind the e-mailed link.
  'get /staff/password-reset',
  'post /staff/password-reset',
  'get /staff/password-reset/:token',
  'post /staff/password-reset/:token',
  // Operations.
  'get /health',
  'get /metrics',
  // OpenAPI (served by @nestjs/swagger, not a Nest handler).
  'get /api/docs',
  'get /api/docs/',
  'get /api/docs/index.html',
  'get /api/docs/swagger-ui-init.js',
  'get /api/docs/docs/swagger-ui-init.js',
  'get /api/docs/LICENSE',
  'get /api/docs-json',
  'get /api/docs-yaml',
];

const PUBLIC = new Set(PUBLIC_ROUTES);

export const isListedPublic = (method: string, path: string) => PUBLIC.has(`${method} ${path}`);

/** A route key (`get /status/:token`) as a test for a concrete method and URL path. */
export function routeMatcher(key: string): (method: string, path: string) => boolean {
  const [method, pattern] = key.split(' ');
  const source = pattern
    .split(/(:\w+|\*\w+)/)
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.startsWith('*') ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  // Express matches with or without one trailing slash.
  const regex = new RegExp(`^${source.replace(/\/$/, '')}/?$`);
  return (candidateMethod, path) => candidateMethod.toLowerCase() === method && regex.test(path);
}
