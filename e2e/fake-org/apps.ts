/**
 * OAuth client apps: connected apps and External Client Apps, their callback URL rule and the
 * defaults of an app created through the control API.
 */
import { newConsumerKey, newConsumerSecret, to18 } from './ids';
import { type AppKind, type AppSnapshot, type ExternalClientApp, type NotApprovedError, type OAuthApp, type PermittedUsers } from './model';

/**
 * The callbacks the seed registers: OrgKey's default loopback callback (port 18717), and 1717, the
 * Salesforce CLI's, which OrgKey used before and orgs set up then still use.
 */
export const DEFAULT_CALLBACK_URLS: readonly string[] = ['http://localhost:18717/oauth/callback', 'http://localhost:1717/oauth/callback'];

/**
 * Whether the app lets this user in: any user, or under "Admin approved users are pre-authorized"
 * only pre-approved ones (usernames compare without regard to case, as Salesforce's do).
 */
export function isApprovedFor(app: OAuthApp, username: string): boolean {
  return app.permittedUsers === 'all' || app.preApprovedUsers.some((approved) => approved.toLowerCase() === username.toLowerCase());
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const UNSAFE_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:']);

/**
 * Whether Setup would accept `url` as a callback URL: absolute, no fragment, and HTTPS, plain HTTP
 * on the loopback host only, or a custom scheme such as `myapp://callback` for native apps
 * (UNCONFIRMED as an exact rule).
 */
export function isCallbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (url.includes('#') || UNSAFE_SCHEMES.has(parsed.protocol)) return false;
  return parsed.protocol !== 'http:' || LOOPBACK_HOSTS.has(parsed.hostname);
}

export const CALLBACK_URL_RULE = 'must be an absolute URL without a fragment: https, a custom scheme, or http on localhost';

/** The settings a new External Client App may be created with; the rest are defaults. */
export interface NewAppSettings {
  name?: string;
  callbackUrls?: string[];
  requireSecret?: boolean;
  requireSecretForRefresh?: boolean;
  rotateRefreshTokens?: boolean;
  refreshTokenValidityMinutes?: number | null;
  permittedUsers?: PermittedUsers;
  preApprovedUsers?: string[];
  notApprovedError?: NotApprovedError;
}

/** A new External Client App with fresh credentials; `ordinal` numbers its default name. */
export function newExternalClientApp(settings: NewAppSettings, ordinal: number): ExternalClientApp {
  return {
    name: settings.name ?? `External Client App ${ordinal}`,
    clientId: newConsumerKey(),
    clientSecret: newConsumerSecret(),
    requireSecret: settings.requireSecret ?? false,
    requireSecretForRefresh: settings.requireSecretForRefresh ?? false,
    rotateRefreshTokens: settings.rotateRefreshTokens ?? false,
    callbackUrls: settings.callbackUrls ?? [...DEFAULT_CALLBACK_URLS],
    refreshTokenValidityMinutes: settings.refreshTokenValidityMinutes ?? null,
    // "All users may self-authorize" is Salesforce's default for a new app.
    permittedUsers: settings.permittedUsers ?? 'all',
    preApprovedUsers: settings.preApprovedUsers ?? [],
    notApprovedError: settings.notApprovedError ?? 'invalid_grant',
  };
}

export function appSnapshot(app: OAuthApp, kind: AppKind, orgId15: string): AppSnapshot {
  return { ...structuredClone(app), orgId: to18(orgId15), kind };
}
