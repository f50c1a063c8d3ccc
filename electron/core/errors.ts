/**
 * The one exception type the core throws.
 *
 * It carries an `AppError` (code, message, remedy, field) that the IPC handlers and the CLI turn
 * into `{ok:false,error}` envelopes; anything else thrown is treated as an internal fault.
 */
import { ERROR_CATALOG, type ErrorCode } from '../../shared/errors';
import type { AppError } from '../../shared/result';

export class OrgKeyError extends Error {
  readonly appError: AppError;

  constructor(code: ErrorCode, overrides: Partial<Omit<AppError, 'code'>> = {}, options?: { cause?: unknown }) {
    const entry = ERROR_CATALOG[code];
    const appError: AppError = { code, message: overrides.message ?? entry.message };
    const remedy = overrides.remedy ?? entry.remedy;
    if (remedy) appError.remedy = remedy;
    if (overrides.field) appError.field = overrides.field;
    if (overrides.details) appError.details = overrides.details;
    super(appError.message, options);
    this.name = 'OrgKeyError';
    this.appError = appError;
  }
}

/** A field that failed its rule: shown next to the field, with no remedy beyond the message. */
export function fieldError(field: string, message: string): OrgKeyError {
  return new OrgKeyError('INVALID_INPUT', { field, message, remedy: '' });
}

export function isOrgKeyError(error: unknown): error is OrgKeyError {
  return error instanceof OrgKeyError;
}
