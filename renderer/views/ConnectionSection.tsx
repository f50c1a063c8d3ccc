import type { ReactNode } from 'react';
import type { OrgDetail, TestOutcome } from '../../shared/domain';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { InlineSpinner } from '../components/Spinner';
import type { OrgTestRun } from '../hooks/useOrgTest';
import { formatNumber, formatTimestamp } from '../lib/format';
import { viaLabel } from '../lib/testStatus';

export const TEST_BUTTON_ID = 'test-connection-button';
export const CANCEL_TEST_ID = 'cancel-test-button';

export const FAILURE_SIGN_IN_ID = 'failure-sign-in-button';
export const FAILURE_SET_UP_BROWSER_ID = 'failure-set-up-browser-button';

export interface ConnectionSectionProps {
  org: OrgDetail;
  run: OrgTestRun;
  onTest: () => void;
  onCancel: () => void;
  /** Browser orgs: sign in (offered next to "Sign in again" / "Not signed in"). */
  onSignIn?: () => void;
  /** A sign-in is under way: its button waits. */
  signingIn?: boolean;
  /** Password orgs: open the edit form on "Browser login (OAuth)" (offered when SOAP login() is off). */
  onSetUpBrowserLogin?: () => void;
}

/**
 * "Does this org's login work right now, and if not, why?": the last result kept by core, the
 * button that tests again, what is happening while it runs, and the fix a failure calls for.
 */
export function ConnectionSection({ org, run, onTest, onCancel, onSignIn, signingIn = false, onSetUpBrowserLogin }: ConnectionSectionProps) {
  const running = run.status === 'running';
  const lastTest = org.lastTest;
  // Read out when a test ends; focus stays on the button, so nothing else would say it.
  const outcomeNews = run.status === 'done' ? (run.ok ? 'Test passed.' : 'Test failed.') : '';
  return (
    <section className="ok-card ok-connection" aria-labelledby="connection-heading">
      <div className="ok-section__header">
        <h2 id="connection-heading" className="slds-text-heading_medium">
          Connection
        </h2>
        <div className="ok-section__actions">
          <span className="ok-testing" aria-live="polite">
            {running ? (
              <>
                <InlineSpinner />
                Testing…
              </>
            ) : null}
          </span>
          {running ? (
            <button id={CANCEL_TEST_ID} type="button" className="slds-button slds-button_neutral" onClick={onCancel}>
              Cancel test
            </button>
          ) : (
            <button id={TEST_BUTTON_ID} type="button" className="slds-button slds-button_brand" onClick={onTest}>
              Test connection
            </button>
          )}
        </div>
      </div>

      <div aria-live="polite">
        {run.status === 'cancelled' ? (
          <p className="ok-info-text" data-test-cancelled="">
            <Icon name="info" className="slds-icon slds-icon_x-small slds-icon-text-default ok-info-text__icon" />
            {lastTest ? 'Test cancelled. The last result below still stands.' : 'Test cancelled.'}
          </p>
        ) : null}
        {outcomeNews ? <span className="slds-assistive-text">{outcomeNews}</span> : null}
      </div>
      {run.status === 'error' ? <ErrorAlert error={run.error} /> : null}

      {lastTest ? (
        <TestResult
          outcome={lastTest}
          consecutiveFailures={org.consecutiveFailures}
          action={failureAction(org, lastTest, { onSignIn, signingIn, onSetUpBrowserLogin })}
        />
      ) : (
        <p className="ok-muted">Not tested yet</p>
      )}
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="slds-dl_horizontal__label">{label}</dt>
      <dd className="slds-dl_horizontal__detail">{children}</dd>
    </>
  );
}

/**
 * The fix a failure calls for, as a button right in it: sign in again (browser orgs), or set up
 * browser login (password orgs whose SOAP login() is off).
 */
function failureAction(
  org: OrgDetail,
  outcome: TestOutcome,
  { onSignIn, signingIn, onSetUpBrowserLogin }: Pick<ConnectionSectionProps, 'onSignIn' | 'signingIn' | 'onSetUpBrowserLogin'>,
): ReactNode {
  const code = outcome.failure?.code;
  if (org.auth === 'browser' && onSignIn && (code === 'OAUTH_SIGN_IN_AGAIN' || code === 'NOT_SIGNED_IN')) {
    // Already done since this test: say so rather than ask for it again.
    if (org.signedInAt && org.signedInAt > outcome.testedAt) return <p data-signed-in-since="">Signed in since this test: test the connection again.</p>;
    return (
      <button id={FAILURE_SIGN_IN_ID} type="button" className="slds-button slds-button_brand" aria-disabled={signingIn || undefined} onClick={() => !signingIn && onSignIn()}>
        Sign in with browser
      </button>
    );
  }
  if (org.auth === 'password' && onSetUpBrowserLogin && code === 'SOAP_LOGIN_UNAVAILABLE') {
    return (
      <button id={FAILURE_SET_UP_BROWSER_ID} type="button" className="slds-button slds-button_brand" onClick={onSetUpBrowserLogin}>
        Set up browser login
      </button>
    );
  }
  return null;
}

