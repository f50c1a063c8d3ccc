import { useState } from 'react';
import { AUTH_METHODS, type AuthMethod, type OrgDetail, type OrgSaved } from '../../shared/domain';
import { LOGIN_METHODS } from '../../shared/login-methods';
import type { AppError } from '../../shared/result';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { call } from '../lib/api';
import { formatTimestamp, secretsText } from '../lib/format';
import { orgStore } from '../store/useOrgs';

export const DELETE_OLD_SECRETS_ID = 'delete-old-secrets-button';
export const switchButtonId = (auth: AuthMethod) => `switch-to-${auth}-button`;

export interface LoginMethodSectionProps {
  org: OrgDetail;
  /** Open the edit form on this method. */
  onSwitchTo: (auth: AuthMethod) => void;
  onForgotten: (saved: OrgSaved) => void;
}

/**
 * How the org logs in, and the way to any other method: **Switch to …** opens *Edit* on it. After a
 * switch the old method's secrets stay in the keychain until a test proves the new one; then
 * **Delete old secrets** (asked first) removes them.
 */
export function LoginMethodSection({ org, onSwitchTo, onForgotten }: LoginMethodSectionProps) {
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const previous = org.previousSecrets;
  // Back to a password needs one in the keychain: OrgKey never asks for it in Edit.
  const targets = AUTH_METHODS.filter((auth) => auth !== org.auth && (auth !== 'password' || org.secrets.password.present));

  async function forget() {
    if (deleting) return;
    setDeleting(true);
    setError(null);
    const result = await call((api) => api.orgs.forgetPreviousSecrets({ id: org.id }));
    setDeleting(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setConfirming(false);
    orgStore.saved(result.value.org);
    void orgStore.loadOrg(org.id);
    onForgotten(result.value);
  }

  return (
    <section className="ok-card" aria-labelledby="login-method-heading" data-auth={org.auth}>
      <h2 id="login-method-heading" className="slds-text-heading_medium slds-m-bottom_small">
        Login method
      </h2>
      <p className="slds-m-bottom_small">{`Logs in with ${LOGIN_METHODS[org.auth].label}.`}</p>
      {previous ? (
        <div className="ok-info-text" data-previous-secrets={previous.provedAt ? 'proved' : 'kept'}>
          <Icon name="info" className="slds-icon slds-icon_x-small slds-icon-text-default ok-info-text__icon" />
          <span>
            {previous.provedAt
              ? `Switched from ${LOGIN_METHODS[previous.auth].label}; a test proved ${LOGIN_METHODS[org.auth].label} on ${formatTimestamp(previous.provedAt)}. OrgKey still keeps ${secretsText(previous.kinds)} of the old method in the keychain: delete them when nothing needs them.`
              : `Switched from ${LOGIN_METHODS[previous.auth].label}: previous secrets kept until the new method is proved. OrgKey keeps ${secretsText(previous.kinds)} in the keychain until a test with ${LOGIN_METHODS[org.auth].label} works.`}
          </span>
        </div>
      ) : null}
      <div className="ok-copy__buttons">
        {previous?.provedAt ? (
          <button
            id={DELETE_OLD_SECRETS_ID}
            type="button"
            className="slds-button slds-button_text-destructive"
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            Delete old secrets
          </button>
        ) : null}
        {targets.map((auth) => (
          <button key={auth} id={switchButtonId(auth)} type="button" className="slds-button slds-button_neutral" onClick={() => onSwitchTo(auth)}>
            {`Switch to ${LOGIN_METHODS[auth].label}`}
          </button>
        ))}
      </div>
      {confirming && previous ? (
        <ConfirmDialog
          title="Delete the old secrets?"
          confirmLabel="Delete old secrets"
          busy={deleting}
          returnFocusId={switchButtonId(targets[0] ?? 'browser')}
          footerNote={error ? <ErrorAlert error={error} /> : null}
          onConfirm={() => void forget()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {`OrgKey will delete ${secretsText(previous.kinds)} from the system keychain${previous.kinds.includes('refreshToken') ? ', revoking the browser sign-in at Salesforce first' : ''}: they were kept from ${LOGIN_METHODS[previous.auth].label}. Switching back to it then needs the org set up again.`}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
