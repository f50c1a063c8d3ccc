import { useLayoutEffect } from 'react';
import { afterNextPaint } from '../lib/paint';

let marked = false;

/**
 * Tell tests and benchmarks that the first org list is on screen.
 *
 * Sets `<html data-orgkey-ready="true">` when the list is in the DOM (tests wait on app state,
 * never on timers, which are slow when generous and flaky when not), the performance marks `orgkey:list-rendered` (committed)
 * and `orgkey:list-painted` (on screen), and the measure `orgkey:list` from `orgkey:list-requested`
 * (set in store/orgs.ts) to painted: the 2,000-org first-paint budget of `npm run bench`. Also
 * fires when the first load failed, so a test sees the error instead of timing out.
 */
export function useListReadyMarker(settled: boolean): void {
  // A layout effect runs in the commit itself, before the browser can paint it.
  useLayoutEffect(() => {
    if (!settled || marked) return;
    marked = true;
    performance.mark('orgkey:list-rendered');
    document.documentElement.dataset.orgkeyReady = 'true';
    afterNextPaint(() => {
      performance.mark('orgkey:list-painted');
      if (performance.getEntriesByName('orgkey:list-requested', 'mark').length) {
        performance.measure('orgkey:list', 'orgkey:list-requested', 'orgkey:list-painted');
      }
    });
  }, [settled]);
}
