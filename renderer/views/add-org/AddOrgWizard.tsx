import { useId, useMemo, useState, type FormEvent } from 'react';
import type { OrgSaved } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { checkLoginUrl } from '../../../shared/validation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StepPath } from '../../components/StepPath';
import { ViewHeading } from '../../components/ViewHeading';
import { useFocusRequest } from '../../hooks/useFocusRequest';
import { call } from '../../lib/api';
import { orgStore } from '../../store/useOrgs';
import {
  EMPTY_ORG_FORM,
  WIZARD_STEPS_BY_AUTH,
  checkFields,
  fieldsFor,
  inputIdOf,
  isOrgField,
  stepOfField,
  toDraft,
  type FieldErrors,
  type OrgFieldName,
  type OrgFormValues,
  type WizardStep,
} from '../../lib/orgForm';
import { AppStep, ReviewStep, SecretsStep, WhereStep, WhoStep } from './steps';

const STEP_HEADING_ID = 'wizard-step-heading';
// Every way of logging in has four steps; the second and third differ (Who; Secrets or App).
const REVIEW = WIZARD_STEPS_BY_AUTH.password.length - 1;
/** Fields whose messages belong to the steps after "Where": stale once the login method changes. */
const METHOD_FIELDS: readonly OrgFieldName[] = ['username', 'password', 'token', 'clientId', 'clientSecret', 'callbackPort'];

export interface AddOrgWizardProps {
  /** Values to start from, e.g. the login method and org an audit's *Add org with it* chose. */
  initial?: Partial<OrgFormValues>;
  onCancel: () => void;
  onSaved: (saved: OrgSaved) => void;
}

/**
 * Add an org in four steps: Where → Who → Secrets → Review, or for Browser login, client
 * credentials and JWT bearer Where → Who → App → Review (client credentials: Who only says that
 * the app's Run As user is who logs in).
 *
 * Next checks only the current step with the shared rules; a bad field gets its message under it
 * and focus. Save sends the draft to main, which checks again; an error about a field sends the
 * user back to that field's step with the message under it.
 */
