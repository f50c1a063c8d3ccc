import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProofResult } from '../../../shared/api';
import type { OrgDetail } from '../../../shared/domain';
import { PasteField } from '../../components/PasteField';
import { TextField } from '../../components/TextField';
import { useProof, type ProofOptions } from '../../hooks/useProof';
import { call } from '../../lib/api';
import { inputIdOf } from '../../lib/orgForm';
import { ProofFeedback } from './ProofFeedback';
import { InspectionNotes, useTokenInspection } from './TokenPanel';

export const NEW_PASSWORD_ID = inputIdOf('password');
const PASTE_ID = 'paste-password-token';
const SAVE_PASSWORD_ID = 'save-password-button';

export interface PasswordPanelProps {
  org: OrgDetail;
  onStored: (result: ProofResult, options: ProofOptions) => void;
  onClose: () => void;
}

/** "New password": the new password, optionally the new token email, proven together. */
export function PasswordPanel({ org, onStored, onClose }: PasswordPanelProps) {
  // Kept in a ref and in the uncontrolled input only, never in React's HTML.
  const password = useRef('');
  const [passwordError, setPasswordError] = useState<string | undefined>(undefined);
  const pasteRef = useRef<HTMLTextAreaElement>(null);
  const { inspection, inspect } = useTokenInspection(org.id);

  const attempt = useCallback((options: ProofOptions) => {
    const pasted = pasteRef.current?.value ?? '';
    return call((api) =>
      api.tokens.changePassword({ id: org.id, password: password.current, ...(pasted.trim() ? { pasted } : {}), ...options }),
    );
  }, [org.id]);
  const { state, prove, reset } = useProof(attempt, onStored);

  const fieldError = state.status === 'field' ? state.error : null;
  const pasteError =
    fieldError?.field === 'pasted' ? fieldError.message : inspection.status === 'invalid' ? inspection.message : undefined;
  const shownPasswordError = fieldError?.field === 'password' ? fieldError.message : passwordError;
  useEffect(() => {
    if (fieldError?.field === 'password') document.getElementById(NEW_PASSWORD_ID)?.focus();
    else if (fieldError?.field === 'pasted') pasteRef.current?.focus();
  }, [fieldError]);

  function submit() {
    if (!password.current) {
      setPasswordError('Enter the new password.');
      document.getElementById(NEW_PASSWORD_ID)?.focus();
      return;
    }
    setPasswordError(undefined);
    void prove();
  }

  return (
    // Named apart from its heading, so "New password" labels only the field.
    <section className="ok-card ok-secret-panel" aria-label="Change password">
      <h2 id="password-panel-heading" className="slds-text-heading_medium slds-m-bottom_small">
        New password
      </h2>
      <p className="slds-m-bottom_medium">
        After a password change, Salesforce emails a new security token and the old one stops working. Paste that email
        below to prove and store both together, or leave it empty if this org needs no token.
      </p>
      <TextField
        field="password"
        label="New password"
        type="password"
        value=""
        error={shownPasswordError}
        onChange={(value) => {
          password.current = value;
          setPasswordError(undefined);
          if (state.status === 'refused' || state.status === 'field') reset();
        }}
      />
      <PasteField
        id={PASTE_ID}
        field="pasted"
        label="Paste the new token email (optional)"
        inputRef={pasteRef}
        error={pasteError}
        status={<InspectionNotes inspection={inspection} username={org.username} />}
        onChange={(value) => {
          if (state.status === 'refused' || state.status === 'field') reset();
          inspect(value);
        }}
      />
      <ProofFeedback state={state} what="password" returnFocusId={SAVE_PASSWORD_ID} prove={prove} dismiss={reset} />
      <div className="ok-form-actions">
        <button type="button" className="slds-button slds-button_neutral" onClick={onClose}>
          Cancel
        </button>
        <span className="ok-form-actions__spacer" />
        <button
          id={SAVE_PASSWORD_ID}
          type="button"
          className="slds-button slds-button_brand"
          aria-disabled={state.status === 'running' || undefined}
          onClick={submit}
        >
          Test and save password
        </button>
      </div>
    </section>
  );
}
