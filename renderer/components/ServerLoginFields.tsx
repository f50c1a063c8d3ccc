/**
 * The app step of the two headless methods — client credentials and JWT bearer — with what to set
 * up in Salesforce, step by step, in the words of Setup's own labels (README "Before 20 February
 * 2027"). Shared by the wizard and the edit form.
 */
import type { ReactNode } from 'react';
import type { FieldErrors, OrgFieldName, OrgFormValues } from '../lib/orgForm';
import { AppCredentialFields } from './ConnectedAppFields';
import { TextField } from './TextField';

type AppField = Extract<OrgFieldName, 'clientId' | 'clientSecret'>;

interface ServerLoginFieldsProps {
  values: Pick<OrgFormValues, 'clientId' | 'clientSecret'>;
  errors: FieldErrors;
  onChange: (field: AppField, value: string) => void;
  /** In the edit form the fields are a group under the others; in the wizard they are the whole step. */
  grouped?: boolean;
}

/** "In Salesforce:" and the numbered steps, the list named by its lead for screen readers. */
function SetupSteps({ id, lead, steps }: { id: string; lead: string; steps: readonly ReactNode[] }) {
  return (
    <div className="slds-m-bottom_small ok-setup-line" data-setup-steps={id}>
      <p id={`${id}-lead`}>{lead}</p>
      <ol className="slds-list_ordered ok-setup-steps" aria-labelledby={`${id}-lead`}>
        {steps.map((step, index) => (
          <li key={index}>{step}</li>
        ))}
      </ol>
    </div>
  );
}

const NEW_APP = (
  <>
    Setup → <strong>External Client App Manager</strong> → <strong>New External Client App</strong>: a name, your contact email,
    Distribution State <strong>Local</strong>.
  </>
);
const ENABLE_OAUTH = (
  <>
    Under <strong>API (Enable OAuth Settings)</strong> select <strong>Enable OAuth</strong>. The callback URL is required but
    unused by this flow: any https address, e.g. https://login.salesforce.com/services/oauth2/success. OAuth scope:{' '}
    <strong>Manage user data via APIs (api)</strong> (refresh_token is not needed: this flow brings no refresh token).
  </>
);

/** The setup steps of a client-credentials org (the wizard and README say the same). */
export const CLIENT_CREDENTIALS_STEPS: readonly ReactNode[] = [
  NEW_APP,
  ENABLE_OAUTH,
  <>
    Under <strong>Flow Enablement</strong> select <strong>Enable Client Credentials Flow</strong> (accept the warning), then{' '}
    <strong>Create</strong>.
  </>,
  <>
    On the app's <strong>Policies</strong> tab → <strong>Edit</strong> → <strong>OAuth Policies</strong> → Client Credentials
    Flow: set <strong>Run As</strong> to an integration user with the <strong>API Only User</strong> permission. OrgKey acts as that
    user, and a test shows who it is.
  </>,
  <>
    On the <strong>Settings</strong> tab → <strong>OAuth Settings</strong> → <strong>Consumer Key and Secret</strong> (Salesforce
    asks you to verify your identity): copy both here.
  </>,
  <>
    This flow works only on the org’s <strong>My Domain URL</strong> (Setup → <strong>My Domain</strong> → Current My Domain URL):
    login.salesforce.com and test.salesforce.com answer “request not supported on this domain”. Choose it under Environment.
  </>,
];

/** The setup steps of a JWT bearer org. */
export const JWT_STEPS: readonly ReactNode[] = [
  NEW_APP,
  ENABLE_OAUTH,
  <>
    Under <strong>Flow Enablement</strong> select <strong>Enable JWT Bearer Flow</strong>; it asks for a certificate:{' '}
    <strong>Upload Files</strong> takes the one OrgKey makes when you save this org (<strong>Download .crt</strong> or{' '}
    <strong>Copy PEM</strong> in the org’s detail). Then <strong>Create</strong>.
  </>,
  <>
    On the app's <strong>Policies</strong> tab → <strong>Edit</strong> → <strong>OAuth Policies</strong>: Permitted Users{' '}
    <strong>Admin approved users are pre-authorized</strong>, then add the user’s profile (<strong>Select Profiles</strong>) or a
    permission set it has (<strong>Select Permission Sets</strong>).
  </>,
  <>
    On the <strong>Settings</strong> tab → <strong>OAuth Settings</strong> → <strong>Consumer Key and Secret</strong>: copy the
    consumer key here (the secret is not needed: the certificate proves OrgKey).
  </>,
];

/** Client credentials: the app's consumer key and secret (required; in the keychain only). */
export function ClientCredentialsFields({ values, errors, onChange, grouped = false, secretStored = false }: ServerLoginFieldsProps & { secretStored?: boolean }) {
  return (
    <div className={grouped ? 'ok-subsection' : undefined} data-client-credentials-fields="">
      <SetupSteps id="client-credentials-setup" lead="In Salesforce:" steps={CLIENT_CREDENTIALS_STEPS} />
      <AppCredentialFields
        values={values}
        errors={errors}
        onChange={onChange}
        keyRequired
        secretLabel="Consumer secret"
        secretHint="Kept in the system keychain only."
        secretStored={secretStored}
      />
    </div>
  );
}

/** JWT bearer: the app's consumer key; the key pair and certificate are OrgKey's to make. */
export function JwtFields({ values, errors, onChange, grouped = false }: ServerLoginFieldsProps) {
  return (
    <div className={grouped ? 'ok-subsection' : undefined} data-jwt-fields="">
      <SetupSteps id="jwt-setup" lead="In Salesforce:" steps={JWT_STEPS} />
      <TextField
        field="clientId"
        label="Consumer key"
        value={values.clientId}
        required
        error={errors.clientId}
        hint="When you save, OrgKey makes an RSA key pair (the private key stays in the system keychain) and the certificate to upload to the app."
        onChange={(v) => onChange('clientId', v)}
      />
    </div>
  );
}
