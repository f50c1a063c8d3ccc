import type { FieldErrors, OrgFieldName, OrgFormValues } from '../lib/orgForm';
import { TextField } from './TextField';

export interface ConnectedAppFieldsProps {
  values: Pick<OrgFormValues, 'clientId' | 'clientSecret'>;
  errors: FieldErrors;
  onChange: (field: Extract<OrgFieldName, 'clientId' | 'clientSecret'>, value: string) => void;
  /** In the edit form an empty key means "back to SOAP login()". */
  editing?: boolean;
  /** A consumer secret is stored, which an empty secret field keeps. */
  secretStored?: boolean;
}

/**
 * Consumer key and secret for the OAuth username-password flow, shared by the wizard and the edit
 * form.
 */
export function ConnectedAppFields({ values, errors, onChange, editing = false, secretStored = false }: ConnectedAppFieldsProps) {
  return (
    <div className="ok-subsection">
      <fieldset className="slds-form-element" aria-describedby="connected-app-hint">
        <legend className="slds-text-heading_small ok-subsection__title">Connected app (optional)</legend>
        <p id="connected-app-hint" className="ok-hint slds-m-bottom_small">
          Only if this org must log in through a connected app: orgs where SOAP login() is turned off.
        </p>
        <AppCredentialFields
          values={values}
          errors={errors}
          onChange={onChange}
          keyHint={editing ? 'Leave empty to log in with SOAP login() (password + token).' : undefined}
          secretLabel="Consumer secret"
          secretStored={secretStored}
        />
      </fieldset>
    </div>
  );
}

export interface AppCredentialFieldsProps {
  values: Pick<OrgFormValues, 'clientId' | 'clientSecret'>;
  errors: FieldErrors;
  onChange: (field: Extract<OrgFieldName, 'clientId' | 'clientSecret'>, value: string) => void;
  keyRequired?: boolean;
  keyHint?: string | undefined;
  secretLabel: string;
  secretHint?: string;
  /** A consumer secret is stored, which an empty secret field keeps. */
  secretStored: boolean;
}

/**
 * An app's consumer key and secret, for a connected app (username-password flow) or an External
 * Client App (browser login). The secret field keeps its value out of the page's HTML.
 */
export function AppCredentialFields({ values, errors, onChange, keyRequired, keyHint, secretLabel, secretHint, secretStored }: AppCredentialFieldsProps) {
  return (
    <>
      <TextField
        field="clientId"
        label="Consumer key"
        value={values.clientId}
        required={keyRequired}
        error={errors.clientId}
        hint={keyHint}
        onChange={(v) => onChange('clientId', v)}
      />
      <TextField
        field="clientSecret"
        label={secretLabel}
        type="password"
        value={values.clientSecret}
        error={errors.clientSecret}
        placeholder={secretStored ? 'Leave empty to keep the stored secret' : undefined}
        hint={secretHint}
        onChange={(v) => onChange('clientSecret', v)}
      />
    </>
  );
}
