/**
 * Field rules for orgs, shared by the renderer (instant feedback) and main (the authority).
 *
 * Each check returns either the cleaned value or a specific, human message for the field. Main
 * runs the same checks again, so nothing the renderer skips can reach the settings file.
 */
import {
  DEFAULT_CALLBACK_PORT,
  PRODUCTION_LOGIN_URL,
  SANDBOX_LOGIN_URL,
  type AuthMethod,
  type EnvironmentKind,
  type Notice,
} from './domain';
import { LOGIN_METHODS, MY_DOMAIN_REASON } from './login-methods';
import { normalizeOrgColor } from './org-colors';
import { isLoopbackHost, isSalesforceHost, myDomainForLightningHost } from './salesforce-hosts';

export type FieldCheck<T> = { ok: true; value: T; notices: Notice[] } | { ok: false; message: string };

const valid = <T>(value: T, notices: Notice[] = []): FieldCheck<T> => ({ ok: true, value, notices });
const invalid = <T>(message: string): FieldCheck<T> => ({ ok: false, message });

export const ALIAS_MAX = 80;
/** Salesforce usernames are at most 80 characters (User.Username field length). */
export const USERNAME_MAX = 80;
export const PASSWORD_MAX = 256;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** A name as OrgKey keeps and looks it up: no spaces at either end, each run of spaces inside one space. */
export const tidyAlias = (raw: string): string => raw.trim().replace(/\s+/g, ' ');

export function checkAlias(raw: string): FieldCheck<string> {
  const alias = tidyAlias(raw);
  if (!alias) return invalid('Give the org a name, for example “Production” or “UAT sandbox”.');
  if (alias.length > ALIAS_MAX) return invalid(`Keep the name to ${ALIAS_MAX} characters or fewer.`);
  if (CONTROL_CHARS.test(alias)) return invalid('The name contains an invisible control character; retype it.');
  return valid(alias);
}

export const GROUP_MAX = 80;

/**
 * The group an org is filed under (a client, a project): tidied as a name is, so “Client  A ” and
 * “Client A” are one group. Empty means no group.
 */
export function checkGroup(raw: string): FieldCheck<string> {
  const group = tidyAlias(raw);
  if (group.length > GROUP_MAX) return invalid(`Keep the group’s name to ${GROUP_MAX} characters or fewer; this one has ${group.length}.`);
  if (CONTROL_CHARS.test(group)) return invalid('The group’s name contains an invisible control character; retype it.');
  return valid(group);
}

/**
 * The org's colour: a palette name or a hex colour, kept as `#rrggbb` (shared/org-colors.ts).
 * Empty (`undefined`) means the environment's default.
 */
export function checkOrgColor(raw: string): FieldCheck<string | undefined> {
  const check = normalizeOrgColor(raw);
  return check.ok ? valid(check.value) : invalid(check.message);
}

/**
 * Salesforce usernames have the form of an email address but need not be a real mailbox
 * (sandbox copies add a suffix such as `.uat`).
 */
export function checkUsername(raw: string): FieldCheck<string> {
  const username = raw.trim();
  if (!username) return invalid('Enter the Salesforce username, for example admin@acme.com.');
  if (/\s/.test(username)) return invalid('A Salesforce username cannot contain spaces.');
  if (username.length > USERNAME_MAX) return invalid(`Salesforce usernames are at most ${USERNAME_MAX} characters.`);
  if (!/^[^@]+@[^@]+\.[^@.]+$/.test(username)) {
    return invalid('Salesforce usernames look like an email address, for example admin@acme.com.uat.');
  }
  return valid(username);
}

/** Passwords are kept exactly as typed: spaces at either end are part of them. */
export function checkPassword(raw: string): FieldCheck<string> {
  if (!raw) return invalid('Enter the password for this username.');
  if (raw.length > PASSWORD_MAX) return invalid(`The password is longer than ${PASSWORD_MAX} characters; check what was pasted.`);
  if (CONTROL_CHARS.test(raw)) return invalid('The password contains a line break or control character; check what was pasted.');
  return valid(raw);
}

/**
 * Security tokens are letters and digits only, case-sensitive, usually 24–25 characters
 * (Salesforce Help "Reset Your Security Token"). An empty token is fine: trusted IP ranges need none.
 */
export function checkToken(raw: string): FieldCheck<string> {
  const token = raw.trim();
  if (!token) return valid('');
  if (/\s/.test(token)) return invalid('The token contains a space or line break. Paste only the token itself.');
  if (!/^[A-Za-z0-9]+$/.test(token)) {
    return invalid('A security token has only letters and digits. Check for punctuation copied along with it.');
  }
  if (token.length < 16 || token.length > 40) {
    return invalid(`This is ${token.length} characters long; security tokens are usually 25. Check that all of it was copied.`);
  }
  return valid(token);
}

