/**
 * The web-server flow's pages: login, "Allow Access?", and errors. Small, valid, self-contained
 * HTML whose fields and buttons have accessible names, so tests can drive them by label and role.
 * The forms carry the pending request's id in a hidden field, never in a URL.
 */
import { escapeAttribute, escapeText, htmlPage } from './markup';
import { scopeLabels } from './scopes';

/** Where the login form posts (Salesforce posts its login form to the login host; path UNCONFIRMED). */
export const LOGIN_PATH = '/login';
/** Where the consent form posts: the approval page's path on Salesforce (UNCONFIRMED). */
export const CONSENT_PATH = '/setup/secur/RemoteAccessAuthorizationPage.apexp';

/** Salesforce's login page text for any refused login: it never says which check failed. */
export const LOGIN_FAILED = "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

/** What Salesforce's OAuth error page says before the code. */
const OAUTH_ERROR_INTRO = "We can't authorize you because of an OAuth error. For more information, contact your Salesforce administrator.";

export function loginPage(requestId: string, username: string, error: string | null): string {
  const alert = error === null ? '' : `<p role="alert">${escapeText(error)}</p>`;
  return htmlPage(
    'Login',
    `<h1>Log In</h1>${alert}` +
      `<form method="post" action="${LOGIN_PATH}">` +
      hiddenRequest(requestId) +
      `<p><label for="username">Username</label> <input id="username" name="username" type="text" autocomplete="username" value="${escapeAttribute(username)}"></p>` +
      '<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password"></p>' +
      '<p><button type="submit">Log In</button></p>' +
      '</form>',
  );
}

export function consentPage(requestId: string, appName: string, username: string, scopes: readonly string[]): string {
  const asks = scopeLabels(scopes)
    .map((label) => `<li>${escapeText(label)}</li>`)
    .join('');
  return htmlPage(
    'Allow Access?',
    '<h1>Allow Access?</h1>' +
      `<p><strong>${escapeText(appName)}</strong> is asking to:</p><ul>${asks}</ul>` +
      `<p>Do you want to allow access for <strong>${escapeText(username)}</strong>?</p>` +
      `<form method="post" action="${CONSENT_PATH}">` +
      hiddenRequest(requestId) +
      '<button type="submit" name="decision" value="allow">Allow</button> ' +
      '<button type="submit" name="decision" value="deny">Deny</button>' +
      '</form>',
  );
}

/**
 * An authorize request Salesforce won't redirect back from (unknown client, callback mismatch): the
 * page shows the error as the query string it would have sent, e.g.
 * `error=redirect_uri_mismatch&error_description=redirect_uri must match configuration`.
 */
export function authorizeErrorPage(error: string, description: string): string {
  return htmlPage('Error', `<h1>OAuth Error</h1><p>${escapeText(`error=${error}&error_description=${description}`)}</p>`);
}

/** Salesforce's "OAuth Error" page after a login, with a code such as `OAUTH_EC_APP_NOT_FOUND`. */
export function oauthErrorPage(code: string, message: string): string {
  return htmlPage('OAuth Error', `<h1>OAuth Error</h1><p>${escapeText(OAUTH_ERROR_INTRO)}</p><p>${escapeText(`${code}: ${message}`)}</p>`);
}

/** A form posted for a request that is over or never was (UNCONFIRMED wording). */
export function requestExpiredPage(): string {
  return htmlPage('Error', '<h1>Login Expired</h1><p>This login request has expired or was already completed. Start the login again from the app.</p>');
}

/** Where Salesforce sends a user whose password has expired; the fake org stops here (UNCONFIRMED). */
export function passwordExpiredPage(username: string): string {
  return htmlPage('Change Your Password', `<h1>Change Your Password</h1><p>The password of ${escapeText(username)} has expired. Change your password to continue.</p>`);
}

function hiddenRequest(requestId: string): string {
  return `<input type="hidden" name="request" value="${escapeAttribute(requestId)}">`;
}
