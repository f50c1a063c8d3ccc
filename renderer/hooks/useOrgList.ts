import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrgSummary } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { call } from '../lib/api';

export type OrgListState =
  | { status: 'loading'; orgs: OrgSummary[]; error: null }
  | { status: 'ready'; orgs: OrgSummary[]; error: null }
  | { status: 'error'; orgs: OrgSummary[]; error: AppError };

/**
 * The org list, loaded once on start and again after every change.
 *
 * A reload keeps showing the previous orgs until the new list arrives, so the table never blinks.
 */
export function useOrgList(): {
  list: OrgListState;
  reload: () => Promise<void>;
  /** Change one org in place, e.g. its last test result as it arrives; the next reload has the last word. */
  patchOrg: (id: string, change: Partial<OrgSummary>) => void;
} {
  const [list, setList] = useState<OrgListState>({ status: 'loading', orgs: [], error: null });
  // Only the newest request may write: an older, slower answer must not overwrite a newer list.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    // Marks for the render budget (2,000 orgs): requested → loaded here, rendered in the list view.
    if (request === 1) performance.mark('orgkey:list-requested');
    const result = await call((api) => api.orgs.list());
    if (request !== latest.current) return;
    if (request === 1) performance.mark('orgkey:list-loaded');
    setList((previous) =>
      result.ok
        ? { status: 'ready', orgs: result.value, error: null }
        : { status: 'error', orgs: previous.orgs, error: result.error },
    );
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
