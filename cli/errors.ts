/**
 * How the `orgkey` command fails: exit codes, and the one stderr line every failure is.
 *
 * Core failures arrive as `OrgKeyError` with a catalogue code; the CLI adds a few codes of its own
 * (usage, terminals, confirmations). Every code maps to one exit code so scripts can branch on it.
 */
import { isOrgKeyError, type OrgKeyError } from '../electron/core/errors';
import type { AppError } from '../shared/result';

export const EXIT = {
  OK: 0,
  /** The check failed: login refused, lockout guard, a test that did not pass. */
  FAILED: 1,
  /** The command line was wrong: unknown command or option, bad value, unknown org. */
  USAGE: 2,
  /** The machine cannot do it: keychain, settings file or clipboard unavailable. */
  ENVIRONMENT: 3,
  /** Interrupted with Ctrl-C (128 + SIGINT, as shells report it). */
  INTERRUPTED: 130,
} as const;

/** Refusals that are a result for one org (a test or proof not made), not a failure of the whole command. */
const TEST_REFUSALS = new Set(['LOCKOUT_GUARD', 'TEST_RUNNING', 'ORG_NOT_FOUND']);

/** Whether `error` is such a refusal, which `--json` still answers in the shape of a test result. */
export function isTestRefusal(error: unknown): error is OrgKeyError {
  return isOrgKeyError(error) && isTestRefusalCode(error.appError.code);
}

/** Whether a code is such a refusal (e.g. one reported in Test all's progress). */
export function isTestRefusalCode(code: string): boolean {
  return TEST_REFUSALS.has(code);
}

/** Codes only the CLI uses; the rest are the shared catalogue's and the connection tester's. */
export type CliOnlyCode = 'USAGE' | 'NO_TERMINAL' | 'STDOUT_IS_TERMINAL' | 'CONFIRMATION_NEEDED' | 'CANCELLED' | 'TESTS_FAILED' | 'NOT_PASSWORD_LOGIN';

const USAGE_CODES = new Set([
  'USAGE',
  'INVALID_INPUT',
  'ALIAS_TAKEN',
  'ORG_NOT_FOUND',
  'NO_TERMINAL',
  'STDOUT_IS_TERMINAL',
  'CONFIRMATION_NEEDED',
  'EXPORT_NOT_FOUND',
  'NOT_BROWSER_LOGIN',
  'NOT_PASSWORD_LOGIN',
]);
const ENVIRONMENT_CODES = new Set([
  'KEYCHAIN_UNAVAILABLE',
  'SETTINGS_UNAVAILABLE',
  'SETTINGS_TOO_NEW',
  'CLIPBOARD_UNAVAILABLE',
  'DIALOG_UNAVAILABLE',
  'EXPORT_FAILED',
  'EXPORT_FOLDER_GONE',
  // The export's key file was swapped, replaced or opened to others: the folder's state, fixed there.
  'EXPORT_KEY_CHANGED',
  'EXPORT_KEY_NOT_PRIVATE',
  // Another program holds the callback port: the machine's state, not the sign-in's.
  'SIGN_IN_PORT_IN_USE',
]);

/**
 * The exit code for a failure code: 2 usage, 3 environment, 130 a sign-in cancelled (only Ctrl-C
 * cancels one here), 1 everything else (the check failed: a login refused, a sign-in denied).
 */
export function exitCodeFor(code: string): number {
  if (USAGE_CODES.has(code)) return EXIT.USAGE;
  if (ENVIRONMENT_CODES.has(code)) return EXIT.ENVIRONMENT;
  if (code === 'SIGN_IN_CANCELLED') return EXIT.INTERRUPTED;
  return EXIT.FAILED;
}

/** A failure the CLI reports itself, with the same shape as the core's. */
export class CliError extends Error {
  readonly code: string;
  readonly remedy: string;
  readonly exitCode: number;

  constructor(code: CliOnlyCode | string, message: string, remedy = '', exitCode = exitCodeFor(code)) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.remedy = remedy;
    this.exitCode = exitCode;
  }
}

export function usageError(message: string, remedy: string): CliError {
  return new CliError('USAGE', message, remedy);
}

/** Which option or argument a core field error is about, in the CLI's own words. */
const FIELD_NAMES: Record<string, string> = {
  alias: 'the name',
  username: '--username',
  customUrl: '--env',
  environment: '--env',
  clientId: '--client-id',
  clientSecret: 'the consumer secret',
  callbackPort: '--port',
  auth: '--password-login',
  password: 'the password',
  token: 'the security token',
  pasted: 'the token or email',
  folder: '--out',
  keyFile: '--key-file',
  jobs: '--operation',
  'jobs.object': '--object',
  'jobs.soql': '--soql',
  'jobs.externalIdField': '--external-id',
};

/** One line, whatever the text held: a message never spans lines on stderr. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** `orgkey: <CODE>: <message> <remedy>` — the single stderr line of a failure. */
export function errorLine(error: { code: string; message: string; remedy?: string; field?: string }): string {
  // Per-job fields (`jobs.2.object`) are one option each on the command line.
  const field = error.field ? FIELD_NAMES[error.field.replace(/^jobs\.\d+\./, 'jobs.')] : undefined;
  const message = field ? `${field}: ${error.message}` : error.message;
  return `orgkey: ${error.code}: ${oneLine([message, error.remedy ?? ''].filter(Boolean).join(' '))}`;
}

/** Turn anything thrown into what the CLI prints and the exit code it ends with. */
export function describeFailure(error: unknown): { line: string; exitCode: number } {
  if (error instanceof CliError) {
    return { line: errorLine({ code: error.code, message: error.message, remedy: error.remedy }), exitCode: error.exitCode };
  }
  if (isOrgKeyError(error)) {
    const appError: AppError = error.appError;
    return { line: errorLine(appError), exitCode: exitCodeFor(appError.code) };
  }
  // Unknown errors may carry anything (paths, library text, even a secret): name the kind only.
  const kind = error instanceof Error ? error.name : typeof error;
  return {
    line: errorLine({ code: 'INTERNAL', message: `Something went wrong inside orgkey (${kind}).`, remedy: 'Try again; if it keeps happening, report it with the command you ran.' }),
    exitCode: EXIT.FAILED,
  };
}
