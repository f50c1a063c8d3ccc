import type { ReactNode } from 'react';
import type { AppError } from '../../shared/result';
import { Icon } from './Icon';

/**
 * A failure that belongs to no single field, e.g. KEYCHAIN_UNAVAILABLE: message, then remedy.
 *
 * `role="alert"` makes screen readers read it as soon as it appears; `data-error-code` lets tests
 * tell failures apart without matching wording.
 */
export function ErrorAlert({ error, children }: { error: AppError; children?: ReactNode }) {
  return (
    <div className="slds-notify slds-notify_alert slds-theme_error ok-alert" role="alert" data-error-code={error.code}>
      <Icon name="error" className="slds-icon slds-icon_x-small slds-m-right_small ok-alert__icon" />
      <div className="ok-alert__body">
        <h2 className="ok-alert__message">{error.message}</h2>
        {error.remedy ? <p className="ok-alert__remedy">{error.remedy}</p> : null}
        {children}
      </div>
    </div>
  );
}
