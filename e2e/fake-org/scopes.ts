/**
 * OAuth scopes of the web-server flow: what an authorize request asks for, what the consent page
 * lists, and what a session minted from them may do. `full` covers everything but a refresh token.
 */

/**
 * Granted when an authorize request names no scope: Salesforce then grants the app's selected
 * OAuth scopes. The fake org keeps no per-app scope list (it grants whatever is asked), so this
 * stands for a typical app's selection (UNCONFIRMED).
 */
const DEFAULT_SCOPES = ['api', 'id', 'refresh_token'];

const IDENTITY_SCOPES = ['id', 'openid', 'profile', 'email', 'address', 'phone', 'full'];

/** The consent page's wording, one line per group of scopes, as Salesforce's "Allow Access?" page lists them. */
const SCOPE_LABELS: [scopes: string[], label: string][] = [
  [['full'], 'Full access (full)'],
  [['api'], 'Manage user data via APIs (api)'],
  [['web'], 'Manage user data via Web browsers (web)'],
  [['openid'], 'Access unique user identifiers (openid)'],
  [['id', 'profile', 'email', 'address', 'phone'], 'Access the identity URL service (id, profile, email, address, phone)'],
  [['refresh_token', 'offline_access'], 'Perform requests at any time (refresh_token, offline_access)'],
];

/** The `scope` parameter: space-separated, duplicates dropped, in the order asked. */
export function parseScopes(param: string | null): string[] {
  const scopes = [...new Set((param ?? '').split(/\s+/).filter((scope) => scope !== ''))];
  return scopes.length > 0 ? scopes : [...DEFAULT_SCOPES];
}

/** A refresh token is issued only for the scope `refresh_token` or its synonym `offline_access` (Salesforce Help, OAuth scopes). */
export function grantsRefreshToken(scopes: readonly string[]): boolean {
  return scopes.includes('refresh_token') || scopes.includes('offline_access');
}

/** Whether a session with these scopes may use the REST API; null is a SOAP or password-grant session. */
export function grantsApi(scopes: readonly string[] | null): boolean {
  return scopes === null || scopes.includes('api') || scopes.includes('full');
}

/** Whether a session with these scopes may read the identity URL. */
export function grantsIdentity(scopes: readonly string[] | null): boolean {
  return scopes === null || scopes.some((scope) => IDENTITY_SCOPES.includes(scope));
}

/** The consent page's lines for `scopes`; a scope it has no wording for is shown by name. */
export function scopeLabels(scopes: readonly string[]): string[] {
  const labels = new Set<string>();
  for (const scope of scopes) labels.add(SCOPE_LABELS.find(([group]) => group.includes(scope))?.[1] ?? scope);
  return [...labels];
}
