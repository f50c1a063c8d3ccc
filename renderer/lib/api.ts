/**
 * The renderer's single door to the app: `window.orgkey`, wrapped so every call yields a `Result`.
 *
 * Preload and the browser host already answer with envelopes; this wrapper only covers what they
 * cannot: a missing bridge or a rejected IPC promise, so views never need a try/catch.
 */
import type { OrgKeyApi } from '../../shared/api';
import type { OrgKeyEvents, TestAllProgress } from '../../shared/events';
import { ERROR_CATALOG } from '../../shared/errors';
import { fail, type AppError, type Result } from '../../shared/result';

const NOT_CONNECTED: AppError = {
  code: 'INTERNAL',
  message: 'This window is not connected to OrgKey.',
  remedy: 'Close the window and start OrgKey again.',
};

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * Run one API call and always get a `Result` back.
 *
 * @example const result = await call((api) => api.orgs.list());
 */
export async function call<T>(run: (api: OrgKeyApi) => Promise<Result<T>>): Promise<Result<T>> {
  const api = (window as Partial<Window>).orgkey;
  if (!api) return fail(NOT_CONNECTED);
  try {
    const result = await run(api);
    return isResult(result) ? result : fail({ code: 'INTERNAL', ...ERROR_CATALOG.INTERNAL });
  } catch {
    // The reason stays out of the UI on purpose: IPC failures can carry internal details.
    return fail({ code: 'INTERNAL', ...ERROR_CATALOG.INTERNAL });
  }
}

/**
 * Follow Test all's progress (shared/events.ts); returns the function that stops. Without a bridge
 * (the window is not connected) nothing ever arrives.
 */
export function onTestAllProgress(listener: (progress: TestAllProgress) => void): () => void {
  const events = (window as Partial<Window>).orgkey?.events;
  return events ? events.onTestAllProgress(listener) : () => {};
}

/**
 * Follow one of the core's events (shared/events.ts), e.g. `onAuditProgress`; returns the function
 * that stops. Without a bridge nothing ever arrives.
 */
export function onEvent<K extends keyof OrgKeyEvents>(name: K, listener: Parameters<OrgKeyEvents[K]>[0]): () => void {
  const events = (window as Partial<Window>).orgkey?.events;
  return events ? (events[name] as (listener: Parameters<OrgKeyEvents[K]>[0]) => () => void)(listener) : () => {};
}
