import { useEffect, useState } from 'react';
import type { SettingsRecovery } from '../../shared/domain';
import { call } from '../lib/api';
import { Icon } from './Icon';

/**
 * Says, once per start, that the settings file was damaged and where the old one was kept.
 *
 * Nothing was deleted: the passwords and tokens are still in the keychain, and the old file can be
 * inspected or sent along with a bug report.
 */
export function SettingsRecoveryBanner() {
  const [recovery, setRecovery] = useState<SettingsRecovery | null>(null);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    let live = true;
    void call((api) => api.app.info()).then((result) => {
      if (live && result.ok && result.value.settingsRecovery) setRecovery(result.value.settingsRecovery);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!recovery || dismissed) return null;
  return (
    <div className="slds-notify slds-notify_alert ok-alert ok-alert_warning" role="alert" data-settings-recovery>
      <Icon name="warning" className="slds-icon slds-icon_x-small slds-m-right_small ok-alert__icon" />
      <div className="ok-alert__body">
        <h2 className="ok-alert__message">OrgKey’s settings file was damaged, so OrgKey started with empty settings.</h2>
        <p className="ok-alert__remedy">
          The old file was kept, not deleted, as <code>{recovery.movedTo}</code> ({recovery.reason}). Passwords and tokens are still in the
          keychain: add the orgs again to use them.
        </p>
      </div>
      <button type="button" className="slds-button slds-button_neutral ok-alert__dismiss" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
