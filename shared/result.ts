/**
 * The envelope every API call answers with.
 *
 * Errors cross the process boundary as data, never as thrown strings (an Error thrown across IPC
 * arrives as its text alone), so the renderer and the CLI can show the message next to the field it
 * belongs to (docs/ARCHITECTURE.md, "The contract").
 */
import type { ErrorCode } from './errors';

/** A failure a user can meet: a code, one plain sentence, and what to do about it. */
export interface AppError {
  code: ErrorCode;
  message: string;
  remedy?: string;
  /** The input field the message belongs next to, when there is one. */
  field?: string;
  /** Items the message is about, e.g. the files an export would replace. */
  details?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AppError): Result<T> {
  return { ok: false, error };
}