/**
 * How much pasted text (a reset email, or just the token) is read: the email is about 1 KB of
 * text, a few KB copied from HTML with a quoted thread. Anything past this is something else.
 */
export const PASTED_MAX = 100_000;

/** A size as a person reads it: "850 bytes", "150 KB", "1.2 MB". */
function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 999_500) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // Each half of a surrogate pair counts 2: the pair is four bytes.
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit < 0xe000) ? 2 : 3;
  }
  return bytes;
}

/** The message for a paste that is too long, given its size in bytes (or a lower bound of it). */
export function pastedTooLongMessage(bytes: number, { atLeast = false } = {}): string {
  return `This is ${atLeast ? 'more than ' : ''}${sizeText(bytes)}; a reset email is a few KB. Paste only the email or the token.`;
}

/** A pasted token or email: refused past `PASTED_MAX` characters, before anything reads it. */
export function checkPastedSize(raw: string): FieldCheck<string> {
  return raw.length > PASTED_MAX ? invalid(pastedTooLongMessage(utf8Length(raw))) : valid(raw);
}

/**
 * Resolve the login URL for an environment choice.
 *
 * Custom URLs must be `https:` (plain `http:` only on loopback, for local test servers). The path is
 * dropped because logins go to the origin. A host outside Salesforce's domains is allowed with a notice.
 */
export function checkLoginUrl(kind: EnvironmentKind, customUrl: string | undefined): FieldCheck<string> {
  if (kind === 'production') return valid(PRODUCTION_LOGIN_URL);
  if (kind === 'sandbox') return valid(SANDBOX_LOGIN_URL);

  const raw = (customUrl ?? '').trim();
  if (!raw) return invalid('Enter your My Domain URL, for example https://acme.my.salesforce.com.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return invalid('This is not a web address. Use the form https://acme.my.salesforce.com.');
  }
  if (url.username || url.password) return invalid('Leave the user name and password out of the address.');
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    return invalid('Salesforce logins must use https://. Only local test servers may use http://.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid('Use an https:// address, for example https://acme.my.salesforce.com.');
  }
  const lightning = myDomainForLightningHost(url.hostname);
  if (lightning) {
    return invalid(`That is the Lightning address of the org. Logins use the My Domain URL: https://${lightning}`);
  }

  const origin = url.origin;
  const notices: Notice[] = [];
  if (url.pathname !== '/' || url.search || url.hash) {
    notices.push({ code: 'URL_NORMALISED', field: 'customUrl', message: `Only the address of the site is used: ${origin}` });
  }
  if (!loopback && !isSalesforceHost(url.hostname)) {
    notices.push({
      code: 'HOST_NOT_SALESFORCE',
      field: 'customUrl',
      message: `${url.hostname} is not a Salesforce domain. Check the address: OrgKey sends this org’s credentials to it.`,
    });
  }
  return valid(origin, notices);
}

/** The standard login hosts, which serve every org and so are no org's My Domain. */
const GENERIC_LOGIN_HOSTS = new Set([new URL(PRODUCTION_LOGIN_URL).hostname, new URL(SANDBOX_LOGIN_URL).hostname]);

/**
 * The login URL for a login method: as `checkLoginUrl`, and for a method that needs the org's My
 * Domain (client credentials) never one of the standard login hosts, with the reason in the message.
 * The message belongs next to the environment choice (`environment`) or the URL typed (`customUrl`):
 * `field` says which.
 */
export function checkLoginUrlFor(auth: AuthMethod, kind: EnvironmentKind, customUrl: string | undefined): FieldCheck<string> & { field: 'environment' | 'customUrl' } {
  const myDomain = LOGIN_METHODS[auth].needs.myDomain;
  if (myDomain && kind !== 'custom') {
    return { ok: false, field: 'environment', message: `Choose “My Domain URL” and enter the org’s own address, for example https://acme.my.salesforce.com. ${MY_DOMAIN_REASON}` };
  }
  const check = checkLoginUrl(kind, customUrl);
  if (check.ok && myDomain && GENERIC_LOGIN_HOSTS.has(new URL(check.value).hostname)) {
    return { ok: false, field: 'customUrl', message: `Enter the org’s own My Domain URL, for example https://acme.my.salesforce.com. ${MY_DOMAIN_REASON}` };
  }
  return { ...check, field: kind === 'custom' ? 'customUrl' : 'environment' };
}

/** The secret and username fields of a form, as the login-method table's `needs` names them. */
export type MethodField = 'username' | 'password' | 'token' | 'clientSecret';

/**
 * A value typed for a field the login method has no use for: refused with the reason, so nothing
 * is kept that the method would never use (or, worse, send). Valid when the field is empty.
 */
