import { useCallback, useId, useState } from 'react';
import type { OrgDetail, OrgSaved, OrgSummary, TestOutcome } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { SecretMask } from '../components/SecretMask';
import { ViewHeading } from '../components/ViewHeading';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { useOrgDetail } from '../hooks/useOrgDetail';
import { useNow } from '../hooks/useNow';
import { useOrgTest } from '../hooks/useOrgTest';
import { call } from '../lib/api';
import { environmentLabel, formatDate, formatTimestamp, loginMethodLabel } from '../lib/format';
import { CANCEL_TEST_ID, ConnectionSection, TEST_BUTTON_ID } from './ConnectionSection';
import { DataLoaderSection } from './dataloader/DataLoaderSection';
import { OrgEditForm } from './OrgEditForm';
import { PasswordPanel } from './secrets/PasswordPanel';
import { CHANGE_PASSWORD_BUTTON_ID, PASTE_TOKEN_BUTTON_ID, SecretActions } from './secrets/SecretActions';
import { PASTE_TOKEN_ID, TokenPanel } from './secrets/TokenPanel';
import { NEW_PASSWORD_ID } from './secrets/PasswordPanel';
import { RevealableSecret } from './secrets/RevealableSecret';
import { TokenAge } from './secrets/TokenAge';
import type { ToastMessage } from '../components/ToastRegion';
import type { ProofResult } from '../../shared/api';
import type { ProofOptions } from '../hooks/useProof';

const EDIT_BUTTON_ID = 'org-edit-button';

export interface OrgDetailViewProps {
  id: string;
  /** The alias known from the list, shown while the detail loads. */
  alias: string;
  onBack: () => void;
  onUpdated: (saved: OrgSaved) => void;
  onRemoved: (org: Pick<OrgSummary, 'id' | 'alias'>) => void;
  /** A connection test finished with a result core kept, so the list can show it. */
  onTested?: (id: string, outcome: TestOutcome) => void;
  /** News for the toast region, e.g. "New token saved". */
  onToast?: (message: ToastMessage) => void;
}

