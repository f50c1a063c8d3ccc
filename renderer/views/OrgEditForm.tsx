import { useMemo, useState, type FormEvent } from 'react';
import type { AuthMethod, OrgDetail, OrgSaved } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { checkLoginUrl } from '../../shared/validation';
import { BrowserLoginFields } from '../components/BrowserLoginFields';
import { ConnectedAppFields } from '../components/ConnectedAppFields';
import { EnvironmentField } from '../components/EnvironmentField';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoginMethodField } from '../components/LoginMethodField';
import { Icon } from '../components/Icon';
import { TextField } from '../components/TextField';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { call } from '../lib/api';
import { orgStore } from '../store/useOrgs';
import {
  checkFields,
  editFieldsFor,
  formFromDetail,
  inputIdOf,
  isOrgField,
  toPatch,
  type FieldErrors,
  type OrgFieldName,
  type OrgFormValues,
} from '../lib/orgForm';

export interface OrgEditFormProps {
  org: OrgDetail;
  /** Open on this login method, e.g. `browser` for "Set up browser login" on a password org. */
  initialAuth?: AuthMethod;
  onCancel: () => void;
  /** Called after a successful save; `null` when nothing had changed. */
  onSaved: (saved: OrgSaved | null) => void;
}

/**
 * Edit an org's metadata (name, environment, how it logs in, username, app) with the same rules as
 * the wizard. A password org can switch to Browser login (OAuth) here, and back while its password
 * is still in the keychain.
 *
 * Password and token are not edited here; the consumer secret only when a new one is typed. Values
 * stay as typed when saving fails.
 */
export function OrgEditForm({ org, initialAuth, onCancel, onSaved }: OrgEditFormProps) {
  const [values, setValues] = useState<OrgFormValues>(() => {
    const initial = formFromDetail(org);
    return initialAuth && initialAuth !== org.auth ? switchedTo(initial, org, initialAuth) : initial;
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [urlTouched, setUrlTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const requestFocus = useFocusRequest();
  const secretStored = org.secrets.clientSecret.present;

  const urlCheck = useMemo(() => checkLoginUrl(values.environment, values.customUrl), [values.environment, values.customUrl]);
  const urlWarnings = urlTouched && urlCheck.ok ? urlCheck.notices.map((notice) => notice.message) : [];

  const fields = editFieldsFor(values.auth);
  const switching = values.auth !== org.auth;
  const signedIn = org.auth === 'browser' && !!org.signedInAt;

  function change<F extends OrgFieldName>(field: F, value: OrgFormValues[F]) {
    setValues((previous) => (field === 'auth' ? switchedTo(previous, org, value as AuthMethod) : { ...previous, [field]: value }));
    setErrors((previous) => {
      const next = { ...previous };
      delete next[field];
      if (field === 'environment') delete next.customUrl;
      // The other method's fields are other fields: their messages no longer apply.
      if (field === 'auth') for (const stale of ['username', 'clientId', 'clientSecret', 'callbackPort'] as const) delete next[stale];
      return next;
    });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setUrlTouched(true);
    const check = checkFields(values, fields, { keepsClientSecret: secretStored });
    if (check.firstInvalid) {
      setErrors(check.errors);
      requestFocus(inputIdOf(check.firstInvalid, values.environment, values.auth));
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
      orgStore.saved(result.value.org);
      onSaved(result.value);
      return;
    }
    const { field } = result.error;
    if (isOrgField(field) && fields.includes(field)) {
      setErrors({ [field]: result.error.message });
      requestFocus(inputIdOf(field, values.environment, values.auth));
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
      <LoginMethodField
        auth={values.auth}
        error={errors.auth}
        onChange={(v) => change('auth', v)}
        unavailable={
          org.auth === 'browser' && !org.secrets.password.present
            ? { password: 'OrgKey has no password for this org (it was added with Browser login); add it again to log in with a password.' }
            : {}
        }
      />
      {switching ? (
        <p className="ok-info-text" data-switching-to={values.auth}>
          <Icon name="info" className="slds-icon slds-icon_x-small slds-icon-text-default ok-info-text__icon" />
          {values.auth === 'browser'
            ? 'After saving, sign in with the browser. The password stays in the keychain until you remove the org, so you can switch back.'
            : 'After saving, OrgKey logs in with the password it kept, and the browser sign-in is revoked.'}
        </p>
      ) : null}
      <TextField
        field="username"
        label={values.auth === 'browser' ? 'Username (optional)' : 'Username'}
        value={values.username}
        required={values.auth !== 'browser'}
        inputMode="email"
        error={errors.username}
        hint={values.auth === 'browser' ? 'Prefills the login page. A sign-in replaces it with the username of whoever signed in.' : undefined}
        onChange={(v) => change('username', v)}
      />
      {values.auth === 'browser' ? (
        <BrowserLoginFields values={values} errors={errors} onChange={change} secretStored={secretStored} signedIn={signedIn} grouped />
      ) : (
        <ConnectedAppFields values={values} errors={errors} onChange={change} editing secretStored={secretStored} />
      )}
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

/**
 * The form after choosing another login method. A browser org's consumer key belongs to its
 * External Client App, not to a connected app for the password flow, so it is not carried over to
 * the password fields (and comes back when switching back); a password org's key is offered for
 * browser login, since the same app can serve both once its callback URL is added.
 */
function switchedTo(values: OrgFormValues, org: OrgDetail, auth: AuthMethod): OrgFormValues {
  if (auth === values.auth) return values;
  if (org.auth === 'browser') return { ...values, auth, clientId: auth === 'browser' ? (org.clientId ?? '') : '' };
  return { ...values, auth };
}
