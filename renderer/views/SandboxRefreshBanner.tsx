import { useState } from 'react';
import type { OrgDetail, SandboxRefreshAttention } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { CONFIRM_REFRESH_TEXT, SANDBOX_REFRESH_ATTENTION_TEXT, SANDBOX_REFRESH_FACTS, sandboxRefreshedText } from '../../shared/sandbox-refresh';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { call } from '../lib/api';
import { formatTimestamp } from '../lib/format';
import { orgStore } from '../store/useOrgs';

export const CONFIRM_REFRESH_ID = 'confirm-sandbox-refresh-button';

/**
 * A sandbox refresh a login noticed and the admin has not confirmed: what is different in the new
 * org, what of the old one needs a look, and **Confirm refresh**, which makes the new org id the
 * org's (the core keeps the old one until then).
 */
export function SandboxRefreshBanner({ org, onConfirmed }: { org: OrgDetail; onConfirmed?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const refresh = org.sandboxRefresh;
  if (!refresh || refresh.confirmedAt) return null;

  async function confirm() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await call((api) => api.orgs.confirmSandboxRefresh({ id: org.id }));
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    orgStore.saved(result.value);
    void orgStore.loadOrg(org.id);
    // Other orgs of the same sandbox are confirmed with it.
    void orgStore.loadList();
    onConfirmed?.();
  }

  return (
    <section className="slds-notify slds-notify_alert ok-alert ok-alert_warning" aria-labelledby="sandbox-refresh-heading" data-sandbox-refresh="pending">
      <Icon name="warning" className="slds-icon slds-icon_x-small slds-m-right_small ok-alert__icon" />
      <div className="ok-alert__body">
        <h2 id="sandbox-refresh-heading" className="ok-alert__message">
          This sandbox was refreshed
        </h2>
        <p className="ok-alert__remedy">
          {sandboxRefreshedText(refresh)} Noticed <time dateTime={refresh.detectedAt}>{formatTimestamp(refresh.detectedAt)}</time>.
        </p>
        <ul className="ok-alert__remedy slds-list_dotted">
          {SANDBOX_REFRESH_FACTS.map((fact) => (
            <li key={fact}>{fact}</li>
          ))}
          {refresh.attention.map((kind) => (
            <li key={kind} data-refresh-attention={kind}>
              {SANDBOX_REFRESH_ATTENTION_TEXT[kind]}
            </li>
          ))}
        </ul>
        <p className="ok-alert__remedy">{CONFIRM_REFRESH_TEXT}</p>
        {error ? <ErrorAlert error={error} /> : null}
      </div>
      <button id={CONFIRM_REFRESH_ID} type="button" className="slds-button slds-button_brand ok-alert__dismiss" aria-disabled={busy || undefined} onClick={() => void confirm()}>
        Confirm refresh
      </button>
    </section>
  );
}

/** Where a setup of the old org is shown (exports, sign-in, app credentials): that it needs a look after a refresh. */
export function RefreshAttentionNote({ org, kind }: { org: Pick<OrgDetail, 'sandboxRefresh'>; kind: SandboxRefreshAttention }) {
  if (!org.sandboxRefresh?.attention.includes(kind)) return null;
  return (
    <div className="slds-notify slds-notify_alert slds-theme_warning ok-alert ok-alert_warning" role="note" data-refresh-attention={kind}>
      <Icon name="warning" className="slds-icon slds-icon_x-small slds-icon-text-default slds-m-right_small ok-alert__icon" />
      <p className="ok-alert__body">{SANDBOX_REFRESH_ATTENTION_TEXT[kind]}</p>
    </div>
  );
}