/** One org: what is stored about it (never the secrets themselves), its connection test, and Edit / Remove. */
export function OrgDetailView({ id, alias, onBack, onUpdated, onRemoved, onTested, onToast }: OrgDetailViewProps) {
  const headingId = useId();
  const { detail, reload, applySummary } = useOrgDetail(id);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<AppError | null>(null);
  // Bumped after a save so the heading (whose text may have changed) takes focus again.
  const [savedCount, setSavedCount] = useState(0);
  const requestFocus = useFocusRequest();
  const [panel, setPanel] = useState<'token' | 'password' | null>(null);
  const [resetError, setResetError] = useState<AppError | null>(null);

  const org = detail.org;
  const title = org?.alias ?? alias;

  const outcomeArrived = useCallback(
    (outcome: TestOutcome) => {
      // The result at once; the reload then brings the failure count the lockout guard keeps.
      applySummary({ lastTest: outcome });
      onTested?.(id, outcome);
      void reload();
    },
    [applySummary, onTested, id, reload],
  );
  const { run, test, cancel, dismiss } = useOrgTest(id, outcomeArrived);

  async function startTest(confirmRetry = false) {
    // "Test connection" gives way to "Cancel test" while it runs; focus goes along, and back.
    requestFocus(CANCEL_TEST_ID);
    const next = await test(confirmRetry);
    // The lockout question takes focus itself, and gives it back to the button when it closes.
    if (next.status === 'running' || next.status === 'guarded') return;
    const active = document.activeElement;
    if (!active || active === document.body || active.id === CANCEL_TEST_ID) requestFocus(TEST_BUTTON_ID);
  }

  async function remove() {
    if (!org || removing) return;
    setRemoving(true);
    setRemoveError(null);
    const result = await call((api) => api.orgs.remove({ id: org.id }));
    setRemoving(false);
    if (result.ok) onRemoved({ id: org.id, alias: org.alias });
    else setRemoveError(result.error);
  }

  function openTokenPanel(error: AppError | null = null) {
    setResetError(error);
    setPanel('token');
    requestFocus(PASTE_TOKEN_ID);
  }

  async function resetToken() {
    const result = await call((api) => api.tokens.openResetPage({ id }));
    openTokenPanel(result.ok ? null : result.error);
  }

  function openPasswordPanel() {
    setPanel('password');
    requestFocus(NEW_PASSWORD_ID);
  }

  function closePanel(returnFocusId: string) {
    setPanel(null);
    setResetError(null);
    requestFocus(returnFocusId);
  }

  function proofStored(what: 'token' | 'password', result: ProofResult, options: ProofOptions) {
    const title = what === 'token' ? 'New token saved' : 'New password saved';
    onToast?.({ title: options.saveAnyway ? `${title} without a test` : title, notices: [] });
    if (result.outcome) {
      applySummary({ lastTest: result.outcome });
      onTested?.(id, result.outcome);
    }
    closePanel(what === 'token' ? PASTE_TOKEN_BUTTON_ID : CHANGE_PASSWORD_BUTTON_ID);
    void reload();
  }

  function saved(result: OrgSaved | null) {
    setEditing(false);
    if (result) {
      applySummary(result.org);
      onUpdated(result);
      setSavedCount((count) => count + 1);
      void reload();
    } else {
      requestFocus(EDIT_BUTTON_ID);
    }
  }

  return (
    <section className="ok-view" aria-labelledby={headingId}>
      <button type="button" className="slds-button ok-back" onClick={onBack}>
        <Icon name="chevronleft" className="slds-button__icon slds-button__icon_left" />
        Back to orgs
      </button>
      <div className="ok-view__header">
        <ViewHeading id={headingId} focusKey={savedCount}>
          {title}
        </ViewHeading>
        {org && !editing ? (
          <div className="slds-button-group-row ok-view__actions">
            <button id={EDIT_BUTTON_ID} type="button" className="slds-button slds-button_neutral" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="slds-button slds-button_text-destructive"
              onClick={() => {
                setRemoveError(null);
                setConfirming(true);
              }}
            >
              Remove
            </button>
          </div>
        ) : null}
      </div>

      {detail.status === 'error' ? <ErrorAlert error={detail.error} /> : null}
      {detail.status === 'loading' && !org ? <p className="ok-muted">Loading…</p> : null}

      {org && editing ? (
        <OrgEditForm
          org={org}
          onCancel={() => {
            setEditing(false);
            // Back to where the user started editing from.
            requestFocus(EDIT_BUTTON_ID);
          }}
          onSaved={saved}
        />
      ) : null}
      {org && !editing ? (
        <>
          <OrgFacts org={org} />
          <SecretActions
            id={org.id}
            hasToken={org.secrets.token.present}
            onPasteToken={() => openTokenPanel()}
            onResetToken={() => void resetToken()}
            onChangePassword={openPasswordPanel}
          />
          {panel === 'token' ? (
            <TokenPanel
              org={org}
              resetError={resetError}
              onStored={(result, options) => proofStored('token', result, options)}
              onClose={() => closePanel(PASTE_TOKEN_BUTTON_ID)}
            />
          ) : null}
          {panel === 'password' ? (
            <PasswordPanel
              org={org}
              onStored={(result, options) => proofStored('password', result, options)}
              onClose={() => closePanel(CHANGE_PASSWORD_BUTTON_ID)}
            />
          ) : null}
          <ConnectionSection org={org} run={run} onTest={() => void startTest()} onCancel={cancel} />
          <DataLoaderSection org={org} onChanged={() => void reload()} onToast={onToast} />
        </>
      ) : null}

      {run.status === 'guarded' ? (
        <ConfirmDialog
          title="Test again?"
          confirmLabel="Test anyway"
          returnFocusId={TEST_BUTTON_ID}
          onConfirm={() => void startTest(true)}
          onCancel={dismiss}
        >
          <p>{run.error.message}</p>
          {run.error.remedy ? <p className="slds-m-top_small">{run.error.remedy}</p> : null}
        </ConfirmDialog>
      ) : null}

      {confirming && org ? (
        <ConfirmDialog
          title={`Remove ${org.alias}?`}
          confirmLabel="Remove org"
          busy={removing}
          footerNote={removeError ? <ErrorAlert error={removeError} /> : null}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            OrgKey will delete its password and security token from the system keychain. Tools you set up with
            them keep working until you change them.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** The stored facts as a description list; secrets only as "Stored" and a mask of their length. */
function OrgFacts({ org }: { org: OrgDetail }) {
  const { password, token, clientSecret } = org.secrets;
  const now = useNow();
  return (
    <div className="ok-card">
      <dl className="slds-dl_horizontal ok-summary">
        <dt className="slds-dl_horizontal__label">Username</dt>
        <dd className="slds-dl_horizontal__detail">{org.username}</dd>
        <dt className="slds-dl_horizontal__label">Environment</dt>
        <dd className="slds-dl_horizontal__detail">{environmentLabel(org.environment)}</dd>
        <dt className="slds-dl_horizontal__label">Login URL</dt>
        <dd className="slds-dl_horizontal__detail">{org.loginUrl}</dd>
        <dt className="slds-dl_horizontal__label">Password</dt>
        <dd className="slds-dl_horizontal__detail">
          {password.present ? (
            <>
              <RevealableSecret id={org.id} what="password" length={password.length} />
              {` · set ${formatDate(org.passwordUpdatedAt)}`}
            </>
          ) : (
            'Missing from the keychain'
          )}
        </dd>
        <dt className="slds-dl_horizontal__label">Security token</dt>
        <dd className="slds-dl_horizontal__detail">
          {token.present ? (
            <>
              <RevealableSecret id={org.id} what="token" length={token.length} />
              <TokenAge org={org} now={now} />
            </>
          ) : (
            'Not set — fine on a trusted network'
          )}
        </dd>
        <dt className="slds-dl_horizontal__label">Login method</dt>
        <dd className="slds-dl_horizontal__detail">{loginMethodLabel(org.clientId)}</dd>
        {org.clientId ? (
          <>
            <dt className="slds-dl_horizontal__label">Consumer secret</dt>
            <dd className="slds-dl_horizontal__detail">
              {clientSecret.present ? (
                <>
                  {'Stored '}
                  <SecretMask length={clientSecret.length} />
                </>
              ) : (
                'Missing from the keychain'
              )}
            </dd>
          </>
        ) : null}
        <dt className="slds-dl_horizontal__label">Added</dt>
        <dd className="slds-dl_horizontal__detail">
          <time dateTime={org.createdAt}>{formatTimestamp(org.createdAt)}</time>
        </dd>
        <dt className="slds-dl_horizontal__label">Last changed</dt>
        <dd className="slds-dl_horizontal__detail">
          <time dateTime={org.updatedAt}>{formatTimestamp(org.updatedAt)}</time>
        </dd>
      </dl>
    </div>
  );
}
