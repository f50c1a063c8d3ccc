import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * Extra rows above and below the viewport, so Tab and a compositor scroll running ahead of the page
 * find rows already there. Each costs render and layout work on every filter keystroke, so few.
 */
const OVERSCAN = 8;
const DEFAULT_ROW_HEIGHT = 40;
/**
 * Up to this many rows are all rendered: about what one window shows anyway, so a short list is
 * complete in the DOM (find-in-page, tests) whatever the scroll position. More are windowed: each
 * row costs about a millisecond to render, lay out and paint on a modest machine, and a filter
 * keystroke that brought 100 rows back at once took 60 ms against its 50 ms budget (README,
 * "Performance").
 */
const RENDER_ALL_UP_TO = 50;

/** Rows rendered before the first measurement: a viewport's worth from the top, plus the overscan. */
function initialRows(): number {
  return Math.ceil(window.innerHeight / DEFAULT_ROW_HEIGHT) + OVERSCAN;
}

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
  const [window_, setWindow] = useState<RowWindow>(() => ({ start: 0, end: Math.min(count, initialRows()), rowHeight: DEFAULT_ROW_HEIGHT }));

  const measure = useCallback(() => {
    const body = bodyRef.current;
    if (!body) return;
    setWindow((previous) => {
      // An org's row: a group's heading row takes the height measured here (OrgTable sets it).
      const row = body.querySelector('tr[data-row]:not([data-group-heading])');
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
        // Committed in this frame, before it is painted: a long jump never shows the spacer where rows belong.
        flushSync(measure);
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
