import { maskOf } from '../lib/format';

/**
 * Dots as many as the secret has characters; screen readers hear the count instead of "bullet" ×N.
 */
export function SecretMask({ length }: { length: number }) {
  return (
    <>
      <span className="ok-mask" aria-hidden="true">
        {maskOf(length)}
      </span>
      <span className="slds-assistive-text">{`${length} characters`}</span>
    </>
  );
}
