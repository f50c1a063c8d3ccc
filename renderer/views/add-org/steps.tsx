/**
 * The four steps of the Add org wizard. Each is a plain view of the shared form state: the wizard
 * owns the values, so going Back or Next never loses what was typed (nor does switching how the
 * org logs in: each method's fields keep their values).
 */
import type { Notice } from '../../../shared/domain';
import { BrowserLoginFields } from '../../components/BrowserLoginFields';
import { ConnectedAppFields } from '../../components/ConnectedAppFields';
import { ClientCredentialsFields, JwtFields } from '../../components/ServerLoginFields';
import { EnvironmentField } from '../../components/EnvironmentField';
import { ColorField, GroupField } from '../../components/GroupColorFields';
import { OrgSwatch } from '../../components/OrgSwatch';
import { LoginMethodField } from '../../components/LoginMethodField';
import { FieldWarnings } from '../../components/FormElement';
import { SecretMask } from '../../components/SecretMask';
import { defaultOrgColor, orgColorLabel } from '../../../shared/org-colors';
import { TextField } from '../../components/TextField';
import { environmentLabel, loginMethodLabel } from '../../lib/format';
import { callbackUrlOf, type FieldErrors, type OrgFieldName, type OrgFormValues } from '../../lib/orgForm';

export interface StepProps {
  values: OrgFormValues;
  errors: FieldErrors;
  onChange: <F extends OrgFieldName>(field: F, value: OrgFormValues[F]) => void;
}

export function WhereStep({ values, errors, onChange, urlWarnings, onUrlBlur }: StepProps & { urlWarnings: readonly string[]; onUrlBlur: () => void }) {
  return (
    <>
      <TextField field="alias" label="Name" value={values.alias} required error={errors.alias} onChange={(v) => onChange('alias', v)} />
      <GroupField value={values.group} error={errors.group} onChange={(v) => onChange('group', v)} />
      <EnvironmentField
        environment={values.environment}
        customUrl={values.customUrl}
        errors={errors}
        urlWarnings={urlWarnings}
        onEnvironmentChange={(v) => onChange('environment', v)}
        onCustomUrlChange={(v) => onChange('customUrl', v)}
        onCustomUrlBlur={onUrlBlur}
      />
      <ColorField value={values.color} environment={values.environment} customUrl={values.customUrl} error={errors.color} onChange={(v) => onChange('color', v)} />
      <LoginMethodField auth={values.auth} error={errors.auth} onChange={(v) => onChange('auth', v)} />
    </>
  );
}

export function WhoStep({ values, errors, onChange }: StepProps) {
  const browser = values.auth === 'browser';
  if (values.auth === 'client-credentials') {
    return (
      <p className="ok-setup-line" data-run-as-note="">
        The app’s <strong>Run As</strong> user (Policies → OAuth Policies → Client Credentials Flow in Salesforce) is who OrgKey
        acts as; nobody types a username or password here. <strong>Test connection</strong> shows the user.
      </p>
    );
  }
  if (values.auth === 'jwt') {
    return (
      <TextField
        field="username"
        label="Username"
        value={values.username}
        required
        inputMode="email"
        error={errors.username}
        hint="The user OrgKey logs in as. Its profile or a permission set it has must be pre-authorized in the app’s policies."
        onChange={(v) => onChange('username', v)}
      />
    );
  }
  return (
    <TextField
      field="username"
      label={browser ? 'Username (optional)' : 'Username'}
      value={values.username}
      required={!browser}
      inputMode="email"
      error={errors.username}
      hint={browser ? 'Prefills the login page. OrgKey keeps the username of whoever signs in.' : undefined}
      onChange={(v) => onChange('username', v)}
    />
  );
}

export function SecretsStep({ values, errors, onChange }: StepProps) {
  return (
    <>
      <TextField
        field="password"
        label="Password"
        type="password"
        value={values.password}
        required
        error={errors.password}
        onChange={(v) => onChange('password', v)}
      />
      <TextField
        field="token"
        label="Security token (optional)"
        type="password"
        value={values.token}
        error={errors.token}
        hint="Leave empty if this network is in the org’s trusted IP ranges; otherwise Salesforce needs it."
        onChange={(v) => onChange('token', v)}
      />
      <ConnectedAppFields values={values} errors={errors} onChange={onChange} />
    </>
  );
}

