import { useEffect, useState, type FormEvent } from 'react';
import type { AppError } from '../../shared/result';
import { ErrorAlert } from '../components/ErrorAlert';
import { SaveFooter } from '../components/SaveFooter';
import { FormElement, FormGroup, RadioOption } from '../components/FormElement';
import { NumberField } from '../components/NumberField';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { SCHEDULE_HOURS_LIMITS as HOURS_LIMITS } from '../../shared/notifications';
import type { ScheduleStatus } from '../../shared/domain';
import { checkScheduleForm, formOf, statusLines, type ScheduleField, type ScheduleForm } from '../lib/schedule';
import { scheduleStore, useSchedule } from '../store/useSchedule';

export const SCHEDULE_FIELD_IDS: Record<ScheduleField, string> = { time: 'schedule-time', everyHours: 'schedule-every-hours' };
export const CHECK_NOW_ID = 'schedule-check-now';

const MODES: readonly { mode: ScheduleForm['mode']; label: string }[] = [
  { mode: 'off', label: 'Off' },
  { mode: 'daily', label: 'Every day at a set time' },
  { mode: 'hours', label: 'Every few hours' },
];

const fieldOf = (field: string | undefined): ScheduleField | null => {
  const last = field?.split('.').pop();
  return last === 'time' || last === 'everyHours' ? last : null;
};

/**
 * Settings › *Scheduled checks*: when OrgKey checks every org by itself (`schedule.set`), the next
 * run and the last run's summary, and *Check now*.
 */
export function ScheduleSection({ onSaved }: { onSaved: () => void }) {
  const { status, error: loadError } = useSchedule();
  const [form, setForm] = useState<ScheduleForm | null>(null);
  const [errors, setErrors] = useState<Partial<Record<ScheduleField, string>>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [checkError, setCheckError] = useState<AppError | null>(null);
  const requestFocus = useFocusRequest();

  useEffect(() => {
    void scheduleStore.load();
  }, []);
  // The form starts from the core's schedule once, then keeps what is typed.
  useEffect(() => {
    if (status && !form) setForm(formOf(status.schedule));
  }, [status, form]);

  function change(next: Partial<ScheduleForm>) {
    setForm((previous) => (previous ? { ...previous, ...next } : previous));
    setErrors({});
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form || !status || saving) return;
    const check = checkScheduleForm(form, status.schedule);
    if (!check.ok) {
      setErrors(check.errors);
      requestFocus(SCHEDULE_FIELD_IDS[check.errors.time ? 'time' : 'everyHours']);
      return;
    }
    setErrors({});
    setSaveError(null);
    setSaving(true);
    const saved = await scheduleStore.save(check.schedule);
    setSaving(false);
    if (!saved.ok) {
      const field = fieldOf(saved.error.field);
      if (field) {
        setErrors({ [field]: saved.error.message });
        requestFocus(SCHEDULE_FIELD_IDS[field]);
      } else setSaveError(saved.error);
      return;
    }
    setForm(formOf(saved.value.schedule));
    onSaved();
  }

  async function checkNow() {
    if (status?.running) return;
    setCheckError(null);
    const result = await scheduleStore.runNow();
    if (!result.ok) setCheckError(result.error);
  }

  return (
    <section className="ok-card" aria-labelledby="settings-schedule-heading">
      <h2 id="settings-schedule-heading" className="slds-text-heading_medium slds-m-bottom_small">
        Scheduled checks
      </h2>
      <p className="slds-m-bottom_medium ok-setup-line">
        OrgKey tests every org on this schedule, also while its window is closed. A scheduled check never retries a login, never
        passes the lockout guard, and leaves alone an org whose last failure needs you (a wrong password, a locked-out user): it
        reports it instead.
      </p>
      {loadError && !status ? (
        <ErrorAlert error={loadError}>
          <button type="button" className="slds-button slds-button_neutral slds-m-top_small" onClick={() => void scheduleStore.load()}>
            Try again
          </button>
        </ErrorAlert>
      ) : null}
      {!form && !loadError ? <p className="ok-muted">Loading the schedule…</p> : null}
      {form && status ? (
        <>
          <ScheduleStatusBlock status={status} error={checkError} onCheckNow={() => void checkNow()} />
          <form noValidate aria-labelledby="settings-schedule-heading" onSubmit={(event) => void onSubmit(event)}>
            <ScheduleFields form={form} errors={errors} onChange={change} />
            <SaveFooter error={saveError} saving={saving} label="Save schedule" />
          </form>
        </>
      ) : null}
    </section>
  );
}

/** Off, every day at a time, or every N hours; the field the choice needs appears under it. */
export function ScheduleFields({ form, errors, onChange }: { form: ScheduleForm; errors: Partial<Record<ScheduleField, string>>; onChange: (next: Partial<ScheduleForm>) => void }) {
  return (
    <>
      <FormGroup legend="Check every org" messageBase="schedule-mode">
        {MODES.map(({ mode, label }) => (
          <RadioOption key={mode} id={`schedule-mode-${mode}`} name="schedule-mode" value={mode} checked={form.mode === mode} onChange={() => onChange({ mode })} label={label} />
        ))}
      </FormGroup>
      {form.mode === 'daily' ? (
        <FormElement
          controlId={SCHEDULE_FIELD_IDS.time}
          label="Time of day"
          messageBase={SCHEDULE_FIELD_IDS.time}
          field="time"
          error={errors.time}
          hint="This computer’s local time."
        >
          {(describedBy) => (
            <input
              id={SCHEDULE_FIELD_IDS.time}
              name="time"
              className="slds-input ok-number"
              type="time"
              value={form.time}
              aria-invalid={errors.time ? true : undefined}
              aria-describedby={describedBy}
              onChange={(event) => onChange({ time: event.target.value })}
            />
          )}
        </FormElement>
      ) : null}
      {form.mode === 'hours' ? (
        <NumberField
          id={SCHEDULE_FIELD_IDS.everyHours}
          field="everyHours"
          label="Hours between checks"
          value={form.everyHours}
          min={HOURS_LIMITS.min}
          max={HOURS_LIMITS.max}
          error={errors.everyHours}
          hint={`From ${HOURS_LIMITS.min} to ${HOURS_LIMITS.max} hours.`}
          onChange={(everyHours) => onChange({ everyHours })}
        />
      ) : null}
    </>
  );
}

/** The run under way or the next one, the last run's summary, and *Check now*. */
export function ScheduleStatusBlock({ status, error, onCheckNow }: { status: ScheduleStatus; error: AppError | null; onCheckNow: () => void }) {
  const { next, last } = statusLines(status);
  return (
    <div className="slds-m-bottom_medium" data-schedule-running={status.running ? 'true' : 'false'}>
      <div aria-live="polite">
        <p data-schedule-next>{next}</p>
        <p data-schedule-last>{last}</p>
      </div>
      <button id={CHECK_NOW_ID} type="button" className="slds-button slds-button_neutral slds-m-top_small" aria-disabled={status.running || undefined} onClick={onCheckNow}>
        {status.running ? 'Checking…' : 'Check now'}
      </button>
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}
