import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ProofOptions, ProofState } from '../../hooks/useProof';
import { FailureBox } from '../ConnectionSection';

export interface ProofFeedbackProps {
  state: ProofState;
  /** "token" or "password": "The old token is still stored." */
  what: string;
  /** Where focus goes when the lockout question closes. */
  returnFocusId: string;
  prove: (options?: ProofOptions) => Promise<void>;
  dismiss: () => void;
}

/** What a refused proof means (the old secret stays), "Save anyway", and the lockout question. */
export function ProofFeedback({ state, what, returnFocusId, prove, dismiss }: ProofFeedbackProps) {
  if (state.status === 'running') return <p className="ok-muted">Testing…</p>;
  if (state.status === 'error') return <ErrorAlert error={state.error} />;
  if (state.status === 'guarded') {
    return (
      <ConfirmDialog
        title="Test again?"
        confirmLabel="Test anyway"
        returnFocusId={returnFocusId}
        onConfirm={() => void prove({ ...state.options, confirmRetry: true })}
        onCancel={dismiss}
      >
        <p>{state.error.message}</p>
        {state.error.remedy ? <p className="slds-m-top_small">{state.error.remedy}</p> : null}
      </ConfirmDialog>
    );
  }
  if (state.status !== 'refused') return null;
  return (
    <div className="ok-proof-refused" data-proof="refused">
      {state.outcome ? <FailureBox outcome={state.outcome} /> : null}
      <p className="slds-m-vertical_small">{`The old ${what} is still stored.`}</p>
      <button type="button" className="slds-button slds-button_neutral" onClick={() => void prove({ saveAnyway: true })}>
        Save anyway
      </button>
    </div>
  );
}

export interface ProofFooterProps extends ProofFeedbackProps {
  /** The Save button: its id (focus returns there) and its label, e.g. "Test and save token". */
  saveLabel: string;
  onSave: () => void;
  onCancel: () => void;
}

/** The bottom of a proof panel: the feedback, then Cancel and "Test and save …" (busy while testing). */
export function ProofFooter({ saveLabel, onSave, onCancel, ...feedback }: ProofFooterProps) {
  return (
    <>
      <ProofFeedback {...feedback} />
      <div className="ok-form-actions">
        <button type="button" className="slds-button slds-button_neutral" onClick={onCancel}>
          Cancel
        </button>
        <span className="ok-form-actions__spacer" />
        <button
          id={feedback.returnFocusId}
          type="button"
          className="slds-button slds-button_brand"
          aria-disabled={feedback.state.status === 'running' || undefined}
          onClick={onSave}
        >
          {saveLabel}
        </button>
      </div>
    </>
  );
}
