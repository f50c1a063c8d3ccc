/**
 * `--env`: where an org logs in, as the app's wizard offers it — production, sandbox, or a My Domain URL.
 */
import type { EnvironmentKind } from '../../shared/domain';
import { usageError } from '../errors';

export const ENV_HELP = 'production (login.salesforce.com), sandbox (test.salesforce.com) or your My Domain URL (https://acme.my.salesforce.com).';

export function parseEnvironment(raw: string): { environment: EnvironmentKind; customUrl?: string } {
  const value = raw.trim();
  if (/^(production|prod)$/i.test(value)) return { environment: 'production' };
  if (/^sandbox$/i.test(value)) return { environment: 'sandbox' };
  // Anything that looks like an address is a My Domain URL; the core checks it (https only, http for loopback).
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('.')) return { environment: 'custom', customUrl: value };
  throw usageError(`--env is ${ENV_HELP}`, 'Run “orgkey add --help”.');
}
