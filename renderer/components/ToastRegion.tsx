import type { Notice } from '../../shared/domain';
import { Icon } from './Icon';

export interface ToastMessage {
  title: string;
  /** Non-blocking warnings returned with the result, e.g. an unusual login host. */
  notices: Notice[];
  /** `info` for news that is not a plain success, e.g. "Tested 4 orgs: 1 OK, 3 failed". */
  tone?: 'success' | 'info';
}

const THEMES = {
  success: { theme: 'slds-theme_success', icon: 'success', iconClass: '', closeClass: 'slds-button_icon-inverse' },
  warning: { theme: 'slds-theme_warning', icon: 'warning', iconClass: 'slds-icon-text-default', closeClass: '' },
  info: { theme: 'slds-theme_info', icon: 'info', iconClass: '', closeClass: 'slds-button_icon-inverse' },
} as const;

/**
 * Where success messages appear ("Added Acme"), in the page flow under the header.
 *
 * The `role="status"` element is always mounted, so screen readers announce text put into it; an
 * overlay was avoided because it would cover the header's buttons. The toast stays until dismissed
 * or until the user goes to another view (no timer: WCAG 2.2.1).
 */
export function ToastRegion({ toast, onDismiss }: { toast: ToastMessage | null; onDismiss: () => void }) {
  const { theme, icon, iconClass, closeClass } = THEMES[(toast?.notices.length ?? 0) > 0 ? 'warning' : (toast?.tone ?? 'success')];
  return (
    <div className="ok-toast-region">
      <div role="status" className="ok-toast-status">
        {toast ? (
          <div className={`slds-notify slds-notify_toast ok-toast ${theme}`}>
            <Icon name={icon} className={`slds-icon slds-icon_small slds-m-right_small slds-no-flex slds-align-top ${iconClass}`} />
            <div className="slds-notify__content">
              <h2 className="slds-text-heading_small">{toast.title}</h2>
              {toast.notices.map((notice, index) => (
                <p key={`${notice.code}-${index}`} className="ok-toast__notice" data-notice-code={notice.code}>
                  {notice.message}
                </p>
              ))}
            </div>
            {/* Named by aria-label, not by inner text, so the status text is exactly the message. */}
            <button
              type="button"
              className={`slds-button slds-button_icon slds-notify__close ${closeClass}`}
              aria-label="Dismiss"
              title="Dismiss"
              onClick={onDismiss}
            >
              <Icon name="close" className="slds-button__icon slds-button__icon_large" />
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
