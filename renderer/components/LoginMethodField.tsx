import type { AuthMethod } from '../../shared/domain';
import { inputIdOf } from '../lib/orgForm';
import { FormGroup, RadioOption } from './FormElement';

const OPTIONS: readonly { value: AuthMethod; label: string; hint: string }[] = [
  { value: 'password', label: 'Password and security token', hint: 'SOAP login(), as Data Loader does; Salesforce retires it in Summer ’27' },
  { value: 'browser', label: 'Browser login (OAuth)', hint: 'a person signs in on the org’s own page through your External Client App; no password kept' },
  { value: 'client-credentials', label: 'Client credentials (OAuth)', hint: 'for servers and tools: the app’s own key and secret log in as its Run As user; needs the My Domain URL' },
  { value: 'jwt', label: 'JWT bearer (certificate)', hint: 'for servers and tools: OrgKey makes a key and a certificate you upload to the app; no secret to type' },
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
  return (
    <FormGroup legend="How OrgKey logs in" messageBase="auth" field="auth" error={error} hint={notes.length ? notes.join(' ') : undefined}>
      {OPTIONS.map((option) => (
        <RadioOption
          key={option.value}
          id={inputIdOf('auth', 'production', option.value)}
          name="auth"
          value={option.value}
          checked={auth === option.value}
          disabled={unavailable[option.value] !== undefined && auth !== option.value}
          invalid={!!error}
          label={option.label}
          detail={option.hint}
          onChange={() => onChange(option.value)}
        />
      ))}
    </FormGroup>
  );
}
