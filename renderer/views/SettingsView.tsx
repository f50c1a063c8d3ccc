import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { PREFERENCE_LIMITS, type Preferences } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { ErrorAlert } from '../components/ErrorAlert';
import { SaveFooter } from '../components/SaveFooter';
import { Icon } from '../components/Icon';
import { NumberField } from '../components/NumberField';
import { ViewHeading } from '../components/ViewHeading';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { call } from '../lib/api';
import { NotificationsSection } from './NotificationsSection';
import { ScheduleSection } from './ScheduleSection';

/** The preferences this view edits. */
type TestPreference = 'testTimeoutSeconds' | 'lockoutGuardFailures' | 'testConcurrency' | 'clipboardClearSeconds';

/** Below this, a clipboard delay is too short to paste in time; 0 means never clear. */
const CLIPBOARD_MIN_SECONDS = 10;

const FIELDS: readonly { key: TestPreference; label: string; hint: (min: number, max: number) => string }[] = [
  {
    key: 'testTimeoutSeconds',
    label: 'Test timeout (seconds)',
    hint: (min, max) => `How long a test waits for Salesforce to answer: from ${min} to ${max} seconds.`,
  },
  {
    key: 'lockoutGuardFailures',
    label: 'Ask before testing after this many failed logins',
    hint: (min, max) => `Salesforce locks a user out after as few as 3 failed logins. From ${min} to ${max}.`,
  },
  {
    key: 'testConcurrency',
    label: 'Tests at a time',
    hint: (min, max) => `How many orgs “Test all” checks at once: from ${min} to ${max}.`,
  },
];

const CLIPBOARD_FIELD = {
  key: 'clipboardClearSeconds',
  label: 'Clear clipboard after (seconds)',
  hint: (_min: number, max: number) => `${CLIPBOARD_MIN_SECONDS}–${max} seconds, or 0 to never clear.`,
} as const;
const ALL_FIELDS = [...FIELDS, CLIPBOARD_FIELD];

type Values = Record<TestPreference, string>;
type Errors = Partial<Record<TestPreference, string>>;

const inputId = (key: TestPreference) => `pref-${key}`;
const isTestPreference = (field: string | undefined): field is TestPreference => ALL_FIELDS.some((f) => f.key === field);

function valuesOf(prefs: Preferences): Values {
  return {
    testTimeoutSeconds: String(prefs.testTimeoutSeconds),
    lockoutGuardFailures: String(prefs.lockoutGuardFailures),
    testConcurrency: String(prefs.testConcurrency),
    clipboardClearSeconds: String(prefs.clipboardClearSeconds),
  };
}

/** The same rule core applies (a whole number within PREFERENCE_LIMITS); core checks again. */
function checkValue(key: TestPreference, raw: string): { ok: true; value: number } | { ok: false; message: string } {
  const { min, max } = PREFERENCE_LIMITS[key];
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    return { ok: false, message: `Enter a whole number from ${min} to ${max}.` };
  }
  if (key === 'clipboardClearSeconds' && value !== 0 && value < CLIPBOARD_MIN_SECONDS) {
    return { ok: false, message: `Enter 0 to never clear, or a whole number from ${CLIPBOARD_MIN_SECONDS} to ${max}.` };
  }
  return { ok: true, value };
}

export interface SettingsViewProps {
  onBack: () => void;
  onSaved: () => void;
}

/** How connection tests run (timeout, lockout guard, how many at a time), when the clipboard is cleared, scheduled checks and their notifications. */
export function SettingsView({ onBack, onSaved }: SettingsViewProps) {
  const headingId = useId();
  const [values, setValues] = useState<Values | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const requestFocus = useFocusRequest();

  const load = useCallback(async () => {
    setLoadError(null);
    const result = await call((api) => api.prefs.get());
    if (result.ok) setValues(valuesOf(result.value));
    else setLoadError(result.error);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  function change(key: TestPreference, value: string) {
    setValues((previous) => (previous ? { ...previous, [key]: value } : previous));
    setErrors((previous) => {
      const next = { ...previous };
      delete next[key];
      return next;
    });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!values || saving) return;
    const found: Errors = {};
    const patch: Partial<Record<TestPreference, number>> = {};
    for (const { key } of ALL_FIELDS) {
      const check = checkValue(key, values[key]);
      if (check.ok) patch[key] = check.value;
      else found[key] = check.message;
    }
    const firstInvalid = ALL_FIELDS.find(({ key }) => found[key] !== undefined);
    if (firstInvalid) {
      setErrors(found);
      requestFocus(inputId(firstInvalid.key));
      return;
    }
    setErrors({});
    setSaving(true);
    setSaveError(null);
    const result = await call((api) => api.prefs.update(patch));
    setSaving(false);
    if (result.ok) {
      setValues(valuesOf(result.value));
      onSaved();
      return;
    }
    const { field } = result.error;
    if (isTestPreference(field)) {
      setErrors({ [field]: result.error.message });
      requestFocus(inputId(field));
    } else {
      setSaveError(result.error);
    }
  }

  return (
    <section className="ok-view" aria-labelledby={headingId}>
      <button type="button" className="slds-button ok-back" onClick={onBack}>
        <Icon name="chevronleft" className="slds-button__icon slds-button__icon_left" />
        Back to orgs
      </button>
      <div className="ok-view__header">
        <ViewHeading id={headingId}>Settings</ViewHeading>
      </div>

      {loadError ? (
        <ErrorAlert error={loadError}>
          <button type="button" className="slds-button slds-button_neutral slds-m-top_small" onClick={() => void load()}>
            Try again
          </button>
        </ErrorAlert>
      ) : null}
      {!values && !loadError ? <p className="ok-muted">Loading settings…</p> : null}

      {values ? (
        <form className="ok-card" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby={headingId}>
          <h2 id="settings-tests-heading" className="slds-text-heading_medium slds-m-bottom_medium">
            Connection tests
          </h2>
          {FIELDS.map(({ key, label, hint }) => (
            <NumberField
              key={key}
              id={inputId(key)}
              field={key}
              label={label}
              value={values[key]}
              min={PREFERENCE_LIMITS[key].min}
              max={PREFERENCE_LIMITS[key].max}
              error={errors[key]}
              hint={hint(PREFERENCE_LIMITS[key].min, PREFERENCE_LIMITS[key].max)}
              onChange={(value) => change(key, value)}
            />
          ))}
          <h2 id="settings-clipboard-heading" className="slds-text-heading_medium slds-m-vertical_medium">
            Clipboard
          </h2>
          <NumberField
            id={inputId(CLIPBOARD_FIELD.key)}
            field={CLIPBOARD_FIELD.key}
            label={CLIPBOARD_FIELD.label}
            value={values.clipboardClearSeconds}
            min={PREFERENCE_LIMITS.clipboardClearSeconds.min}
            max={PREFERENCE_LIMITS.clipboardClearSeconds.max}
            error={errors.clipboardClearSeconds}
            hint={CLIPBOARD_FIELD.hint(PREFERENCE_LIMITS.clipboardClearSeconds.min, PREFERENCE_LIMITS.clipboardClearSeconds.max)}
            onChange={(value) => change(CLIPBOARD_FIELD.key, value)}
          />
          <SaveFooter error={saveError} saving={saving} label="Save settings" />
        </form>
      ) : null}
      <ScheduleSection onSaved={onSaved} />
      <NotificationsSection onSaved={onSaved} />
    </section>
  );
}
