import type { CopyWhat } from '../../../shared/domain';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ClipboardStatus } from '../../components/ClipboardStatus';
import { useClipboard } from '../../hooks/useClipboard';

const COPY_BUTTONS: readonly { what: CopyWhat; label: string }[] = [
  { what: 'combined', label: 'Copy password + token' },
  { what: 'password', label: 'Copy password' },
  { what: 'token', label: 'Copy token' },
  { what: 'username', label: 'Copy username' },
];

export const PASTE_TOKEN_BUTTON_ID = 'paste-token-button';
export const CHANGE_PASSWORD_BUTTON_ID = 'change-password-button';

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
      <ClipboardStatus phase={phase} now={now} />
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
