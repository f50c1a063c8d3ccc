import type { AppError } from '../../shared/result';
import { ErrorAlert } from './ErrorAlert';

/** A settings form's end: why the last save failed (no single field's fault), then its submit button. */
export function SaveFooter({ error, saving, label }: { error: AppError | null; saving: boolean; label: string }) {
  return (
    <>
      {error ? <ErrorAlert error={error} /> : null}
      <div className="ok-form-actions">
        <span className="ok-form-actions__spacer" />
        <button type="submit" className="slds-button slds-button_brand" aria-disabled={saving || undefined}>
          {label}
        </button>
      </div>
    </>
  );
}
