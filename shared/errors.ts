/**
 * The API's error codes and their words, as the envelope carries them: a view of `codes.ts`.
 *
 * Every failure a user can meet has a code, a one-line message and a remedy. Field errors carry
 * their own, more specific message; the catalogue gives the default wording.
 */
import { CODES, ERROR_CODES, type ErrorCode } from './codes';

export { ERROR_CODES, type ErrorCode };

/** A code's message, and its remedy when it has one: what an `AppError` holds besides the code. */
export interface CatalogEntry {
  message: string;
  remedy?: string;
}

export const ERROR_CATALOG: Readonly<Record<ErrorCode, CatalogEntry>> = Object.fromEntries(
  ERROR_CODES.map((code) => {
    const { message, remedy } = CODES[code];
    return [code, remedy ? { message, remedy } : { message }];
  }),
) as Record<ErrorCode, CatalogEntry>;
