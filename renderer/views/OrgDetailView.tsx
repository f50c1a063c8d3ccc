import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { AuthMethod, OrgDetail, OrgSaved, OrgSummary, SignedIn } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { LoginBadge } from '../components/LoginBadge';
import { SecretMask } from '../components/SecretMask';
import { ViewHeading } from '../components/ViewHeading';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { useNow } from '../hooks/useNow';
import { useOrgTest } from '../hooks/useOrgTest';
import { useSignIn } from '../hooks/useSignIn';
import { call } from '../lib/api';
import { environmentLabel, formatDate, formatTimestamp, loginMethodLabel, orgKindText } from '../lib/format';
import { OrgSwatch } from '../components/OrgSwatch';
import { orgColorLabel, textColorOn } from '../../shared/org-colors';
import { inputIdOf, type OrgFormValues } from '../lib/orgForm';
import { METHODS_FOR, readinessOf } from '../lib/readiness';
import { loginMethodOf } from '../../shared/login-methods';
import { orgStore, useOrgDetail } from '../store/useOrgs';
import { BrowserLoginSection, CANCEL_SIGN_IN_ID, SIGN_IN_BUTTON_ID } from './BrowserLoginSection';
import { CANCEL_TEST_ID, ConnectionSection, FAILURE_SIGN_IN_ID, TEST_BUTTON_ID } from './ConnectionSection';
import { DataLoaderSection } from './dataloader/DataLoaderSection';
import { AccessTokenSection } from './AccessTokenSection';
import { OpenInBrowserSection } from './OpenInBrowserSection';
import { PasswordUserSection } from './PasswordUserSection';
import { AuditSection } from './AuditSection';
import { CheckHistorySection } from './CheckHistorySection';
import { LoginMethodSection } from './LoginMethodSection';
import { CertificateSection } from './CertificateSection';
import { RefreshAttentionNote, SandboxRefreshBanner } from './SandboxRefreshBanner';
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
const SET_UP_IDS: Record<AuthMethod, string> = {
  password: 'set-up-password-button',
  browser: 'set-up-browser-login-button',
  'client-credentials': 'set-up-client-credentials-button',
  jwt: 'set-up-jwt-button',
};
const SET_UP_LABELS: Record<AuthMethod, string> = {
  password: 'Set up password login',
  browser: 'Set up browser login',
  'client-credentials': 'Set up client credentials',
  jwt: 'Set up JWT bearer',
};

export interface OrgDetailViewProps {
  id: string;
  /** The alias known from the list, shown while the detail loads. */
  alias: string;
  onBack: () => void;
  onUpdated: (saved: OrgSaved) => void;
  onRemoved: (org: Pick<OrgSummary, 'id' | 'alias'>) => void;
  /** News for the toast region, e.g. "New token saved". */
  onToast?: (message: ToastMessage) => void;
  /** A browser-login org just added: put focus on "Sign in with browser" once it is on screen. */
  offerSignIn?: boolean;
  /** Open *Add org* with these values (an audit's login to move to another method). */
  onAddOrg?: (initial: Partial<OrgFormValues>) => void;
}

/**
 * One org: what is stored about it (never the secrets themselves), its connection test, and Edit /
 * Remove. The org is the store's (store/orgs.ts), the list's very copy: what changes here shows there.
 */
