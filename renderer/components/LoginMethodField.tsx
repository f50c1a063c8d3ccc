import type { AuthMethod } from '../../shared/domain';
import { inputIdOf } from '../lib/orgForm';

const OPTIONS: readonly { value: AuthMethod; label: string; hint: string }[] = [
  { value: 'password', label: 'Password and security token', hint: 'SOAP login(), as Data Loader does; Salesforce retires it in Summer ’27' },
  { value: 'browser', label: 'Browser login (OAuth)', hint: 'sign in on the org’s own page through your External Client App; no password kept' },
];

export interface LoginMethodFieldProps {
  auth: AuthMethod;
  error?: string | undefined;
  onChange: (value: AuthMethod) => void;
  /** Options that cannot be chosen now, with the reason shown under the group. */
  unavailable?: Partial<Record<AuthMethod, string>>;
}

/**
 * "How OrgKey logs in": a radio group like Environment, each option's consequence in its label.
 *
 * The error (e.g. "OrgKey has no password for this org") is tied to the group by
 * `aria-describedby`, and focus goes to the checked radio (`inputIdOf('auth', …, auth)`).
 */
export function LoginMethodField({ auth, error, onChange, unavailable = {} }: LoginMethodFieldProps) {
  const notes = OPTIONS.flatMap((option) => (unavailable[option.value] ? [unavailable[option.value]!] : []));
  const describedBy = [error ? 'auth-error' : null, notes.length ? 'auth-hint' : null].filter(Boolean).join(' ');
  return (
    <fieldset className={`slds-form-element slds-m-bottom_medium${error ? ' slds-has-error' : ''}`} aria-describedby={describedBy || undefined}>
      <legend className="slds-form-element__legend slds-form-element__label">How OrgKey logs in</legend>
      <div className="slds-form-element__control">
        {OPTIONS.map((option) => {
          const id = inputIdOf('auth', 'production', option.value);
          return (
            <div className="slds-radio ok-radio" key={option.value}>
              <input
                type="radio"
                id={id}
                name="auth"
                value={option.value}
                checked={auth === option.value}
                disabled={unavailable[option.value] !== undefined && auth !== option.value}
                aria-invalid={error ? true : undefined}
                onChange={() => onChange(option.value)}
              />
              <label className="slds-radio__label" htmlFor={id}>
                <span className="slds-radio_faux" />
                <span className="slds-form-element__label">{option.label}</span>{' '}
                <span className="ok-radio__hint">{option.hint}</span>
              </label>
            </div>
          );
        })}
      </div>
      {error ? (
        <div className="slds-form-element__help" id="auth-error" data-field-error="auth">
          {error}
        </div>
      ) : null}
      {notes.length ? (
        <div className="ok-hint" id="auth-hint">
          {notes.join(' ')}
        </div>
      ) : null}
    </fieldset>
  );
}
