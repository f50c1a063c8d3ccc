/** Small, pure display helpers shared by the views. */
import type { EnvironmentKind } from '../../shared/domain';

const ENVIRONMENT_LABELS: Record<EnvironmentKind, string> = {
  production: 'Production',
  sandbox: 'Sandbox',
  custom: 'My Domain',
};

/** "Production", "Sandbox" or "My Domain". */
export function environmentLabel(kind: EnvironmentKind): string {
  return ENVIRONMENT_LABELS[kind];
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
