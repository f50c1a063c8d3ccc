import type { CopyWhat } from '../../../shared/domain';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useClipboard, type ClipboardPhase } from '../../hooks/useClipboard';

const COPY_BUTTONS: readonly { what: CopyWhat; label: string }[] = [
  { what: 'combined', label: 'Copy password + token' },
  { what: 'password', label: 'Copy password' },
  { what: 'token', label: 'Copy token' },
  { what: 'username', label: 'Copy username' },
];

const WHAT_LABELS: Record<CopyWhat, string> = {
  combined: 'password + token',
  password: 'password',
  token: 'token',
  username: 'username',
  accessToken: 'access token',
};

export const PASTE_TOKEN_BUTTON_ID = 'paste-token-button';
export const CHANGE_PASSWORD_BUTTON_ID = 'change-password-button';

function clipboardText(phase: ClipboardPhase, now: number): string {
  if (phase.status === 'idle') return '';
  if (phase.status === 'cleared') return 'Clipboard cleared';
  const { what, clearsAt } = phase.copy;
  if (clearsAt === null) return `Copied ${WHAT_LABELS[what]} — never cleared`;
  const seconds = Math.max(0, Math.ceil((new Date(clearsAt).getTime() - now) / 1000));
  return `Copied ${WHAT_LABELS[what]} — clipboard clears in ${seconds} s`;
}

export interface SecretActionsProps {
  id: string;
  hasToken: boolean;
  onPasteToken: () => void;
  onResetToken: () => void;
  onChangePassword: () => void;
}

/** Copy the credentials for another tool, and start a new token or password. */
export function SecretActions({ id, hasToken, onPasteToken, onResetToken, onChangePassword }: SecretActionsProps) {
  const { phase, now, error, copy } = useClipboard(id);
  return (
    <section className="ok-card ok-copy" aria-labelledby="secret-actions-heading">
      <h2 id="secret-actions-heading" className="slds-text-heading_medium slds-m-bottom_small">
        Password and token
      </h2>
      <div className="ok-copy__buttons">
        {COPY_BUTTONS.filter(({ what }) => hasToken || (what !== 'combined' && what !== 'token')).map(({ what, label }) => (
          <button key={what} type="button" className="slds-button slds-button_neutral" onClick={() => void copy(what)}>
            {label}
          </button>
        ))}
      </div>
      {/* Not role="status": that role belongs to the toast region. Always mounted so changes are read. */}
      <div className="ok-clipboard-status" aria-live="polite" data-clipboard-state={phase.status}>
        {clipboardText(phase, now)}
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      <div className="ok-copy__buttons slds-m-top_medium">
        <button id={PASTE_TOKEN_BUTTON_ID} type="button" className="slds-button slds-button_neutral" onClick={onPasteToken}>
          Paste new token
        </button>
        <button type="button" className="slds-button slds-button_neutral" onClick={onResetToken}>
          Reset token
        </button>
        <button id={CHANGE_PASSWORD_BUTTON_ID} type="button" className="slds-button slds-button_neutral" onClick={onChangePassword}>
          Change password
        </button>
      </div>
    </section>
  );
}
