import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrgSummary } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { call } from '../lib/api';

/**
 * The orgs shown so far. `total` counts every stored org; `complete` is false only while the
 * first load has the first screenful and the rest is still on its way.
 */
export type OrgListState =
  | { status: 'loading'; orgs: OrgSummary[]; total: number; complete: boolean; error: null }
  | { status: 'ready'; orgs: OrgSummary[]; total: number; complete: boolean; error: null }
  | { status: 'error'; orgs: OrgSummary[]; total: number; complete: boolean; error: AppError };

/**
 * How many orgs the first answer carries: more than any window shows at once. With thousands of
 * orgs, the whole list takes a while to cross from the core (hundreds of KB); the first screen
 * should not wait for it (issue 9: first paint of 2,000 orgs ≤ 300 ms).
 */
export const FIRST_SCREEN = 100;

/**
 * The org list, loaded once on start and again after every change.
 *
 * The first load asks for the first screenful, shows it, then fetches the whole list. A reload
 * keeps showing the previous orgs until the new list arrives, so the table never blinks.
 */
export function useOrgList(): {
  list: OrgListState;
  reload: () => Promise<void>;
  /** Change one org in place, e.g. its last test result as it arrives; the next reload has the last word. */
  patchOrg: (id: string, change: Partial<OrgSummary>) => void;
} {
  const [list, setList] = useState<OrgListState>({ status: 'loading', orgs: [], total: 0, complete: false, error: null });
  // Only the newest request may write: an older, slower answer must not overwrite a newer list.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    const firstLoad = request === 1;
    // Marks for the render budget (2,000 orgs): requested → loaded here, painted in the list view.
    if (firstLoad) performance.mark('orgkey:list-requested');
    const result = await call((api) => api.orgs.list(firstLoad ? { first: FIRST_SCREEN } : undefined));
    if (request !== latest.current) return;
    if (firstLoad) performance.mark('orgkey:list-loaded');
    if (!result.ok) {
      setList((previous) => ({ ...previous, status: 'error', error: result.error }));
      return;
    }
    const { orgs, total } = result.value;
    const complete = orgs.length === total;
    setList({ status: 'ready', orgs, total, complete, error: null });
    if (!complete) return reload();
    // For the bench: when the whole first list was in (`orgkey:list-whole`, after the first screen's `orgkey:list`).
    if (!performance.getEntriesByName('orgkey:list-whole', 'measure').length) performance.measure('orgkey:list-whole', 'orgkey:list-requested');
  }, []);

  const patchOrg = useCallback((id: string, change: Partial<OrgSummary>) => {
    // Only the changed org gets a new object, so the memoised rows of the others do not re-render.
    setList((previous) => ({ ...previous, orgs: previous.orgs.map((org) => (org.id === id ? { ...org, ...change } : org)) }));
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { list, reload, patchOrg };
}
