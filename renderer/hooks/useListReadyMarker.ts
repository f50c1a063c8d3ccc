import { useEffect } from 'react';

let marked = false;

/**
 * Tell tests and benchmarks that the first org list is on screen.
 *
 * Sets `<html data-orgkey-ready="true">` (tests wait on app state, never on timers, STYLE.md
 * practice 10), the performance mark `orgkey:list-rendered` and the measure `orgkey:list`
 * (from `orgkey:list-requested`). Also fires when the first load
 * failed, so a test sees the error instead of timing out.
 */
export function useListReadyMarker(settled: boolean): void {
  useEffect(() => {
    if (!settled || marked) return;
    marked = true;
    performance.mark('orgkey:list-rendered');
    // requested → rendered: the number the 2,000-org budget is about (mark set in useOrgList).
    if (performance.getEntriesByName('orgkey:list-requested', 'mark').length) {
      performance.measure('orgkey:list', 'orgkey:list-requested', 'orgkey:list-rendered');
    }
    document.documentElement.dataset.orgkeyReady = 'true';
  }, [settled]);
}
