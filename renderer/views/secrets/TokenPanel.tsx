import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ProofResult } from '../../../shared/api';
import type { OrgDetail, TokenInspection } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { PasteField } from '../../components/PasteField';
import { useProof, type ProofOptions, type ProofState } from '../../hooks/useProof';
import { call } from '../../lib/api';
import { ProofFooter } from './ProofFeedback';

export const PASTE_TOKEN_ID = 'paste-token';
const SAVE_TOKEN_ID = 'save-token-button';
const INSPECT_DELAY_MS = 250;

type Inspection = { status: 'none' } | { status: 'found'; inspection: TokenInspection } | { status: 'invalid'; message: string };

/** What the pasted text holds, asked of core a moment after typing stops. */
function useTokenInspection(id: string): { inspection: Inspection; inspect: (pasted: string) => void } {
  const [inspection, setInspection] = useState<Inspection>({ status: 'none' });
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(0);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const inspect = useCallback(
    (pasted: string) => {
      window.clearTimeout(timer.current);
      const request = ++latest.current;
      if (!pasted.trim()) {
        setInspection({ status: 'none' });
        return;
      }
      timer.current = window.setTimeout(() => {
        void call((api) => api.tokens.inspect({ id, pasted })).then((result) => {
          if (request !== latest.current) return;
          if (result.ok) setInspection({ status: 'found', inspection: result.value });
          else setInspection({ status: 'invalid', message: result.error.message });
        });
      }, INSPECT_DELAY_MS);
    },
    [id],
  );

  return { inspection, inspect };
}

/** The findings under the paste box: length and masked preview, wrong org, already stored. */
function InspectionNotes({ inspection, username }: { inspection: Inspection; username: string }) {
  if (inspection.status !== 'found') return null;
  const found = inspection.inspection;
  return (
    <>
      <p className="ok-found" data-token-found="">
        {`Found a ${found.length}-character token: `}
        <span className="ok-mono">{found.preview}</span>
      </p>
      {found.wrongOrg ? (
        <div className="slds-notify slds-notify_alert slds-theme_warning ok-alert ok-alert_warning" role="note" data-notice-code="WRONG_ORG">
          <Icon name="warning" className="slds-icon slds-icon_x-small slds-icon-text-default slds-m-right_small ok-alert__icon" />
          <p className="ok-alert__body">
            {`This email is for ${found.mailUsername ?? 'another username'}, not ${username}. It is probably another org’s email.`}
          </p>
        </div>
      ) : null}
      {found.sameAsStored ? (
        <p className="ok-info-text" data-notice-code="SAME_AS_STORED">
          <Icon name="info" className="slds-icon slds-icon_x-small slds-icon-text-default ok-info-text__icon" />
          This is the token already stored.
        </p>
      ) : null}
    </>
  );
}

export interface TokenPasteFieldProps {
  id: string;
  label: string;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  org: Pick<OrgDetail, 'id' | 'username'>;
  /** Core's message about the paste, from the last proof; otherwise what inspecting it found wrong. */
  error: string | undefined;
  /** The panel's proof: a new paste clears a refusal or a message about the old one. */
  proof: { state: ProofState; reset: () => void };
}

/**
 * The box for a pasted token or token email, inspected a moment after typing stops, with what was
 * found in it underneath (length and masked preview, another user's email, the stored token).
 */
export function TokenPasteField({ id, label, inputRef, org, error, proof }: TokenPasteFieldProps) {
  const { inspection, inspect } = useTokenInspection(org.id);
  return (
    <PasteField
      id={id}
      field="pasted"
      label={label}
      inputRef={inputRef}
      error={error ?? (inspection.status === 'invalid' ? inspection.message : undefined)}
      status={<InspectionNotes inspection={inspection} username={org.username} />}
      onChange={(value) => {
        if (proof.state.status === 'refused' || proof.state.status === 'field') proof.reset();
        inspect(value);
      }}
    />
  );
}

export interface TokenPanelProps {
  org: OrgDetail;
  /** Opening the reset page failed (e.g. URL_NOT_ALLOWED): pasting still works. */
  resetError: AppError | null;
  onStored: (result: ProofResult, options: ProofOptions) => void;
  onClose: () => void;
}

/** "New security token": how to get one, the paste box, and "prove, then store". */
export function TokenPanel({ org, resetError, onStored, onClose }: TokenPanelProps) {
  const pasteRef = useRef<HTMLTextAreaElement>(null);
  const attempt = useCallback(
    (options: ProofOptions) => call((api) => api.tokens.replace({ id: org.id, pasted: pasteRef.current?.value ?? '', ...options })),
    [org.id],
  );
  const { state, prove, reset } = useProof(attempt, onStored);

  // A message from core for the paste goes under the box, and focus goes there to read it.
  useEffect(() => {
    if (state.status === 'field') pasteRef.current?.focus();
  }, [state]);

  return (
    <section className="ok-card ok-secret-panel" aria-labelledby="token-panel-heading">
      <h2 id="token-panel-heading" className="slds-text-heading_medium slds-m-bottom_small">
        New security token
      </h2>
      {resetError ? <ErrorAlert error={resetError} /> : null}
      <ol className="slds-list_ordered slds-m-bottom_medium">
        <li>In Salesforce, click your avatar, then Settings.</li>
        <li>Open Reset My Security Token and click Reset Security Token.</li>
        <li>Check your email for the new token.</li>
        <li>Paste the token, or the whole email, here.</li>
      </ol>
      <TokenPasteField
        id={PASTE_TOKEN_ID}
        label="Paste the token or the whole email"
        inputRef={pasteRef}
        org={org}
        error={state.status === 'field' ? state.error.message : undefined}
        proof={{ state, reset }}
      />
      <ProofFooter
        state={state}
        what="token"
        returnFocusId={SAVE_TOKEN_ID}
        prove={prove}
        dismiss={reset}
        saveLabel="Test and save token"
        onSave={() => void prove()}
        onCancel={onClose}
      />
    </section>
  );
}