export function checkUnusedField(auth: AuthMethod, field: MethodField, raw: string): FieldCheck<''> {
  if (!raw.trim() || LOGIN_METHODS[auth].needs[field] !== 'no') return valid('');
  const label = LOGIN_METHODS[auth].label;
  const messages: Record<MethodField, string> = {
    username: `${label} logs in as the app’s run-as user, which a test shows: leave the username empty.`,
    password: `${label} keeps no password: leave this empty.`,
    token: `${label} keeps no security token: leave this empty.`,
    clientSecret: `${label} signs with a key OrgKey makes, not a consumer secret: leave this empty.`,
  };
  return invalid(messages[field]);
}

/**
 * A connected app's consumer key (OAuth client id): letters, digits, dots and underscores. Empty
 * means "log in with SOAP `login()`" rather than the OAuth username-password flow.
 */
export function checkClientId(raw: string): FieldCheck<string> {
  const clientId = raw.trim();
  if (!clientId) return valid('');
  if (/\s/.test(clientId)) return invalid('The consumer key contains a space or line break. Paste only the key.');
  if (!/^[A-Za-z0-9._]+$/.test(clientId)) return invalid('A consumer key has only letters, digits, dots and underscores.');
  if (clientId.length < 20 || clientId.length > 256) return invalid('This does not look like a whole consumer key; copy it again from the app’s settings.');
  return valid(clientId);
}

/**
 * The consumer secret that goes with a consumer key: required for the username-password flow;
 * optional for browser login, where only apps that "Require Secret for Web Server Flow" need it.
 */
export function checkClientSecret(raw: string, clientId: string, { required = true } = {}): FieldCheck<string> {
  const secret = raw.trim();
  if (!clientId) return valid('');
  if (!secret) return required ? invalid('Enter the consumer secret that belongs to this consumer key.') : valid('');
  if (/\s/.test(secret)) return invalid('The consumer secret contains a space or line break. Paste only the secret.');
  return valid(secret);
}

/** Browser login needs the consumer key of the app it signs in through. */
export function checkBrowserClientId(raw: string): FieldCheck<string> {
  if (!raw.trim()) return invalid('Enter the consumer key of the External Client App (or connected app) to sign in through.');
  return checkClientId(raw);
}

/** The loopback port of the callback URL: unprivileged, so OrgKey can listen on it without rights. */
export function checkCallbackPort(raw: number): FieldCheck<number> {
  if (!Number.isInteger(raw) || raw < 1024 || raw > 65535) return invalid(`Choose a whole number from 1024 to 65535 (${DEFAULT_CALLBACK_PORT} unless your app’s callback URL says otherwise).`);
  return valid(raw);
}

/**
 * An object or field API name as Data Loader takes it: `Account`, `Invoice__c`, `ns__Thing__c`.
 *
 * Letters, digits and single underscores, starting with a letter; `__` only before a suffix or after
 * a namespace. `what` names the thing in the message ("object" or "field").
 */
export function checkApiName(raw: string, what: 'object' | 'field'): FieldCheck<string> {
  const name = raw.trim();
  const example = what === 'object' ? 'Account or Invoice__c' : 'Id or External_Id__c';
  if (!name) return invalid(`Enter the ${what}’s API name, such as ${example}.`);
  if (name.length > 80) return invalid(`API names are at most 80 characters; this one has ${name.length}.`);
  if (/\s/.test(name)) return invalid(`API names have no spaces: use the ${what}’s API name (such as ${example}), not its label.`);
  if (!/^[A-Za-z][A-Za-z0-9]*(?:__?[A-Za-z0-9]+)*$/.test(name)) {
    return invalid(`“${name}” is not an API name: use letters, digits and underscores, starting with a letter, such as ${example}.`);
  }
  return valid(name);
}

/** An extract's SOQL query: one SELECT … FROM … statement. */
export function checkSoql(raw: string): FieldCheck<string> {
  const soql = raw.replace(/\s+/g, ' ').trim();
  if (!soql) return invalid('Enter the query to extract with, such as SELECT Id, Name FROM Account.');
  if (!/^select\s.+\sfrom\s+[A-Za-z]/i.test(soql)) {
    return invalid('A Data Loader extract query starts with SELECT and names the object after FROM, such as SELECT Id, Name FROM Account.');
  }
  return valid(soql);
}

/**
 * The page to open after logging in: a path in the org, as Salesforce's single-access `redirect_uri`
 * and the frontdoor's `startURL` take it (relative only; a full address or `//host` is refused).
 */
export function checkOpenPath(raw: string): FieldCheck<string> {
  const path = raw.trim();
  if (!path.startsWith('/')) return invalid('Give a path in the org that starts with /, such as /lightning/setup/SetupOneHome/home.');
  if (path.startsWith('//') || path.startsWith('/\\')) return invalid('Give a path in the org, not another site’s address: start with a single /.');
  if (/\s/.test(path) || CONTROL_CHARS.test(path)) return invalid('The path contains a space or an invisible character; copy it again from the address bar.');
  if (path.length > 2048) return invalid('Keep the path to 2,048 characters or fewer.');
  return valid(path);
}