/** One kept result: "Connected" with what the login learned, or the failure explained. */
function TestResult({ outcome, consecutiveFailures, action }: { outcome: TestOutcome; consecutiveFailures: number; action: ReactNode }) {
  const tested = (
    <time dateTime={outcome.testedAt}>{formatTimestamp(outcome.testedAt)}</time>
  );
  if (outcome.ok) {
    const facts = outcome.facts;
    const { apiRequestsRemaining: left, apiRequestsMax: max } = facts ?? { apiRequestsRemaining: null, apiRequestsMax: null };
    return (
      <div data-test-result="ok">
        <div className="slds-box slds-box_small ok-result ok-result_success">
          <Icon name="success" className="slds-icon slds-icon_small ok-result__icon" />
          <h3 className="ok-result__title">Connected</h3>
        </div>
        {outcome.warnings.map((warning, index) => (
          <div
            key={`${warning.code}-${index}`}
            className="slds-notify slds-notify_alert slds-theme_warning ok-alert ok-alert_warning"
            role="note"
            data-notice-code={warning.code}
          >
            <Icon name="warning" className="slds-icon slds-icon_x-small slds-icon-text-default slds-m-right_small ok-alert__icon" />
            <p className="ok-alert__body">{warning.message}</p>
          </div>
        ))}
        <dl className="slds-dl_horizontal ok-summary ok-facts">
          {facts ? (
            <>
              <Row label="Org name">{facts.orgName}</Row>
              <Row label="Org ID">{facts.orgId}</Row>
              <Row label="Edition">{facts.edition}</Row>
              <Row label="Org type">{facts.isSandbox ? 'Sandbox' : 'Production'}</Row>
              <Row label="Instance URL">{facts.instanceUrl}</Row>
              <Row label="User">{`${facts.userFullName} (${facts.userName})`}</Row>
              <Row label="API requests left">
                {left !== null && max !== null
                  ? `${formatNumber(left)} of ${formatNumber(max)}`
                  : facts.apiRequestsUnavailable
                    ? `Unavailable — ${facts.apiRequestsUnavailable}`
                    : 'Not reported'}
              </Row>
            </>
          ) : null}
          <Row label="Round trip">{`${formatNumber(outcome.latencyMs)} ms`}</Row>
          <Row label="Tested">{tested}</Row>
          <Row label="Login via">{viaLabel(outcome.via)}</Row>
        </dl>
      </div>
    );
  }

  return (
    <div data-test-result="failed">
      <FailureBox outcome={outcome} action={action} />
      <dl className="slds-dl_horizontal ok-summary ok-facts">
        <Row label="Tested">{tested}</Row>
        <Row label="Login via">{viaLabel(outcome.via)}</Row>
        {consecutiveFailures > 0 ? <Row label="Failed logins in a row">{String(consecutiveFailures)}</Row> : null}
      </dl>
    </div>
  );
}

/** A failed login explained: what it means, what to do, possible causes (`data-failure-code`). */
export function FailureBox({ outcome, action }: { outcome: TestOutcome; action?: ReactNode }) {
  const failure = outcome.failure;
  return (
    <div className="slds-box slds-box_small ok-result ok-result_error" data-failure-code={failure?.code ?? 'UNKNOWN_FAILURE'}>
      <Icon name="error" className="slds-icon slds-icon_small ok-result__icon" />
      <div className="ok-result__body">
        <h3 className="ok-result__title">{failure?.message ?? 'The test failed.'}</h3>
        {failure?.remedy ? (
          <>
            <h4 className="ok-result__subtitle">What to do</h4>
            <p>{failure.remedy}</p>
          </>
        ) : null}
        {failure?.hints.length ? (
          <ul className="slds-list_dotted ok-result__hints" aria-label="Possible causes">
            {failure.hints.map((hint) => (
              <li key={hint}>{hint}</li>
            ))}
          </ul>
        ) : null}
        {action ? <div className="ok-result__action">{action}</div> : null}
      </div>
    </div>
  );
}
