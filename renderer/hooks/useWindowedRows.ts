import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** Rows rendered before the first measurement; covers a tall window. */
const INITIAL_ROWS = 60;
/** Extra rows above and below the viewport, so scrolling and Tab find rows already there. */
const OVERSCAN = 15;
const DEFAULT_ROW_HEIGHT = 40;
/**
 * Up to this many rows are all rendered: cheap enough to lay out, and a filtered list is then
 * complete in the DOM (find-in-page, tests) whatever the scroll position.
 */
const RENDER_ALL_UP_TO = 200;

export interface RowWindow {
  start: number;
  end: number;
  rowHeight: number;
}

/**
 * Which rows of a long, page-scrolled table are near the viewport.
 *
 * Laying out all of 2,000 orgs costs far more than the 300 ms budget on modest machines (table
 * layout is the bottleneck, not React), so a long list renders only the rows near the viewport;
 * spacer rows keep the scroll height. Rows must have one fixed height (styles.css), measured here.
 */
export function useWindowedRows(count: number, bodyRef: RefObject<HTMLTableSectionElement | null>): RowWindow {
  const [window_, setWindow] = useState<RowWindow>({ start: 0, end: Math.min(count, INITIAL_ROWS), rowHeight: DEFAULT_ROW_HEIGHT });

  const measure = useCallback(() => {
    const body = bodyRef.current;
    if (!body) return;
    setWindow((previous) => {
      const row = body.querySelector('tr[data-row]');
      const rowHeight = row ? row.getBoundingClientRect().height || previous.rowHeight : previous.rowHeight;
      // The body's top edge, spacer included, is where row 0 would start.
      const top = body.getBoundingClientRect().top;
      const start = clamp(Math.floor(-top / rowHeight) - OVERSCAN, 0, count);
      const end = clamp(Math.ceil((window.innerHeight - top) / rowHeight) + OVERSCAN, start, count);
      return previous.start === start && previous.end === end && previous.rowHeight === rowHeight ? previous : { start, end, rowHeight };
    });
  }, [bodyRef, count]);

  // Before paint, so the first frame already shows the right rows.
  useLayoutEffect(measure, [measure]);

  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(() => {
        frame = 0;
        measure();
      });
    };
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(frame);
    };
  }, [measure]);

  if (count <= RENDER_ALL_UP_TO) return { start: 0, end: count, rowHeight: window_.rowHeight };
  const end = Math.min(window_.end, count);
  return { start: Math.min(window_.start, end), end, rowHeight: window_.rowHeight };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
