import { useId, useState } from 'react';
import type { OrgDetail, OrgSaved, OrgSummary } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { SecretMask } from '../components/SecretMask';
import { ViewHeading } from '../components/ViewHeading';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { useOrgDetail } from '../hooks/useOrgDetail';
import { call } from '../lib/api';
import { environmentLabel, formatTimestamp } from '../lib/format';
import { OrgEditForm } from './OrgEditForm';

const EDIT_BUTTON_ID = 'org-edit-button';

export interface OrgDetailViewProps {
  id: string;
  /** The alias known from the list, shown while the detail loads. */
  alias: string;
  onBack: () => void;
  onUpdated: (saved: OrgSaved) => void;
  onRemoved: (org: Pick<OrgSummary, 'id' | 'alias'>) => void;
}

/** One org: what is stored about it (never the secrets themselves), and Edit / Remove. */
export function OrgDetailView({ id, alias, onBack, onUpdated, onRemoved }: OrgDetailViewProps) {
  const headingId = useId();
  const { detail, reload, applySummary } = useOrgDetail(id);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<AppError | null>(null);
  // Bumped after a save so the heading (whose text may have changed) takes focus again.
  const [savedCount, setSavedCount] = useState(0);
  const requestFocus = useFocusRequest();

  const org = detail.org;
  const title = org?.alias ?? alias;

  async function remove() {
    if (!org || removing) return;
    setRemoving(true);
    setRemoveError(null);
    const result = await call((api) => api.orgs.remove({ id: org.id }));
    setRemoving(false);
    if (result.ok) onRemoved({ id: org.id, alias: org.alias });
    else setRemoveError(result.error);
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
      {org && !editing ? <OrgFacts org={org} /> : null}

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
  const { password, token } = org.secrets;
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
              {'Stored '}
              <SecretMask length={password.length} />
            </>
          ) : (
            'Missing from the keychain'
          )}
        </dd>
        <dt className="slds-dl_horizontal__label">Security token</dt>
        <dd className="slds-dl_horizontal__detail">
          {token.present ? (
            <>
              {'Stored '}
              <SecretMask length={token.length} />
            </>
          ) : (
            'Not set — fine on a trusted network'
          )}
        </dd>
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
