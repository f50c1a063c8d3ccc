import { useEffect, useState } from 'react';
import { certificateNotice, certificateStanding } from '../../shared/certificates';
import type { OrgCertificate, OrgCertificates, OrgDetail } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { useNow } from '../hooks/useNow';
import { call } from '../lib/api';
import { orgStore } from '../store/useOrgs';
import { RefreshAttentionNote } from './SandboxRefreshBanner';

export const ROTATE_KEY_ID = 'rotate-key-button';
export const CANCEL_ROTATION_ID = 'cancel-rotation-button';

type Which = 'current' | 'pending';

/**
 * A JWT org's certificate — the public half of the key OrgKey signs with, never the key itself:
 * subject, expiry (warned about 30 days ahead), SHA-256 fingerprint, and the file or PEM text to
 * upload to the External Client App. **Rotate key** makes a new key and certificate beside the old;
 * the next test that works with the new one makes it current (**Cancel rotation** drops it).
 */
export function CertificateSection({ org }: { org: OrgDetail }) {
  const [certificates, setCertificates] = useState<OrgCertificates | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  // Asked again whenever the org's certificates change (added, rotated, promoted by a test).
  const key = `${org.certificate?.fingerprint ?? ''}|${org.pendingCertificate?.fingerprint ?? ''}`;
  useEffect(() => {
    let stale = false;
    void call((api) => api.certificates.get({ id: org.id })).then((result) => {
      if (stale) return;
      if (result.ok) setCertificates(result.value);
      else setError(result.error);
    });
    return () => {
      stale = true;
    };
  }, [org.id, key]);

  async function change(action: 'rotate' | 'cancelRotation') {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await call<OrgCertificates>((api) => (action === 'rotate' ? api.certificates.rotate({ id: org.id }) : api.certificates.cancelRotation({ id: org.id })));
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCertificates({ current: result.value.current, pending: result.value.pending });
    document.getElementById(action === 'rotate' ? CANCEL_ROTATION_ID : ROTATE_KEY_ID)?.focus();
    void orgStore.loadOrg(org.id);
  }

  const pending = certificates?.pending ?? null;
  return (
    <section className="ok-card" aria-labelledby="certificate-heading" data-rotation={pending ? 'pending' : 'none'}>
      <div className="ok-section__header">
        <h2 id="certificate-heading" className="slds-text-heading_medium">
          Certificate
        </h2>
        <div className="ok-section__actions">
          {pending ? (
            <button id={CANCEL_ROTATION_ID} type="button" className="slds-button slds-button_neutral" aria-disabled={busy || undefined} onClick={() => void change('cancelRotation')}>
              Cancel rotation
            </button>
          ) : (
            <button id={ROTATE_KEY_ID} type="button" className="slds-button slds-button_neutral" aria-disabled={busy || undefined} onClick={() => void change('rotate')}>
              Rotate key
            </button>
          )}
        </div>
      </div>
      <p className="slds-m-bottom_small ok-setup-line">
        Upload it to the External Client App: Setup → External Client App Manager → the app → Edit Settings → OAuth Settings →
        Enable JWT Bearer Flow → Upload Files. The private key stays in the system keychain.
      </p>
      <RefreshAttentionNote org={org} kind="credentials" />
      {error ? <ErrorAlert error={error} /> : null}
      {certificates?.current ? <CertificateCard org={org} which="current" certificate={certificates.current} /> : certificates ? <p className="ok-muted">No certificate: the key is missing from the keychain. Rotate the key to make a new one.</p> : null}
      {pending ? (
        <div className="ok-subsection" data-pending-certificate="">
          <h3 className="slds-text-heading_small ok-subsection__title">New certificate (rotation under way)</h3>
          <p className="slds-m-bottom_small ok-setup-line">
            Upload this one to the app in place of the current one, then test the connection: the first test that works with the
            new key makes it the current one. Until then OrgKey keeps the old key.
          </p>
          <CertificateCard org={org} which="pending" certificate={pending} />
        </div>
      ) : null}
    </section>
  );
}

