/**
 * What a 403 from Zendesk means, in words an administrator can act on. Zendesk's 403 body is
 * generic (`{"error":{"title":"Forbidden","message":"You do not have access to this page…"}}`)
 * and never names what is missing, so the connector names it from the endpoint and the auth kind:
 * an OAuth token needs the scope for the resource (`tickets:write` …, or the plain `read`/`write`),
 * comment redaction needs Agent Workspace and a role that may redact, everything else needs an
 * agent role that may do it.
 */

/** The OAuth scope resource an API path belongs to (developer.zendesk.com "OAuth scopes"). */
export function scopeResource(path: string): 'users' | 'tickets' | null {
  const first = path.replace(/^\/api\/v2/, '').split('/')[1] ?? '';
  if (['users', 'deleted_users'].includes(first)) return 'users';
  if (['tickets', 'deleted_tickets', 'comment_redactions', 'suspended_tickets', 'satisfaction_ratings'].includes(first)) return 'tickets';
  return null;
}

/** The scope a request needs: `tickets:write`, `users:read`, or plain `read`/`write` for other resources. */
export function requiredScope(method: string, path: string): string {
  const access = method === 'GET' ? 'read' : 'write';
  const resource = scopeResource(path);
  return resource ? `${resource}:${access}` : access;
}

/** Whether a granted scope list (space separated) covers the needed scope. */
export function scopeCovers(granted: string, needed: string): boolean {
  const scopes = granted.split(/\s+/).filter(Boolean);
  const access = needed.includes(':') ? needed.split(':')[1] : needed;
  return scopes.includes(needed) || scopes.includes(access);
}

export interface PermissionContext {
  authKind: 'oauth' | 'api_token';
  /** The OAuth scope the connection asks for (OAuth only). */
  scope?: string;
}

/** The permission a refused request lacks, in plain words (no personal data: method, path and settings only). */
export function missingPermission(method: string, path: string, context: PermissionContext): string {
  const needed = requiredScope(method, path);
  if (context.authKind === 'oauth' && context.scope !== undefined && !scopeCovers(context.scope, needed)) {
    return `the OAuth scope "${needed}" (the connection asks for "${context.scope}"; add it to the data map's scope and to the OAuth client)`;
  }
  if (/^\/api\/v2\/comment_redactions\//.test(path)) {
    return (
      'comment redaction: Agent Workspace must be enabled on the Zendesk account, and the API user must be allowed to redact ' +
      'ticket content (Professional: agents may delete tickets; Enterprise: a custom role with the redaction permission)'
    );
  }
  return `a Zendesk role that may ${method === 'GET' ? 'read' : 'change'} ${path.replace(/\/\d+/g, '/{id}')} (or, with OAuth, the scope "${needed}")`;
}
