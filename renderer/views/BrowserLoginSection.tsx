import { useState } from 'react';
import { callbackPortFor, callbackUrlFor, type OrgDetail } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyableText } from '../components/CopyableText';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { SecretMask } from '../components/SecretMask';
import { InlineSpinner } from '../components/Spinner';
import type { SignInRun } from '../hooks/useSignIn';
import { orgStore } from '../store/useOrgs';
import { call } from '../lib/api';
import { formatTimestamp, tailOf } from '../lib/format';
import { RefreshAttentionNote } from './SandboxRefreshBanner';

export const SIGN_IN_BUTTON_ID = 'sign-in-button';
export const CANCEL_SIGN_IN_ID = 'cancel-sign-in-button';
export const SIGN_OUT_BUTTON_ID = 'sign-out-button';
const AUTHORIZE_URL_ID = 'authorize-url';

export interface BrowserLoginSectionProps {
  org: OrgDetail;
  run: SignInRun;
  onSignIn: () => void;
  onCancel: () => void;
  /** Signed out: `revoked` says whether Salesforce confirmed the revocation. */
  onSignedOut: (revoked: boolean) => void;
}

/**
 * A browser-login org's sign-in: who is signed in and since when, "Sign in with browser" (with
 * the address to open by hand and Cancel while OrgKey waits), and "Sign out", which revokes the
 * refresh token at Salesforce. Errors show their message and remedy here, next to the buttons.
 */
export function BrowserLoginSection({ org, run, onSignIn, onCancel, onSignedOut }: BrowserLoginSectionProps) {
  const [confirming, setConfirming] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<AppError | null>(null);
  const busy = run.status === 'starting' || run.status === 'waiting';
  // Just signed in: the detail's reload (with the refresh token's presence) may still be on its way.
  const signedIn = !!org.signedInAt && (org.secrets.refreshToken.present || run.status === 'signed-in');
  const callbackUrl = callbackUrlFor(callbackPortFor(org));

  async function signOut() {
    if (signingOut) return;
    setSigningOut(true);
    setSignOutError(null);
    const result = await call((api) => api.signIn.signOut({ id: org.id }));
    setSigningOut(false);
    if (!result.ok) {
      setSignOutError(result.error);
      return;
    }
    setConfirming(false);
    orgStore.signedOut(org.id);
    onSignedOut(result.value.revoked);
  }

  return (
    <section className="ok-card ok-browser-login" aria-labelledby="browser-login-heading" data-signed-in={signedIn ? 'true' : 'false'}>
      <div className="ok-section__header">
        <h2 id="browser-login-heading" className="slds-text-heading_medium">
          Browser login
        </h2>
        <div className="ok-section__actions">
          {busy ? (
            <button id={CANCEL_SIGN_IN_ID} type="button" className="slds-button slds-button_neutral" onClick={onCancel}>
              Cancel sign-in
            </button>
          ) : (
            <>
              {signedIn ? (
                <button
                  id={SIGN_OUT_BUTTON_ID}
                  type="button"
                  className="slds-button slds-button_text-destructive"
                  onClick={() => {
                    setSignOutError(null);
                    setConfirming(true);
                  }}
                >
                  Sign out
                </button>
              ) : null}
              <button id={SIGN_IN_BUTTON_ID} type="button" className={signedIn ? 'slds-button slds-button_neutral' : 'slds-button slds-button_brand'} onClick={onSignIn}>
                Sign in with browser
              </button>
            </>
          )}
        </div>
      </div>

      <p className="slds-m-bottom_small" data-sign-in-state={signedIn ? 'signed-in' : 'signed-out'}>
        {signedIn ? (
          <>
            {'Signed in as '}
            <strong>{org.username}</strong>
            {' since '}
            <time dateTime={org.signedInAt}>{formatTimestamp(org.signedInAt!)}</time>
          </>
        ) : org.signedInAt ? (
          'Not signed in: the refresh token is missing from the keychain. Sign in again.'
        ) : (
          'Not signed in. Sign in with the browser so OrgKey can log in to this org.'
        )}
      </p>

      <RefreshAttentionNote org={org} kind="sign-in" />
      <div aria-live="polite">
        {busy ? <SignInWait run={run} /> : null}
        {run.status === 'cancelled' ? (
          <p className="ok-info-text" data-sign-in-cancelled="">
            <Icon name="info" className="slds-icon slds-icon_x-small slds-icon-text-default ok-info-text__icon" />
            {`${run.error.message} ${run.error.remedy ?? ''}`.trim()}
          </p>
        ) : null}
      </div>
      {run.status === 'error' ? (
        <ErrorAlert error={run.error}>
          {run.error.details?.length ? (
            <ul className="ok-alert__remedy">
              {run.error.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          ) : null}
        </ErrorAlert>
      ) : null}

      <dl className="slds-dl_horizontal ok-summary ok-facts">
        <dt className="slds-dl_horizontal__label">Consumer key</dt>
        <dd className="slds-dl_horizontal__detail">{org.clientId ? tailOf(org.clientId) : 'Missing: edit the org'}</dd>
        <dt className="slds-dl_horizontal__label">Consumer secret</dt>
        <dd className="slds-dl_horizontal__detail">
          {org.secrets.clientSecret.present ? (
            <>
              {'Stored '}
              <SecretMask length={org.secrets.clientSecret.length} />
            </>
          ) : (
            'None (needed only if the app requires a secret for the web server or refresh token flow)'
          )}
        </dd>
      </dl>
      <CopyableText
        id="detail-callback-url"
        label="Callback URL (register it in the app)"
        copyName="Copy the callback URL"
        value={callbackUrl}
      />

      {confirming ? (
        <ConfirmDialog
          title={`Sign out of ${org.alias}?`}
          confirmLabel="Sign out"
          busy={signingOut}
          returnFocusId={SIGN_IN_BUTTON_ID}
          footerNote={signOutError ? <ErrorAlert error={signOutError} /> : null}
          onConfirm={() => void signOut()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            OrgKey will revoke this sign-in at Salesforce and delete its refresh token from the keychain. Tests of this org
            fail until someone signs in again.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** While OrgKey waits: the address to open by hand, and what a redirect_uri_mismatch means. */
function SignInWait({ run }: { run: SignInRun }) {
  const start = run.status === 'waiting' ? run.start : null;
  return (
    <div className="ok-sign-in-wait" data-sign-in-waiting="">
      <p className="ok-sign-in-wait__title">
        <InlineSpinner />
        {start ? 'Waiting for the browser…' : 'Opening the browser…'}
      </p>
      {start ? (
        <>
          <CopyableText
            id={AUTHORIZE_URL_ID}
            label={start.opened ? 'If the browser did not open, open this address' : 'OrgKey could not open the browser: open this address in it'}
            copyName="Copy the sign-in address"
            value={start.authorizeUrl}
            hint="Sign in there and choose Allow; OrgKey continues by itself. It stops waiting after 5 minutes."
          />
          <p className="ok-hint">
            {`If Salesforce says “redirect_uri_mismatch”, the app does not have OrgKey’s callback URL: add ${start.callbackUrl} to its callback URLs, then sign in again.`}
          </p>
        </>
      ) : null}
    </div>
  );
}
