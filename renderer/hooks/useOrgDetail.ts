import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrgDetail, OrgSummary } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { call } from '../lib/api';

export type OrgDetailState =
  | { status: 'loading'; org: OrgDetail | null; error: null }
  | { status: 'ready'; org: OrgDetail; error: null }
  | { status: 'error'; org: OrgDetail | null; error: AppError };

/** One org's detail (metadata and secret presence, never the secrets), reloadable after an edit. */
export function useOrgDetail(id: string): {
  detail: OrgDetailState;
  reload: () => Promise<void>;
  /** Show a just-saved summary (or a just-arrived test result) at once; `reload` then refreshes the rest. */
  applySummary: (summary: Partial<OrgSummary>) => void;
} {
  const [detail, setDetail] = useState<OrgDetailState>({ status: 'loading', org: null, error: null });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    const result = await call((api) => api.orgs.get({ id }));
    if (request !== latest.current) return;
    setDetail((previous) =>
      result.ok
        ? { status: 'ready', org: result.value, error: null }
        : { status: 'error', org: previous.org, error: result.error },
    );
  }, [id]);

  const applySummary = useCallback((summary: Partial<OrgSummary>) => {
    setDetail((previous) => (previous.org ? { status: 'ready', org: { ...previous.org, ...summary }, error: null } : previous));
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { detail, reload, applySummary };
}