/** Browser login's third step: the app OrgKey signs in through, and the callback URL to register in it. */
export function AppStep({ values, errors, onChange }: StepProps) {
  if (values.auth === 'client-credentials') return <ClientCredentialsFields values={values} errors={errors} onChange={onChange} />;
  if (values.auth === 'jwt') return <JwtFields values={values} errors={errors} onChange={onChange} />;
  return <BrowserLoginFields values={values} errors={errors} onChange={onChange} />;
}

/** The summary before saving: secrets only as dots, so nothing secret is ever shown on screen. */
export function ReviewStep({ values, loginUrl, notices }: { values: OrgFormValues; loginUrl: string; notices: readonly Notice[] }) {
  const token = values.token.trim();
  const clientId = values.clientId.trim();
  const browser = values.auth === 'browser';
  const clientSecret = values.clientSecret.trim();
  const color = values.color || defaultOrgColor({ environment: values.environment, loginUrl });
  return (
    <dl className="slds-dl_horizontal ok-summary">
      <dt className="slds-dl_horizontal__label">Name</dt>
      <dd className="slds-dl_horizontal__detail">{values.alias.trim()}</dd>
      <dt className="slds-dl_horizontal__label">Group</dt>
      <dd className="slds-dl_horizontal__detail">{values.group.trim() || 'None'}</dd>
      <dt className="slds-dl_horizontal__label">Environment</dt>
      <dd className="slds-dl_horizontal__detail">{environmentLabel(values.environment)}</dd>
      <dt className="slds-dl_horizontal__label">Colour</dt>
      <dd className="slds-dl_horizontal__detail">
        <span className="ok-color-option">
          <OrgSwatch color={color} />
          {values.color ? orgColorLabel(color) : `Default (${orgColorLabel(color)})`}
        </span>
      </dd>
      <dt className="slds-dl_horizontal__label">Login URL</dt>
      <dd className="slds-dl_horizontal__detail">
        {loginUrl}
        {notices.length ? <FieldWarnings id="review-url-warning" messages={notices.map((n) => n.message)} /> : null}
      </dd>
      <dt className="slds-dl_horizontal__label">Username</dt>
      <dd className="slds-dl_horizontal__detail">
        {values.auth === 'client-credentials' ? 'The app’s Run As user (a test shows it)' : values.username.trim() || 'From the sign-in'}
      </dd>
      {values.auth === 'client-credentials' || values.auth === 'jwt' ? (
        <>
          <dt className="slds-dl_horizontal__label">Login method</dt>
          <dd className="slds-dl_horizontal__detail">{loginMethodLabel(values.auth, clientId)}</dd>
          {values.auth === 'client-credentials' ? (
            <>
              <dt className="slds-dl_horizontal__label">Consumer secret</dt>
              <dd className="slds-dl_horizontal__detail">
                <SecretMask length={clientSecret.length} />
              </dd>
            </>
          ) : (
            <>
              <dt className="slds-dl_horizontal__label">Certificate</dt>
              <dd className="slds-dl_horizontal__detail">Made when you save: upload it to the app, then test the connection</dd>
            </>
          )}
        </>
      ) : browser ? (
        <>
          <dt className="slds-dl_horizontal__label">Login method</dt>
          <dd className="slds-dl_horizontal__detail">{loginMethodLabel('browser', clientId)}</dd>
          <dt className="slds-dl_horizontal__label">Consumer secret</dt>
          <dd className="slds-dl_horizontal__detail">{clientSecret ? <SecretMask length={clientSecret.length} /> : 'None (the app needs none)'}</dd>
          <dt className="slds-dl_horizontal__label">Callback URL</dt>
          <dd className="slds-dl_horizontal__detail ok-mono">{callbackUrlOf(values.callbackPort)}</dd>
        </>
      ) : (
        <>
          <dt className="slds-dl_horizontal__label">Password</dt>
          <dd className="slds-dl_horizontal__detail">
            <SecretMask length={values.password.length} />
          </dd>
          <dt className="slds-dl_horizontal__label">Security token</dt>
          <dd className="slds-dl_horizontal__detail">{token ? <SecretMask length={token.length} /> : 'Not set'}</dd>
          <dt className="slds-dl_horizontal__label">Login method</dt>
          <dd className="slds-dl_horizontal__detail">{loginMethodLabel('password', clientId || undefined)}</dd>
          {clientId ? (
            <>
              <dt className="slds-dl_horizontal__label">Consumer secret</dt>
              <dd className="slds-dl_horizontal__detail">
                <SecretMask length={values.clientSecret.trim().length} />
              </dd>
            </>
          ) : null}
        </>
      )}
    </dl>
  );
}
