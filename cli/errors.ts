/**
 * How the `orgkey` command fails: exit codes, and the one stderr line every failure is.
 *
 * Core failures arrive as `OrgKeyError` with a catalogue code; the CLI's own codes (usage, terminals,
 * confirmations) are in the same catalogue (shared/codes.ts), which gives every code its exit code.
 */
import type { OrgKeyError } from '../electron/core';
import { EXIT, exitFor, isRefusal, type Code } from '../shared/codes';
import type { AppError } from '../shared/result';

/** How `orgkey` ends, and the exit for a failure code: the catalogue's. */
export { EXIT, exitFor as exitCodeFor };

/**
 * Whether `error` is the core's OrgKeyError, known by the catalogue error it carries: the commands
 * and this module load before the core does, and a value imported from the core's entry would load
 * all of it at start-up (an ES import runs its module; the bundle splits by file).
 */
export function isCoreFailure(error: unknown): error is OrgKeyError {
  return error instanceof Error && error.name === 'OrgKeyError' && typeof (error as Partial<OrgKeyError>).appError?.code === 'string';
}

/** Whether a code is such a refusal (e.g. one reported in Test all's progress). */
export function isTestRefusalCode(code: string): boolean {
  return isRefusal(code);
}

/**
 * Whether `error` is a refusal of the core (the lockout guard, a test of the org running, an org no
 * longer there): a result for one org, a test or proof not made, not a failure of the whole command.
 * `--json` still answers it in the shape of a test result.
 */
export function isTestRefusal(error: unknown): error is OrgKeyError {
  return isCoreFailure(error) && isRefusal(error.appError.code);
}

/** A failure the CLI reports itself, with the same shape as the core's. */
export class CliError extends Error {
  readonly code: string;
  readonly remedy: string;
  readonly exitCode: number;
  /** The field a bad value was given for, as the core names it (FIELD_NAMES gives the CLI's words). */
  field?: string;

  /** `exitCode` only where one throw of a code ends otherwise than the catalogue says (a confirmation answered no). */
  constructor(code: Code, message: string, remedy = '', exitCode: number = exitFor(code)) {
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

/** A value that breaks its field's rule, reported as the core reports one (INVALID_INPUT, no remedy). */
export function fieldError(field: string, message: string): CliError {
  const error = new CliError('INVALID_INPUT', message);
  error.field = field;
  return error;
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
  group: '--group',
  color: '--color',
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
  path: '--out',
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
    return { line: errorLine({ code: error.code, message: error.message, remedy: error.remedy, ...(error.field ? { field: error.field } : {}) }), exitCode: error.exitCode };
  }
  if (isCoreFailure(error)) {
    const appError: AppError = error.appError;
    return { line: errorLine(appError), exitCode: exitFor(appError.code) };
  }
  // Unknown errors may carry anything (paths, library text, even a secret): name the kind only.
  const kind = error instanceof Error ? error.name : typeof error;
  return {
    line: errorLine({ code: 'INTERNAL', message: `Something went wrong inside orgkey (${kind}).`, remedy: 'Try again; if it keeps happening, report it with the command you ran.' }),
    exitCode: EXIT.FAILED,
  };
}
