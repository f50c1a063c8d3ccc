/**
 * An org's colour as a small square. An SVG fill, not a style attribute: the page's
 * Content-Security-Policy allows no inline styles, and a presentation attribute is none.
 * Decorative (the colour's name or the environment is always in words beside it).
 */
export function OrgSwatch({ color, className = 'ok-swatch' }: { color: string; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 16 16" aria-hidden="true" focusable="false" data-swatch={color}>
      <rect width="16" height="16" rx="3" fill={color} />
    </svg>
  );
}
