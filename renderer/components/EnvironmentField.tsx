import type { EnvironmentKind } from '../../shared/domain';
import type { FieldErrors } from '../lib/orgForm';
import { FormGroup, RadioOption } from './FormElement';
import { TextField } from './TextField';

const OPTIONS: readonly { value: EnvironmentKind; label: string; hint: string }[] = [
  { value: 'production', label: 'Production', hint: 'login.salesforce.com' },
  { value: 'sandbox', label: 'Sandbox', hint: 'test.salesforce.com' },
  { value: 'custom', label: 'My Domain URL', hint: 'yourcompany.my.salesforce.com' },
];

export interface EnvironmentFieldProps {
  environment: EnvironmentKind;
  customUrl: string;
  errors: FieldErrors;
  /** Warnings for the URL, e.g. a host outside Salesforce's domains. */
  urlWarnings: readonly string[];
  onEnvironmentChange: (value: EnvironmentKind) => void;
  onCustomUrlChange: (value: string) => void;
  onCustomUrlBlur?: () => void;
}

/**
 * The "Environment" radio group, plus the "My Domain URL" input when that option is chosen.
 *
 * Each option's login host is part of its label ("Production login.salesforce.com"), which also
 * keeps the "My Domain URL" radio and the "My Domain URL" input apart for screen readers and tests.
 * Native radios give arrow-key movement for free.
 */
export function EnvironmentField(props: EnvironmentFieldProps) {
  const { environment, customUrl, errors, urlWarnings, onEnvironmentChange, onCustomUrlChange, onCustomUrlBlur } = props;
  const error = errors.environment;
  return (
    <>
      <FormGroup legend="Environment" messageBase="environment" field="environment" error={error}>
        {OPTIONS.map((option) => (
          <RadioOption
            key={option.value}
            id={`env-${option.value}`}
            name="environment"
            value={option.value}
            checked={environment === option.value}
            invalid={!!error}
            label={option.label}
            detail={option.hint}
            onChange={() => onEnvironmentChange(option.value)}
          />
        ))}
      </FormGroup>
      {environment === 'custom' ? (
        <TextField
          field="customUrl"
          label="My Domain URL"
          value={customUrl}
          placeholder="https://yourcompany.my.salesforce.com"
          inputMode="url"
          required
          error={errors.customUrl}
          warnings={urlWarnings}
          onChange={onCustomUrlChange}
          onBlur={onCustomUrlBlur}
        />
      ) : null}
    </>
  );
}
