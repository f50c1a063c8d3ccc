import type { OrgDetail } from '../../shared/domain';
import { ClipboardStatus } from '../components/ClipboardStatus';
import { LoginErrorAlert } from '../components/LoginErrorAlert';
import { useClipboard } from '../hooks/useClipboard';

export const COPY_ACCESS_TOKEN_ID = 'copy-access-token-button';

/**
 * "Copy access token": a fresh session for a tool that takes one instead of a password (like
 * `sf org display`). The main process logs in with the org's own method and writes the clipboard —
 * the window never receives the token — marked as a secret and cleared as a copied password is.
 */
export function AccessTokenSection({ org }: { org: OrgDetail }) {
  const { phase, now, error, copy } = useClipboard(org.id);
  return (
    <section className="ok-card ok-copy" aria-labelledby="access-token-heading">
      <h2 id="access-token-heading" className="slds-text-heading_medium slds-m-bottom_small">
        Access token
      </h2>
      <p className="slds-m-bottom_small ok-setup-line">
        For tools that take a session instead of a password. OrgKey logs in, puts the token on the clipboard and clears it as it
        does a password; the token is a live session until the org’s session timeout ends it.
      </p>
      <div className="ok-copy__buttons">
        <button id={COPY_ACCESS_TOKEN_ID} type="button" className="slds-button slds-button_neutral" onClick={() => void copy('accessToken')}>
          Copy access token
        </button>
      </div>
      <ClipboardStatus phase={phase} now={now} />
      {error ? <LoginErrorAlert error={error} onConfirmRetry={() => void copy('accessToken', { confirmRetry: true })} /> : null}
    </section>
  );
}
