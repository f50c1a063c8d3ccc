import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A view's `<h1>`, focused when the view opens (and whenever `focusKey` changes).
 *
 * Moving focus to the heading tells keyboard and screen-reader users where they are after a view
 * change; `tabIndex={-1}` makes it focusable by script without adding a tab stop.
 */
export function ViewHeading({ children, focusKey, id }: { children: ReactNode; focusKey?: unknown; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="slds-text-heading_large ok-view-heading">
      {children}
    </h1>
  );
}
