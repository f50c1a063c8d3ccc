import type { AppError } from '../../shared/result';
import { ErrorAlert } from './ErrorAlert';

/**
 * A login that did not happen or failed; when the lockout guard held it, the admin may log in
 * anyway (the action is repeated with `confirmRetry`).
 */
export function LoginErrorAlert({ error, onConfirmRetry }: { error: AppError; onConfirmRetry: () => void }) {
  return (
    <ErrorAlert error={error}>
      {error.code === 'LOCKOUT_GUARD' ? (
        <button type="button" className="slds-button slds-button_neutral slds-m-top_x-small" onClick={onConfirmRetry}>
          Log in anyway
        </button>
      ) : null}
    </ErrorAlert>
  );
}
