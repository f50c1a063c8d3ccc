import { useMemo, useState, type FormEvent } from 'react';
import type { OrgDetail, OrgSaved } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { checkLoginUrl } from '../../shared/validation';
import { ConnectedAppFields } from '../components/ConnectedAppFields';
import { EnvironmentField } from '../components/EnvironmentField';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/TextField';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { call } from '../lib/api';
import {
  checkFields,
  formFromDetail,
  inputIdOf,
  isOrgField,
  toPatch,
  type FieldErrors,
  type OrgFieldName,
  type OrgFormValues,
} from '../lib/orgForm';

const EDIT_FIELDS: readonly OrgFieldName[] = ['alias', 'environment', 'customUrl', 'username', 'clientId', 'clientSecret'];

export interface OrgEditFormProps {
  org: OrgDetail;
  onCancel: () => void;
  /** Called after a successful save; `null` when nothing had changed. */
  onSaved: (saved: OrgSaved | null) => void;
}

/**
 * Edit an org's metadata (name, environment, username, connected app) with the same rules as the wizard.
 *
 * Password and token are not edited here; the consumer secret only when a new one is typed. Values
 * stay as typed when saving fails.
 */
export function OrgEditForm({ org, onCancel, onSaved }: OrgEditFormProps) {
  const [values, setValues] = useState<OrgFormValues>(() => formFromDetail(org));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [urlTouched, setUrlTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const requestFocus = useFocusRequest();
  const secretStored = org.secrets.clientSecret.present;

  const urlCheck = useMemo(() => checkLoginUrl(values.environment, values.customUrl), [values.environment, values.customUrl]);
  const urlWarnings = urlTouched && urlCheck.ok ? urlCheck.notices.map((notice) => notice.message) : [];

  function change<F extends OrgFieldName>(field: F, value: OrgFormValues[F]) {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => {
      const next = { ...previous };
      delete next[field];
      if (field === 'environment') delete next.customUrl;
      return next;
    });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setUrlTouched(true);
    const check = checkFields(values, EDIT_FIELDS, { keepsClientSecret: secretStored });
    if (check.firstInvalid) {
      setErrors(check.errors);
      requestFocus(inputIdOf(check.firstInvalid, values.environment));
      return;
    }
    setErrors({});
    const patch = toPatch(values, org);
    if (Object.keys(patch).length === 0) {
      onSaved(null);
      return;
    }
    setSaving(true);
    setSaveError(null);
    const result = await call((api) => api.orgs.update({ id: org.id, patch }));
    setSaving(false);
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    const { field } = result.error;
    if (isOrgField(field) && EDIT_FIELDS.includes(field)) {
      setErrors({ [field]: result.error.message });
      requestFocus(inputIdOf(field, values.environment));
    } else {
      setSaveError(result.error);
    }
  }

  return (
    <form className="ok-card" noValidate onSubmit={onSubmit} aria-labelledby="edit-heading">
      <h2 id="edit-heading" className="slds-text-heading_medium slds-m-bottom_medium">
        Edit details
      </h2>
      <TextField field="alias" label="Name" value={values.alias} required error={errors.alias} onChange={(v) => change('alias', v)} />
      <EnvironmentField
        environment={values.environment}
        customUrl={values.customUrl}
        errors={errors}
        urlWarnings={urlWarnings}
        onEnvironmentChange={(v) => change('environment', v)}
        onCustomUrlChange={(v) => change('customUrl', v)}
        onCustomUrlBlur={() => setUrlTouched(true)}
      />
      <TextField
        field="username"
        label="Username"
        value={values.username}
        required
        inputMode="email"
        error={errors.username}
        onChange={(v) => change('username', v)}
      />
      <ConnectedAppFields values={values} errors={errors} onChange={change} editing secretStored={secretStored} />
      {saveError ? <ErrorAlert error={saveError} /> : null}
      <div className="ok-form-actions">
        <span className="ok-form-actions__spacer" />
        <button type="button" className="slds-button slds-button_neutral" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="slds-button slds-button_brand" aria-disabled={saving || undefined}>
          Save changes
        </button>
      </div>
    </form>
  );
}