/** One certificate: its facts, the expiry warning, Download .crt and Copy PEM. */
function CertificateCard({ org, which, certificate }: { org: OrgDetail; which: Which; certificate: OrgCertificate }) {
  const now = useNow();
  const { info, pem } = certificate;
  const standing = certificateStanding(info, new Date(now));
  const notice = certificateNotice(info, new Date(now));
  const [copy, setCopy] = useState<'idle' | 'copied' | 'select'>('idle');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const prefix = which === 'pending' ? 'pending-' : '';
  useEffect(() => setCopy('idle'), [pem]);

  async function download() {
    setError(null);
    setSaved(null);
    setCopy('idle');
    const picked = await call((api) =>
      api.dialogs.pickSaveFile({ title: 'Save the certificate', defaultPath: `${org.alias.replace(/[^A-Za-z0-9._-]+/g, '-')}${which === 'pending' ? '-new' : ''}.crt` }),
    );
    if (!picked.ok) return setError(picked.error);
    if (!picked.value.path) return;
    const path = picked.value.path;
    // The OS save dialog already asked before replacing a file.
    const result = await call((api) => api.certificates.save({ id: org.id, path, which, overwrite: true }));
    if (result.ok) setSaved(result.value.path);
    else setError(result.error);
  }

  async function copyPem() {
    // The certificate is public: the page may hold it and write it to the clipboard itself.
    setSaved(null);
    try {
      await navigator.clipboard.writeText(pem);
      setCopy('copied');
    } catch {
      setCopy('select');
    }
  }

  return (
    <div data-certificate={which} data-fingerprint={info.fingerprint}>
      <dl className="slds-dl_horizontal ok-summary ok-facts">
        <dt className="slds-dl_horizontal__label">Subject</dt>
        <dd className="slds-dl_horizontal__detail">{info.subject}</dd>
        <dt className="slds-dl_horizontal__label">Expires</dt>
        <dd className="slds-dl_horizontal__detail" data-certificate-state={standing.state}>
          {standing.expiresLabel}
        </dd>
        <dt className="slds-dl_horizontal__label">Fingerprint (SHA-256)</dt>
        <dd className="slds-dl_horizontal__detail ok-mono ok-fingerprint">{info.fingerprint}</dd>
      </dl>
      {notice ? (
        <div className="slds-notify slds-notify_alert slds-theme_warning ok-alert ok-alert_warning" role="note" data-notice-code={notice.code}>
          <Icon name="warning" className="slds-icon slds-icon_x-small slds-icon-text-default slds-m-right_small ok-alert__icon" />
          <p className="ok-alert__body">{notice.message}</p>
        </div>
      ) : null}
      <div className="ok-copy__buttons">
        <button id={`${prefix}download-certificate-button`} type="button" className="slds-button slds-button_neutral" onClick={() => void download()}>
          {which === 'pending' ? 'Download new .crt' : 'Download .crt'}
        </button>
        <button id={`${prefix}copy-pem-button`} type="button" className="slds-button slds-button_neutral" onClick={() => void copyPem()}>
          {which === 'pending' ? 'Copy new PEM' : 'Copy PEM'}
        </button>
      </div>
      <div className="ok-hint" aria-live="polite" data-copy-state={copy}>
        {copy === 'copied' ? 'Copied.' : saved ? `Saved to ${saved}` : ''}
      </div>
      {copy === 'select' ? (
        <textarea
          className="slds-textarea ok-mono ok-pem"
          aria-label={`${which === 'pending' ? 'New certificate' : 'Certificate'} (PEM): the clipboard is not available here, press Ctrl+C (⌘C on a Mac)`}
          readOnly
          rows={8}
          value={pem}
          ref={(el) => el?.select()}
        />
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}
