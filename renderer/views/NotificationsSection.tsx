import { useEffect, useState, type FormEvent } from 'react';
import { NOTIFICATION_CAUSES, type NotificationCause, type NotificationSwitches } from '../../shared/notifications';
import type { AppError } from '../../shared/result';
import { ErrorAlert } from '../components/ErrorAlert';
import { SaveFooter } from '../components/SaveFooter';
import { FormGroup } from '../components/FormElement';
import { call } from '../lib/api';
import { CAUSE_TEXT } from '../lib/schedule';

/**
 * Settings › *Notifications*: one switch per cause of a desktop notification (preferences,
 * `prefs.update`). The core tells each cause once per org until it clears; a cause switched off is
 * neither told nor remembered.
 */
export function NotificationsSection({ onSaved }: { onSaved: () => void }) {
  const [values, setValues] = useState<NotificationSwitches | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);

  useEffect(() => {
    let stale = false;
    void call((api) => api.prefs.get()).then((result) => {
      if (stale) return;
      if (result.ok) setValues({ ...result.value.notifications });
      else setLoadError(result.error);
    });
    return () => {
      stale = true;
    };
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!values || saving) return;
    setSaving(true);
    setSaveError(null);
    const result = await call((api) => api.prefs.update({ notifications: values }));
    setSaving(false);
    if (!result.ok) {
      setSaveError(result.error);
      return;
    }
    setValues({ ...result.value.notifications });
    onSaved();
  }

  return (
    <section className="ok-card" aria-labelledby="settings-notifications-heading">
      <h2 id="settings-notifications-heading" className="slds-text-heading_medium slds-m-bottom_small">
        Notifications
      </h2>
      {loadError ? <ErrorAlert error={loadError} /> : null}
      {values ? (
        <form noValidate aria-labelledby="settings-notifications-heading" onSubmit={(event) => void onSubmit(event)}>
          <NotificationSwitches values={values} onChange={(cause, on) => setValues((previous) => (previous ? { ...previous, [cause]: on } : previous))} />
          <SaveFooter error={saveError} saving={saving} label="Save notifications" />
        </form>
      ) : null}
      {!values && !loadError ? <p className="ok-muted">Loading…</p> : null}
    </section>
  );
}

/** One switch per cause, with what it means. */
export function NotificationSwitches({ values, onChange }: { values: NotificationSwitches; onChange: (cause: NotificationCause, on: boolean) => void }) {
  return (
    <FormGroup
      legend="Show a desktop notification when"
      messageBase="notifications"
      hint="One notification per org and cause, not one per check: it comes again only after the cause has cleared. Clicking it opens the org. Scheduled checks and the tests you run both count."
    >
      {NOTIFICATION_CAUSES.map((cause) => (
        <div className="slds-checkbox ok-checkbox" key={cause}>
          <input type="checkbox" id={`notify-${cause}`} name="notifications" value={cause} checked={values[cause]} onChange={(event) => onChange(cause, event.target.checked)} />
          <label className="slds-checkbox__label" htmlFor={`notify-${cause}`}>
            <span className="slds-checkbox_faux" />
            <span className="slds-form-element__label">{CAUSE_TEXT[cause].label}</span>
            <span className="ok-radio__hint">{CAUSE_TEXT[cause].hint}</span>
          </label>
        </div>
      ))}
    </FormGroup>
  );
}
