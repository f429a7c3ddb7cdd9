import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../common/auth/staff-roles';

/** One `claim value=role` pair of OIDC_ROLE_MAP. */
export interface OidcRoleMapping {
  value: string;
  role: StaffRole;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http on this machine only (a provider on loopback never crosses a network). */
const issuerUrl = z
  .string()
  .url()
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, 'must be an https URL (http only for a provider on localhost)')
  .refine((value) => !new URL(value).search && !new URL(value).hash, 'must be the issuer identifier, without ?query or #fragment')
  .optional();

/** `group-id-1=admin,group-id-2=handler`: each value is a claim value, each role a staff role.
 *  The order is kept: when a person's claim holds several mapped values, the first pair wins. */
const roleMap = z
  .string()
  .optional()
  .transform((value, ctx): OidcRoleMapping[] => {
    const mappings: OidcRoleMapping[] = [];
    for (const item of (value ?? '').split(',').map((part) => part.trim())) {
      if (!item) continue;
      const at = item.lastIndexOf('=');
      const claimValue = at > 0 ? item.slice(0, at).trim() : '';
      const role = at > 0 ? item.slice(at + 1).trim() : '';
      if (!claimValue || !STAFF_ROLES.includes(role as StaffRole)) {
        ctx.addIssue({ code: 'custom', message: `"${item}" is not value=role with a role of ${STAFF_ROLES.join(', ')}` });
        continue;
      }
      mappings.push({ value: claimValue, role: role as StaffRole });
    }
    return mappings;
  });

/** The OIDC_* variables (README "Configuration", docs/sso.md); cross-checks are in app-config. */
export const oidcSettings = {
  OIDC_ISSUER: issuerUrl,
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  /** A secret: set it in the environment only. */
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** Where the provider sends the browser back; registered with the provider. Default: PUBLIC_URL + /staff/login/sso/callback. */
  OIDC_REDIRECT_URL: z.string().url().optional(),
  /** The ID token claim that carries groups or roles (a list or one string). */
  OIDC_ROLE_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_:./-]{1,200}$/, 'expected a claim name such as groups or roles')
    .default('groups'),
  OIDC_ROLE_MAP: roleMap,
  /** `none`: only existing staff users may sign in; `mapped`: a first sign-in creates the user when a role maps. */
  OIDC_PROVISION: z.enum(['none', 'mapped']).default('none'),
  /** The sign-in button's text, e.g. "Sign in with Microsoft". */
  OIDC_LABEL: z.string().trim().min(1).max(80).optional(),
};
