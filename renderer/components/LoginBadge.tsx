import type { ReadinessView } from '../lib/readiness';

/**
 * How an org logs in, as a badge, and when Salesforce stops that ("until 20 Feb 2027") right after
 * it: the list's Login column stacks the two so a fixed-width column never cuts the date off.
 */
export function LoginBadge({ readiness, title }: { readiness: ReadinessView; title?: string }) {
  return (
    <span className="ok-login" title={title}>
      <span className={readiness.badgeClass}>{readiness.label}</span>
      {readiness.deadlineText ? (
        <>
          {' '}
          <span className="ok-login__deadline">{readiness.deadlineText}</span>
        </>
      ) : null}
    </span>
  );
}
