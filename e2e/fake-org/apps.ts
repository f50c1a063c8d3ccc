/**
 * OAuth client apps: connected apps and External Client Apps, their callback URL rule and the
 * defaults of an app created through the control API.
 */
import { certificateSummary } from './certificates';
import { newConsumerKey, newConsumerSecret, to18 } from './ids';
import { type AppKind, type AppSnapshot, type ExternalClientApp, type NotApprovedError, type OAuthApp, type OAuthAppSnapshot, type PermittedUsers } from './model';

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
  return app.permittedUsers === 'all' || isPreAuthorized(app, username);
}

/**
 * Whether an admin pre-authorized the user for the app. Salesforce has one pre-authorization (the
 * app's profiles and permission sets) for every flow; the JWT bearer flow needs it whatever the
 * Permitted Users policy says, as no user is there to approve the app (a user's own earlier
 * approval through another flow also counts in Salesforce; not modelled).
 */
export function isPreAuthorized(app: OAuthApp, username: string): boolean {
  return app.preApprovedUsers.some((approved) => approved.toLowerCase() === username.toLowerCase());
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
  clientCredentialsUser?: string | null;
  certificate?: string | null;
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
    clientCredentialsUser: settings.clientCredentialsUser ?? null,
    certificate: settings.certificate ?? null,
  };
}

/** The app as the state shows it: the certificate as its summary, never the PEM. */
export function appView(app: OAuthApp): OAuthAppSnapshot {
  const { certificate, ...rest } = structuredClone(app);
  return { ...rest, preAuthorizedUsers: [...rest.preApprovedUsers], certificate: certificate === null ? null : certificateSummary(certificate) };
}

export function appSnapshot(app: OAuthApp, kind: AppKind, orgId15: string): AppSnapshot {
  return { ...appView(app), orgId: to18(orgId15), kind };
}
