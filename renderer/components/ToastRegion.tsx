import type { Notice } from '../../shared/domain';
import { Icon } from './Icon';

export interface ToastMessage {
  title: string;
  /** Non-blocking warnings returned with the result, e.g. an unusual login host. */
  notices: Notice[];
}

/**
 * Where success messages appear ("Added Acme"), in the page flow under the header.
 *
 * The `role="status"` element is always mounted, so screen readers announce text put into it; an
 * overlay was avoided because it would cover the header's buttons. The toast stays until dismissed
 * or until the user goes to another view (no timer: WCAG 2.2.1).
 */
export function ToastRegion({ toast, onDismiss }: { toast: ToastMessage | null; onDismiss: () => void }) {
  const warn = (toast?.notices.length ?? 0) > 0;
  return (
    <div className="ok-toast-region">
      <div role="status" className="ok-toast-status">
        {toast ? (
          <div className={`slds-notify slds-notify_toast ok-toast ${warn ? 'slds-theme_warning' : 'slds-theme_success'}`}>
            <Icon
              name={warn ? 'warning' : 'success'}
              className={`slds-icon slds-icon_small slds-m-right_small slds-no-flex slds-align-top ${warn ? 'slds-icon-text-default' : ''}`}
            />
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
              className={`slds-button slds-button_icon slds-notify__close ${warn ? '' : 'slds-button_icon-inverse'}`}
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
