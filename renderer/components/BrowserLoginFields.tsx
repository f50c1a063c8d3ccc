import { DEFAULT_CALLBACK_PORT } from '../../shared/domain';
import { callbackUrlOf, checkPortText, inputIdOf, type FieldErrors, type OrgFieldName, type OrgFormValues } from '../lib/orgForm';
import { AppCredentialFields } from './ConnectedAppFields';
import { CopyableText } from './CopyableText';
import { NumberField } from './NumberField';

export const CALLBACK_URL_ID = 'callback-url';

export interface BrowserLoginFieldsProps {
  values: Pick<OrgFormValues, 'clientId' | 'clientSecret' | 'callbackPort'>;
  errors: FieldErrors;
  onChange: (field: Extract<OrgFieldName, 'clientId' | 'clientSecret' | 'callbackPort'>, value: string) => void;
  /** A consumer secret is stored, which an empty secret field keeps. */
  secretStored?: boolean;
  /** Editing a signed-in org: a new consumer key ends the sign-in. */
  signedIn?: boolean;
  /** In the edit form the fields are a group under the others; in the wizard they are the whole step. */
  grouped?: boolean;
}

/**
 * The External Client App's consumer key and (optional) secret, the loopback callback port, and the
 * callback URL to register in the app, shown live for the port typed, with what to set up in
 * Salesforce in one line (README "Browser login"). Shared by the wizard and the edit form.
 */
export function BrowserLoginFields({ values, errors, onChange, secretStored = false, signedIn = false, grouped = false }: BrowserLoginFieldsProps) {
  const portOk = checkPortText(values.callbackPort).ok;
  return (
    <div className={grouped ? 'ok-subsection' : undefined} data-browser-login-fields="">
      <p id="browser-app-setup" className="slds-m-bottom_small ok-setup-line">
        In Salesforce: Setup → External Client App Manager → New External Client App, enable OAuth with the callback URL
        below and the scopes Manage user data via APIs (api), Access the identity URL service (id) and Perform requests at
        any time (refresh_token, offline_access); requiring PKCE is fine. Leave “Require secret for Web Server Flow” and
        “Require secret for Refresh Token Flow” off (PKCE protects the sign-in), or enter the consumer secret below if
        either is on. Then copy its consumer key here.
      </p>
      <AppCredentialFields
        values={values}
        errors={errors}
        onChange={onChange}
        keyRequired
        keyHint={signedIn ? 'A new consumer key signs this org out: sign in again afterwards.' : undefined}
        secretLabel="Consumer secret (optional)"
        secretHint="Only if the app requires one: “Require secret for Web Server Flow” or “Require secret for Refresh Token Flow”."
        secretStored={secretStored}
      />
      <NumberField
        id={inputIdOf('callbackPort')}
        field="callbackPort"
        label="Callback port"
        value={values.callbackPort}
        min={1024}
        max={65535}
        error={errors.callbackPort}
        hint={`OrgKey listens on this port on your computer while you sign in. ${DEFAULT_CALLBACK_PORT} unless another program uses it.`}
        onChange={(v) => onChange('callbackPort', v)}
      />
      <CopyableText
        id={CALLBACK_URL_ID}
        label="Callback URL to register in the app"
        copyName="Copy the callback URL"
        value={callbackUrlOf(values.callbackPort)}
        hint={portOk ? 'Add exactly this address to the app’s callback URLs.' : `Shown for port ${DEFAULT_CALLBACK_PORT} until the port above is a valid one.`}
      />
    </div>
  );
}
