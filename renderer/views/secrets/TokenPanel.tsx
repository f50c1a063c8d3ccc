import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProofResult } from '../../../shared/api';
import type { OrgDetail, TokenInspection } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { PasteField } from '../../components/PasteField';
import { useProof, type ProofOptions } from '../../hooks/useProof';
import { call } from '../../lib/api';
import { ProofFeedback } from './ProofFeedback';

export const PASTE_TOKEN_ID = 'paste-token';
const SAVE_TOKEN_ID = 'save-token-button';
const INSPECT_DELAY_MS = 250;

type Inspection = { status: 'none' } | { status: 'found'; inspection: TokenInspection } | { status: 'invalid'; message: string };

/** What the pasted text holds, asked of core a moment after typing stops. */
export function useTokenInspection(id: string): { inspection: Inspection; inspect: (pasted: string) => void } {
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
export function InspectionNotes({ inspection, username }: { inspection: Inspection; username: string }) {
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
  const { inspection, inspect } = useTokenInspection(org.id);
  const attempt = useCallback(
    (options: ProofOptions) => call((api) => api.tokens.replace({ id: org.id, pasted: pasteRef.current?.value ?? '', ...options })),
    [org.id],
  );
  const { state, prove, reset } = useProof(attempt, onStored);

  // A message from core for the paste goes under the box, and focus goes there to read it.
  const fieldError = state.status === 'field' ? state.error.message : inspection.status === 'invalid' ? inspection.message : undefined;
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
      <PasteField
        id={PASTE_TOKEN_ID}
        field="pasted"
        label="Paste the token or the whole email"
        inputRef={pasteRef}
        error={fieldError}
        status={<InspectionNotes inspection={inspection} username={org.username} />}
        onChange={(value) => {
          if (state.status === 'refused' || state.status === 'field') reset();
          inspect(value);
        }}
      />
      <ProofFeedback state={state} what="token" returnFocusId={SAVE_TOKEN_ID} prove={prove} dismiss={reset} />
      <div className="ok-form-actions">
        <button type="button" className="slds-button slds-button_neutral" onClick={onClose}>
          Cancel
        </button>
        <span className="ok-form-actions__spacer" />
        <button
          id={SAVE_TOKEN_ID}
          type="button"
          className="slds-button slds-button_brand"
          aria-disabled={state.status === 'running' || undefined}
          onClick={() => void prove()}
        >
          Test and save token
        </button>
      </div>
    </section>
  );
}
