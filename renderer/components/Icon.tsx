/**
 * SLDS utility icons, drawn inline.
 *
 * Inline paths (copied from @salesforce-ux/design-system/assets/icons/utility) avoid sprite
 * requests and work under the strict CSP; the icons are decorative, the text next to them speaks.
 */
const PATHS = {
  add: 'M300 290h165c8 0 15-7 15-15v-30c0-8-7-15-15-15H300c-6 0-10-4-10-10V55c0-8-7-15-15-15h-30c-8 0-15 7-15 15v165c0 6-4 10-10 10H55c-8 0-15 7-15 15v30c0 8 7 15 15 15h165c6 0 10 4 10 10v165c0 8 7 15 15 15h30c8 0 15-7 15-15V300c0-6 4-10 10-10',
  check: 'M191 425 26 259c-6-6-6-16 0-22l22-22c6-6 16-6 22 0l124 125a10 10 0 0 0 15 0L452 95c6-6 16-6 22 0l22 22c6 6 6 16 0 22L213 425c-6 7-16 7-22 0',
  chevronleft: 'M342 477 134 272c-6-6-6-16 0-22L342 45c6-6 16-6 22 0l22 22c6 6 6 16 0 22L221 250c-6 6-6 16 0 22l163 161c6 6 6 16 0 22l-22 22c-5 5-14 5-20 0',
  close: 'm310 254 130-131c6-6 6-15 0-21l-20-21c-6-6-15-6-21 0L268 212a10 10 0 0 1-14 0L123 80c-6-6-15-6-21 0l-21 21c-6 6-6 15 0 21l131 131c4 4 4 10 0 14L80 399c-6 6-6 15 0 21l21 21c6 6 15 6 21 0l131-131a10 10 0 0 1 14 0l131 131c6 6 15 6 21 0l21-21c6-6 6-15 0-21L310 268a10 10 0 0 1 0-14',
  error: 'M260 20C128 20 20 128 20 260s108 240 240 240 240-108 240-240S392 20 260 20M80 260a180 180 0 0 1 284-147L113 364a176 176 0 0 1-33-104m180 180c-39 0-75-12-104-33l251-251a180 180 0 0 1-147 284',
  lock: 'M110 190h40c6 0 10-3 10-9v-1A100 100 0 0 1 267 80c53 4 93 50 93 104v-3c0 6 4 9 10 9h40c6 0 10-3 10-9v-1A160 160 0 0 0 252 20c-85 4-150 76-152 161 1 5 5 9 10 9m-10-9v4zm360 89a40 40 0 0 0-40-40H100a40 40 0 0 0-40 40v190a40 40 0 0 0 40 40h320a40 40 0 0 0 40-40zM306 427c2 6-3 13-10 13h-73c-7 0-11-6-10-13l18-60a48 48 0 0 1-21-48 50 50 0 0 1 39-38c32-6 60 17 60 47 0 16-8 31-21 39z',
  search: 'M496 453 362 320a189 189 0 1 0-340-92 190 190 0 0 0 298 135l133 133a14 14 0 0 0 21 0l21-21a17 17 0 0 0 1-22M210 338a129 129 0 1 1 130-130 129 129 0 0 1-130 130',
  success: 'M260 20a240 240 0 1 0 0 480 240 240 0 1 0 0-480m134 180L241 355c-6 6-16 6-22 0l-84-85c-6-6-6-16 0-22l22-22c6-6 16-6 22 0l44 45a10 10 0 0 0 15 0l112-116c6-6 16-6 22 0l22 22c7 6 7 16 0 23',
  warning: 'M514 425 285 55a28 28 0 0 0-50 0L6 425c-14 23 0 55 25 55h458c25 0 40-32 25-55m-254-25c-17 0-30-13-30-30s13-30 30-30 30 13 30 30-13 30-30 30m30-90c0 6-4 10-10 10h-40c-6 0-10-4-10-10V180c0-6 4-10 10-10h40c6 0 10 4 10 10z',
} as const;

export type IconName = keyof typeof PATHS;

/** A decorative SLDS utility icon; `className` takes SLDS icon classes such as `slds-icon slds-icon_x-small`. */
export function Icon({ name, className }: { name: IconName; className: string }) {
  return (
    <svg className={className} viewBox="0 0 520 520" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
