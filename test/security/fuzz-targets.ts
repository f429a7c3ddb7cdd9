import { PUBLIC_ROUTES } from '../support/public-routes';

/**
 * Which fuzz file sends generated input to which public route. Each file counts the inputs its
 * routes really received and fails below MIN_INPUTS_PER_ROUTE; public-routes-fuzz.e2e-spec.ts
 * fails when a public route of the running app (from @Public and the router) is in none of
 * these lists. So a new public route needs fuzzing, not just a line here.
 */
export const FUZZ_TARGETS = {
  /** intake-fuzz.e2e-spec.ts */
  intake: ['post /api/v1/requests', 'post /'],
  /** links-fuzz.e2e-spec.ts: the pages behind e-mailed links, and the API sign-in. */
  links: PUBLIC_ROUTES.filter((key) => /^(get|post) \/(verify|status|answer)\//.test(key) || key === 'post /api/v1/auth/login'),
  /** public-routes-fuzz.e2e-spec.ts */
  pages: ['get /', 'get /staff/login', 'post /staff/login', 'post /staff/language', 'get /health', 'get /metrics', 'get /favicon.ico'],
  /** oidc-sign-in.e2e-spec.ts: single sign-on, fuzzed with a real provider behind it. */
  sso: ['get /staff/login/sso', 'get /staff/login/sso/callback'],
  /** passkey-fuzz.e2e-spec.ts: passkey sign-in and the sign-in page's scripts. */
  passkeys: PUBLIC_ROUTES.filter((key) => key.includes(' /staff/login/passkey/') || key.includes(' /staff/assets/')),
  /** password-reset-fuzz.e2e-spec.ts: "forgot password" and the page behind its e-mailed link. */
  passwordReset: PUBLIC_ROUTES.filter((key) => key.includes(' /staff/password-reset')),
  /** second-factor-fuzz.e2e-spec.ts: the sign-in's code step (TOTP or recovery code). */
  secondFactor: ['get /staff/login/code', 'post /staff/login/code'],
  /** public-routes-fuzz.e2e-spec.ts: OpenAPI, served by @nestjs/swagger (each of its routes on the public list). */
  docs: PUBLIC_ROUTES.filter((key) => key.startsWith('get /api/docs')),
} as const;

export const MIN_INPUTS_PER_ROUTE = 50;
