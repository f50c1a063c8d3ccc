/**
 * The window's org store (orgs.ts) and the hooks every view reads it through, with React's
 * external-store hook: a view re-renders when the part it reads changes, and only then.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { OrgDetail } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { call, onTestAllProgress } from '../lib/api';
import { createOrgStore, type OrgListState, type OrgsState, type TestAllState } from './orgs';

export const orgStore = createOrgStore({ call, onTestAllProgress });

/** A part of the store; `select` must return what the store holds (not a new object), or React renders forever. */
export function useOrgStore<T>(select: (state: OrgsState) => T): T {
  return useSyncExternalStore(orgStore.subscribe, () => select(orgStore.getState()));
}

export const useOrgList = (): OrgListState => useOrgStore((state) => state.list);

export const useTestAll = (): TestAllState => useOrgStore((state) => state.testAll);

/** The org as the list has it, with its secrets' presence (`org` is null until both are known). */
export type OrgDetailState = { status: 'loading' | 'ready'; org: OrgDetail | null; error: null } | { status: 'error'; org: OrgDetail | null; error: AppError };

/** One org's detail, asked for when the view opens; the org itself is the list's copy. */
export function useOrgDetail(id: string): OrgDetailState {
  const summary = useOrgStore((state) => state.list.orgs.find((org) => org.id === id));
  const secrets = useOrgStore((state) => state.secrets.get(id));
  const load = useOrgStore((state) => state.loads.get(id));
  useEffect(() => {
    void orgStore.loadOrg(id);
  }, [id]);
  const org = useMemo(() => (summary && secrets ? { ...summary, secrets } : null), [summary, secrets]);
  return load?.status === 'error' ? { status: 'error', org, error: load.error } : { status: load?.status ?? 'loading', org, error: null };
}
