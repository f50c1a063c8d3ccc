/**
 * Build the nested `window.orgkey` object from the method list.
 *
 * Preload and the browser host both use this, so the page sees the same API on either host:
 * small named functions grouped by domain (`window.orgkey.orgs.add(draft)`), never a generic invoke.
 */
import type { OrgKeyApi } from './api';
import { METHOD_NAMES, type MethodName } from './methods';

export type Invoke = (name: MethodName, input: unknown) => Promise<unknown>;

export function buildApi(invoke: Invoke): OrgKeyApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [domain, action] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][action] = (input?: unknown) => invoke(name, input);
  }
  return api as unknown as OrgKeyApi;
}
