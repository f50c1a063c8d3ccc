import { useMemo, useState, type FormEvent } from 'react';
import type { AuthMethod, OrgDetail, OrgSaved } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { checkLoginUrl } from '../../shared/validation';
import { BrowserLoginFields } from '../components/BrowserLoginFields';
import { ConnectedAppFields } from '../components/ConnectedAppFields';
import { ClientCredentialsFields, JwtFields } from '../components/ServerLoginFields';
import { EnvironmentField } from '../components/EnvironmentField';
import { ColorField, GroupField } from '../components/GroupColorFields';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoginMethodField } from '../components/LoginMethodField';
import { Icon } from '../components/Icon';
import { TextField } from '../components/TextField';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { call } from '../lib/api';
import { secretsText } from '../lib/format';
import { loginMethodOf, secretsLeftBy } from '../../shared/login-methods';
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
 * the wizard. Any org can switch to any other login method here (to the password only while a
 * password is in the keychain); the old method's secrets stay until a test proves the new one.
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
  // A client-credentials org needs its own app's secret: one kept for another method's app is not taken as it.
  const keepsSecret = secretStored && (values.auth !== 'client-credentials' || org.auth === 'client-credentials');

  function change<F extends OrgFieldName>(field: F, value: OrgFormValues[F]) {
    setValues((previous) => (field === 'auth' ? switchedTo(previous, org, value as AuthMethod) : { ...previous, [field]: value }));
    setErrors((previous) => {
      const next = { ...previous };
      delete next[field];
      if (field === 'environment') delete next.customUrl;
      // The other method's fields are other fields: their messages no longer apply.
      // The method decides whether the environment must be a My Domain, too.
      if (field === 'auth') for (const stale of ['environment', 'customUrl', 'username', 'clientId', 'clientSecret', 'callbackPort'] as const) delete next[stale];
      return next;
    });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setUrlTouched(true);
    const check = checkFields(values, fields, { keepsClientSecret: keepsSecret });
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
      <GroupField value={values.group} error={errors.group} onChange={(v) => change('group', v)} />
      <EnvironmentField
        environment={values.environment}
        customUrl={values.customUrl}
        errors={errors}
        urlWarnings={urlWarnings}
        onEnvironmentChange={(v) => change('environment', v)}
        onCustomUrlChange={(v) => change('customUrl', v)}
        onCustomUrlBlur={() => setUrlTouched(true)}
      />
      <ColorField
        value={values.color}
        environment={values.environment}
        customUrl={values.customUrl}
        lastTest={org.lastTest}
        error={errors.color}
        onChange={(v) => change('color', v)}
      />
      <LoginMethodField
        auth={values.auth}
        error={errors.auth}
        onChange={(v) => change('auth', v)}
        unavailable={
          org.auth !== 'password' && !org.secrets.password.present
            ? { password: `OrgKey has no password for this org (it was added with ${loginMethodOf(org).label}); add it again to log in with a password.` }
            : {}
        }
      />
      {switching ? <SwitchNote org={org} to={values.auth} /> : null}
      {values.auth === 'client-credentials' ? null : (
        <TextField
          field="username"
          label={values.auth === 'browser' ? 'Username (optional)' : 'Username'}
          value={values.username}
          required={values.auth !== 'browser'}
          inputMode="email"
          error={errors.username}
          hint={
            values.auth === 'browser'
              ? 'Prefills the login page. A sign-in replaces it with the username of whoever signs in.'
              : values.auth === 'jwt'
                ? 'The user OrgKey logs in as. Its profile or a permission set it has must be pre-authorized in the app’s policies.'
                : undefined
          }
          onChange={(v) => change('username', v)}
        />
      )}
      {values.auth === 'browser' ? (
        <BrowserLoginFields values={values} errors={errors} onChange={change} secretStored={secretStored} signedIn={signedIn} grouped />
      ) : values.auth === 'client-credentials' ? (
        <ClientCredentialsFields values={values} errors={errors} onChange={change} secretStored={secretStored && org.auth === 'client-credentials'} grouped />
      ) : values.auth === 'jwt' ? (
        <JwtFields values={values} errors={errors} onChange={change} grouped />
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
 * What happens after saving a switch: the new method's next step, and that the old method's secrets
 * stay in the keychain until a test proves the new one (then the detail offers to delete them).
 */
function SwitchNote({ org, to }: { org: OrgDetail; to: OrgFormValues['auth'] }) {
  const next =
    to === 'browser'
      ? 'After saving, sign in with the browser.'
      : to === 'jwt'
        ? 'After saving, upload the certificate OrgKey makes to the app (Download .crt or Copy PEM in the detail), then test the connection.'
        : to === 'password'
          ? 'After saving, OrgKey logs in with the password it kept.'
          : 'After saving, test the connection: it shows the app’s Run As user.';
  const left = secretsLeftBy(org.auth, to).filter((kind) => org.secrets[kind].present);
  const kept = left.length
    ? ` OrgKey keeps ${secretsText(left)} in the keychain until a test proves ${loginMethodOf(to).label}; then you can delete ${left.length === 1 ? 'it' : 'them'}, or switch back.`
    : '';
  return (
    <p className="ok-info-text" data-switching-to={to}>
      <Icon name="info" className="slds-icon slds-icon_x-small slds-icon-text-default ok-info-text__icon" />
      {`${next}${kept}`}
    </p>
  );
}

/**
 * The form after choosing another login method. A consumer key belongs to its app: a connected
 * app's key for the password flow is offered to the External Client App methods (the same app can
 * serve them once set up), but an External Client App's key is not carried into the password
 * flow's optional connected-app field (it comes back when switching back).
 */
function switchedTo(values: OrgFormValues, org: OrgDetail, auth: AuthMethod): OrgFormValues {
  if (auth === values.auth) return values;
  if (org.auth === 'password') return { ...values, auth };
  if (auth === 'password') return { ...values, auth, clientId: '' };
  return { ...values, auth, clientId: values.auth === 'password' ? (org.clientId ?? '') : values.clientId };
}