export function AddOrgWizard({ initial, onCancel, onSaved }: AddOrgWizardProps) {
  const headingId = useId();
  const [values, setValues] = useState<OrgFormValues>(() => ({ ...EMPTY_ORG_FORM, ...initial }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [step, setStep] = useState(0);
  // URL warnings appear once the user has left the field (or pressed Next), not while typing.
  const [urlTouched, setUrlTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  // Read out by screen readers when the step changes, since focus goes to a field, not a heading.
  const [announcement, setAnnouncement] = useState('');
  const requestFocus = useFocusRequest();
  const steps = WIZARD_STEPS_BY_AUTH[values.auth];

  const urlCheck = useMemo(() => checkLoginUrl(values.environment, values.customUrl), [values.environment, values.customUrl]);
  const urlNotices = urlCheck.ok ? urlCheck.notices : [];
  const urlWarnings = urlTouched ? urlNotices.map((notice) => notice.message) : [];

  function change<F extends OrgFieldName>(field: F, value: OrgFormValues[F]) {
    setValues((previous) => ({ ...previous, [field]: value }));
    // The old message no longer describes what is in the field.
    setErrors((previous) => {
      const next = { ...previous };
      delete next[field];
      if (field === 'environment') delete next.customUrl;
      // The method decides whether the environment must be a My Domain: its message may no longer apply.
      if (field === 'auth') for (const stale of [...METHOD_FIELDS, 'environment', 'customUrl'] as const) delete next[stale];
      return next;
    });
  }

  /** Show a step: focus its first field so typing can go on (the review step: its heading). */
  function goTo(index: number) {
    const target = steps[index];
    if (!target) return;
    setStep(index);
    setAnnouncement(`Step ${index + 1} of ${steps.length}: ${target.title}`);
    const first = target.fields[0];
    requestFocus(first ? inputIdOf(first, values.environment, values.auth) : STEP_HEADING_ID);
  }

  function showFieldErrors(found: FieldErrors, first: OrgFieldName) {
    setErrors(found);
    const index = stepOfField(first, values.auth);
    if (index !== null && index !== step) {
      setStep(index);
      setAnnouncement(`Step ${index + 1} of ${steps.length}: ${steps[index]?.title ?? ''}`);
    }
    requestFocus(inputIdOf(first, values.environment, values.auth));
  }

  function next() {
    const fields = steps[step]?.fields ?? [];
    const check = checkFields(values, fields);
    if (fields.includes('customUrl')) setUrlTouched(true);
    if (check.firstInvalid) {
      showFieldErrors(check.errors, check.firstInvalid);
      return;
    }
    setErrors({});
    goTo(step + 1);
  }

  async function save() {
    if (saving) return;
    // Every step was checked on the way, but a value could only have got here unchecked by a bug.
    const check = checkFields(values, fieldsFor(values.auth));
    if (check.firstInvalid) {
      showFieldErrors(check.errors, check.firstInvalid);
      return;
    }
    setSaving(true);
    setSaveError(null);
    const result = await call((api) => api.orgs.add(toDraft(values)));
    setSaving(false);
    if (result.ok) {
      orgStore.added(result.value.org);
      onSaved(result.value);
      return;
    }
    const { field } = result.error;
    if (isOrgField(field) && stepOfField(field, values.auth) !== null) {
      showFieldErrors({ [field]: result.error.message }, field);
    } else {
      setSaveError(result.error);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Enter in a field means "Next" (or "Save org" on the review step); nothing is ever posted.
    event.preventDefault();
    if (step === REVIEW) void save();
    else next();
  }

  const current: WizardStep = steps[step] ?? { title: '', lead: '', fields: [] };
  const stepProps = { values, errors, onChange: change };

  return (
    <section className="ok-view ok-wizard" aria-labelledby={headingId}>
      <div className="ok-view__header">
        <ViewHeading id={headingId}>Add org</ViewHeading>
      </div>
      <form className="ok-card" noValidate onSubmit={onSubmit} aria-labelledby={STEP_HEADING_ID}>
        <StepPath titles={steps.map((s) => s.title)} current={step} />
        <h2 id={STEP_HEADING_ID} tabIndex={-1} className="slds-text-heading_medium ok-step-heading">
          {`Step ${step + 1} of ${steps.length}: ${current.title}`}
        </h2>
        <p className="ok-muted slds-m-bottom_medium">{current.lead}</p>
        <p className="slds-assistive-text" aria-live="polite">
          {announcement}
        </p>

        {step === 0 ? <WhereStep {...stepProps} urlWarnings={urlWarnings} onUrlBlur={() => setUrlTouched(true)} /> : null}
        {step === 1 ? <WhoStep {...stepProps} /> : null}
        {step === 2 && values.auth === 'password' ? <SecretsStep {...stepProps} /> : null}
        {step === 2 && values.auth !== 'password' ? <AppStep {...stepProps} /> : null}
        {step === REVIEW ? (
          <>
            <ReviewStep values={values} loginUrl={urlCheck.ok ? urlCheck.value : values.customUrl} notices={urlNotices} />
            {saveError ? <ErrorAlert error={saveError} /> : null}
          </>
        ) : null}

        <div className="ok-form-actions">
          <button type="button" className="slds-button slds-button_neutral" onClick={onCancel}>
            Cancel
          </button>
          <span className="ok-form-actions__spacer" />
          {step > 0 ? (
            <button type="button" className="slds-button slds-button_neutral" onClick={() => goTo(step - 1)}>
              Back
            </button>
          ) : null}
          {step < REVIEW ? (
            <button type="submit" className="slds-button slds-button_brand">
              Next
            </button>
          ) : (
            <button type="submit" className="slds-button slds-button_brand" aria-disabled={saving || undefined}>
              Save org
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
