import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProofResult } from '../../../shared/api';
import type { OrgDetail } from '../../../shared/domain';
import { TextField } from '../../components/TextField';
import { useProof, type ProofOptions } from '../../hooks/useProof';
import { call } from '../../lib/api';
import { inputIdOf } from '../../lib/orgForm';
import { ProofFooter } from './ProofFeedback';
import { TokenPasteField } from './TokenPanel';

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

  const attempt = useCallback((options: ProofOptions) => {
    const pasted = pasteRef.current?.value ?? '';
    return call((api) =>
      api.tokens.changePassword({ id: org.id, password: password.current, ...(pasted.trim() ? { pasted } : {}), ...options }),
    );
  }, [org.id]);
  const { state, prove, reset } = useProof(attempt, onStored);

  const fieldError = state.status === 'field' ? state.error : null;
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
      <TokenPasteField
        id={PASTE_ID}
        label="Paste the new token email (optional)"
        inputRef={pasteRef}
        org={org}
        error={fieldError?.field === 'pasted' ? fieldError.message : undefined}
        proof={{ state, reset }}
      />
      <ProofFooter
        state={state}
        what="password"
        returnFocusId={SAVE_PASSWORD_ID}
        prove={prove}
        dismiss={reset}
        saveLabel="Test and save password"
        onSave={submit}
        onCancel={onClose}
      />
    </section>
  );
}
