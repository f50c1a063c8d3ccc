/** Small, pure display helpers shared by the views. */
import type { AuthMethod, EnvironmentKind } from '../../shared/domain';
import type { SecretKind } from '../../shared/login-methods';
import type { AppError } from '../../shared/result';
import { sandboxKnown, type ColoredOrg } from '../../shared/org-colors';

const ENVIRONMENT_LABELS: Record<EnvironmentKind, string> = {
  production: 'Production',
  sandbox: 'Sandbox',
  custom: 'My Domain',
};

/** "Production", "Sandbox" or "My Domain". */
export function environmentLabel(kind: EnvironmentKind): string {
  return ENVIRONMENT_LABELS[kind];
}

/**
 * The kind of org in words, for beside its colour (the colour is never the only sign): a My Domain
 * org says whether it is a sandbox as far as OrgKey knows (shared/org-colors.ts).
 */
export function orgKindText(org: ColoredOrg): string {
  if (org.environment !== 'custom') return environmentLabel(org.environment);
  const sandbox = sandboxKnown(org);
  return sandbox === null ? 'My Domain, not known to be a sandbox' : sandbox ? 'Sandbox (My Domain)' : 'Production (My Domain)';
}

/** The host part of a login URL, e.g. `login.salesforce.com`; the input itself if it is not a URL. */
export function hostOf(loginUrl: string): string {
  try {
    return new URL(loginUrl).host;
  } catch {
    return loginUrl;
  }
}

/** A run of dots as long as the secret, so the user can spot a truncated paste without seeing it. */
export function maskOf(length: number): string {
  return '•'.repeat(Math.max(0, length));
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp in the user's locale; the raw value if it cannot be parsed. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

const dateOnlyFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A day in the user's locale, e.g. "Nov 28, 2026"; the raw value if it cannot be parsed. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnlyFormat.format(date);
}

const numberFormat = new Intl.NumberFormat();

/** A count in the user's locale, e.g. "14,998". */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, in words: "just now", "2 min ago", "3 hours ago", "4 days ago", then the date. */
export function timeAgo(iso: string, now: number): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) {
    const hours = Math.floor(elapsed / HOUR);
    return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  }
  if (elapsed < 7 * DAY) {
    const days = Math.floor(elapsed / DAY);
    return days === 1 ? 'yesterday' : `${days} days ago`;
  }
  return formatDate(iso);
}

/** The last characters of an identifier, so it can be recognised without being shown whole. */
export function tailOf(value: string, length = 6): string {
  return value.length > length ? `…${value.slice(-length)}` : value;
}

/** How an org logs in, as the detail and review show it. */
export function loginMethodLabel(auth: AuthMethod, clientId: string | undefined): string {
  if (auth === 'client-credentials') return `Client credentials (OAuth)${clientId ? ` through consumer key ${tailOf(clientId)}` : ''}`;
  if (auth === 'jwt') return `JWT bearer (certificate)${clientId ? ` through consumer key ${tailOf(clientId)}` : ''}`;
  if (auth === 'browser') return `Browser login (OAuth)${clientId ? ` through consumer key ${tailOf(clientId)}` : ''}`;
  return clientId ? `OAuth username-password flow (consumer key ${tailOf(clientId)})` : 'SOAP login() (password + token)';
}

const SECRET_NAMES: Record<SecretKind, string> = {
  password: 'password',
  token: 'security token',
  clientSecret: 'consumer secret',
  refreshToken: 'browser sign-in (refresh token)',
  privateKey: 'private key',
  pendingPrivateKey: 'new private key',
};

/** Keychain entries in words: "the password and security token", "the consumer secret". */
export function secretsText(kinds: readonly SecretKind[]): string {
  const names = kinds.map((kind) => SECRET_NAMES[kind]);
  if (names.length <= 1) return `the ${names[0] ?? 'secrets'}`;
  return `the ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A failure as one line next to a field, e.g. a file picker that could not open (DIALOG_UNAVAILABLE): message, then what to do. */
export const errorLine = (error: Pick<AppError, 'message' | 'remedy'>): string => [error.message, error.remedy].filter(Boolean).join(' ');