export function OrgDetailView({ id, alias, onBack, onUpdated, onRemoved, onToast, offerSignIn = false, onAddOrg }: OrgDetailViewProps) {
  const headingId = useId();
  const detail = useOrgDetail(id);
  // null: not editing; otherwise the login method the form opens on (undefined: the org's own).
  const [editing, setEditingState] = useState<{ auth?: AuthMethod } | null>(null);
  const setEditing = (open: boolean) => setEditingState(open ? {} : null);
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

  const signedIn = useCallback((result: SignedIn) => onToast?.({ title: `Signed in as ${result.username}`, notices: [] }), [onToast]);
  const { run: signInRun, signIn, cancel: cancelSignIn } = useSignIn(id, signedIn);

  // A browser org just added (or just switched to browser login): its next step is to sign in.
  const [signInOffered, setSignInOffered] = useState(offerSignIn);
  const offered = useRef(false);
  useEffect(() => {
    if (!signInOffered || offered.current || !org || org.auth !== 'browser' || editing) return;
    offered.current = true;
    requestFocus(SIGN_IN_BUTTON_ID);
  }, [signInOffered, org, editing, requestFocus]);

  async function startSignIn(from: string = SIGN_IN_BUTTON_ID) {
    // "Sign in with browser" gives way to "Cancel sign-in" while OrgKey waits; focus goes along, and back.
    requestFocus(CANCEL_SIGN_IN_ID);
    await signIn();
    const active = document.activeElement;
    if (!active || active === document.body || active.id === CANCEL_SIGN_IN_ID) requestFocus(document.getElementById(from) ? from : SIGN_IN_BUTTON_ID);
  }

  function signedOut(revoked: boolean) {
    onToast?.(
      revoked
        ? { title: 'Signed out: the sign-in was revoked at Salesforce', notices: [] }
        : { title: 'Signed out here; Salesforce did not confirm the revocation, so the grant ends by the app’s refresh-token policy', notices: [], tone: 'info' },
    );
    requestFocus(SIGN_IN_BUTTON_ID);
  }

  /** "Set up browser login", "Switch to …": the edit form on that method, focus on its first field of its own. */
  function switchTo(auth: AuthMethod) {
    setEditingState({ auth });
    requestFocus(inputIdOf(auth === 'client-credentials' && org?.environment !== 'custom' ? 'environment' : 'clientId', org?.environment, auth));
  }
  const setUpBrowserLogin = () => switchTo('browser');

  const { run, test, cancel, dismiss } = useOrgTest(id);

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
    if (result.ok) {
      // Away first, so this view never shows the org gone from under it.
      onRemoved({ id: org.id, alias: org.alias });
      orgStore.removed(org.id);
    } else setRemoveError(result.error);
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
    orgStore.proved(id, result);
    closePanel(what === 'token' ? PASTE_TOKEN_BUTTON_ID : CHANGE_PASSWORD_BUTTON_ID);
  }

  function saved(result: OrgSaved | null) {
    setEditing(false);
    if (result) {
      // Switched to browser login: offer the sign-in, as after adding a browser org.
      if (result.org.auth === 'browser' && org?.auth !== 'browser') {
        offered.current = false;
        setSignInOffered(true);
      }
      onUpdated(result);
      setSavedCount((count) => count + 1);
      // The edit may have changed which secrets are kept (a new consumer secret, a switch of login).
      void orgStore.loadOrg(id);
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
      {org ? <OrgBand org={org} /> : null}
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
          {...(editing.auth ? { initialAuth: editing.auth } : {})}
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
          <SandboxRefreshBanner
            org={org}
            onConfirmed={() => {
              onToast?.({ title: 'Sandbox refresh confirmed: OrgKey keeps the new org id', notices: [] });
              requestFocus(EDIT_BUTTON_ID);
            }}
          />
          <OrgFacts org={org} onSwitchTo={switchTo} />
          {org.auth === 'client-credentials' ? <RefreshAttentionNote org={org} kind="credentials" /> : null}
          {org.auth === 'jwt' ? <CertificateSection org={org} /> : null}
          {org.auth === 'browser' ? (
            <BrowserLoginSection
              org={org}
              run={signInRun}
              onSignIn={() => void startSignIn()}
              onCancel={cancelSignIn}
              onSignedOut={signedOut}
            />
          ) : loginMethodOf(org).usesPassword ? (
            // Password, token, copy for Tableau, reveal: only an org that logs in with a password keeps these.
            <SecretActions
              id={org.id}
              hasToken={org.secrets.token.present}
              onPasteToken={() => openTokenPanel()}
              onResetToken={() => void resetToken()}
              onChangePassword={openPasswordPanel}
            />
          ) : null}
          {panel === 'token' && org.auth === 'password' ? (
            <TokenPanel
              org={org}
              resetError={resetError}
              onStored={(result, options) => proofStored('token', result, options)}
              onClose={() => closePanel(PASTE_TOKEN_BUTTON_ID)}
            />
          ) : null}
          {panel === 'password' && org.auth === 'password' ? (
            <PasswordPanel
              org={org}
              onStored={(result, options) => proofStored('password', result, options)}
              onClose={() => closePanel(CHANGE_PASSWORD_BUTTON_ID)}
            />
          ) : null}
          <ConnectionSection
            org={org}
            run={run}
            onTest={() => void startTest()}
            onCancel={cancel}
            onSignIn={() => void startSignIn(FAILURE_SIGN_IN_ID)}
            signingIn={signInRun.status === 'starting' || signInRun.status === 'waiting'}
            onSetUpBrowserLogin={setUpBrowserLogin}
          />
          <PasswordUserSection org={org} />
          <LoginMethodSection
            org={org}
            onSwitchTo={switchTo}
            onForgotten={() => onToast?.({ title: 'Old secrets deleted from the keychain', notices: [] })}
          />
          <OpenInBrowserSection org={org} />
          <AccessTokenSection org={org} />
          <DataLoaderSection org={org} onToast={onToast} />
          <AuditSection
            org={org}
            onSwitchTo={switchTo}
            onAddOrg={(auth, username) =>
              // The same org (its login host), on that method; a client-credentials app logs in as its Run As user, so no username.
              onAddOrg?.({ auth, environment: org.environment, customUrl: org.environment === 'custom' ? org.loginUrl : '', username: auth === 'client-credentials' ? '' : username })
            }
          />
          <CheckHistorySection org={org} />
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
          {org.auth === 'browser' ? (
            <p>
              OrgKey will revoke its browser sign-in at Salesforce and delete the refresh token
              {org.secrets.password.present ? ', the password it kept and the security token' : ''} from the system keychain.
            </p>
          ) : (
            <p>
              OrgKey will delete its password and security token from the system keychain. Tools you set up with
              them keep working until you change them.
            </p>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/**
 * The org's colour as a band along the top of its page, with its kind in words on it (the colour
 * is never the only sign) and its group. Colours go through the CSSOM, which the CSP permits.
 */
function OrgBand({ org }: { org: OrgDetail }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.style.setProperty('background-color', org.color);
    ref.current?.style.setProperty('color', textColorOn(org.color));
  }, [org.color]);
  return (
    <div ref={ref} className="ok-org-band" data-color={org.color} data-color-default={org.colorIsDefault}>
      <span className="ok-org-band__kind">{orgKindText(org)}</span>
      {org.group ? <span className="ok-org-band__group">{org.group}</span> : null}
    </div>
  );
}

/** The stored facts as a description list; secrets only as "Stored" and a mask of their length. */
function OrgFacts({ org, onSwitchTo }: { org: OrgDetail; onSwitchTo: (auth: AuthMethod) => void }) {
  const { password, token, clientSecret } = org.secrets;
  const now = useNow();
  const method = loginMethodOf(org);
  const readiness = readinessOf(org, now);
  return (
    <div className="ok-card">
      <dl className="slds-dl_horizontal ok-summary">
        <dt className="slds-dl_horizontal__label">{method.usernameFrom === 'test' ? 'Runs as' : 'Username'}</dt>
        <dd className="slds-dl_horizontal__detail" data-username-from={method.usernameFrom}>
          {org.username || (method.usernameFrom === 'test' ? 'Not known yet: a test shows the app’s Run As user' : 'Not known yet: whoever signs in')}
        </dd>
        <dt className="slds-dl_horizontal__label">Environment</dt>
        <dd className="slds-dl_horizontal__detail">{environmentLabel(org.environment)}</dd>
        <dt className="slds-dl_horizontal__label">Login URL</dt>
        <dd className="slds-dl_horizontal__detail">{org.loginUrl}</dd>
        <dt className="slds-dl_horizontal__label">Group</dt>
        <dd className="slds-dl_horizontal__detail" data-org-group={org.group ?? ''}>
          {org.group ?? 'None'}
        </dd>
        <dt className="slds-dl_horizontal__label">Colour</dt>
        <dd className="slds-dl_horizontal__detail" data-org-color={org.color}>
          <span className="ok-color-option">
            <OrgSwatch color={org.color} />
            {org.colorIsDefault ? `Default (${orgColorLabel(org.color)})` : orgColorLabel(org.color)}
          </span>
        </dd>
        {!method.usesPassword ? null : (
          <>
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
          </>
        )}
        <dt className="slds-dl_horizontal__label">Login method</dt>
        <dd className="slds-dl_horizontal__detail">{loginMethodLabel(org.auth, org.clientId)}</dd>
        {org.clientId && method.needs.clientSecret !== 'optional' && method.needs.clientSecret !== 'no' ? (
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
        <dt className="slds-dl_horizontal__label">Login retirement</dt>
        <dd className="slds-dl_horizontal__detail" data-readiness={readiness.readiness} data-flow={readiness.retirement.flow}>
          <LoginBadge readiness={readiness} />
          <p className="ok-readiness-note">{readiness.sentence}</p>
          {readiness.affected ? (
            <div className="ok-readiness-note" data-fit={readiness.fit}>
              {METHODS_FOR[readiness.fit].map((auth) => (
                <button key={auth} id={SET_UP_IDS[auth]} type="button" className="slds-button slds-button_neutral" onClick={() => onSwitchTo(auth)}>
                  {SET_UP_LABELS[auth]}
                </button>
              ))}
            </div>
          ) : null}
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
