import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { inputIdOf } from '../lib/orgForm';
import { FormElement } from './FormElement';

export interface TextFieldProps {
  /** Names the field: its input id (`inputIdOf(field)`), `name`, and the ids of its messages. */
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  type?: 'text' | 'password';
  /** The specific message for a bad value; shown under the field (`${field}-error`). */
  error?: string | undefined;
  /** Non-blocking warnings (`${field}-warning`). */
  warnings?: readonly string[];
  /** Always-visible help (`${field}-hint`). */
  hint?: ReactNode;
  placeholder?: string;
  required?: boolean;
  inputMode?: 'text' | 'url' | 'email';
  /** A control beside the input, e.g. a "Choose folder" button. */
  action?: ReactNode;
  /** Suggestions as the input's `<datalist>` (any value may still be typed). */
  suggestions?: readonly string[];
}

/**
 * One SLDS text input with its label, error, warnings and hint (`${field}-error`, …), all tied to
 * it by id; `aria-invalid` marks it bad. Credentials are never autocorrected.
 *
 * Password fields are uncontrolled: React mirrors a controlled input's value into the `value`
 * attribute, which would put the secret into the page's HTML. Their value is set as a DOM property.
 */
export function TextField(props: TextFieldProps) {
  const { field, label, value, onChange, onBlur, type = 'text', error, warnings = [], hint, placeholder, required, inputMode, action, suggestions } = props;
  const id = inputIdOf(field);
  const secret = type === 'password';
  const inputRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    // Restores what was typed when the step is shown again; a no-op while typing.
    if (secret && inputRef.current && inputRef.current.value !== value) inputRef.current.value = value;
  }, [secret, value]);
  return (
    <FormElement
      controlId={id}
      label={label}
      messageBase={field}
      field={field}
      error={error}
      warnings={warnings}
      hint={hint}
      controlClassName={action ? 'ok-input-row' : undefined}
    >
      {(describedBy) => (
        <>
          <input
            ref={inputRef}
            id={id}
            name={field}
            className="slds-input"
            type={type}
            {...(secret ? {} : { value })}
            placeholder={placeholder}
            inputMode={inputMode}
            list={suggestions ? `${id}-suggestions` : undefined}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            aria-required={required ? true : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value)}
            onBlur={onBlur}
          />
          {suggestions ? (
            <datalist id={`${id}-suggestions`}>
              {suggestions.map((suggestion) => (
                <option key={suggestion} value={suggestion} />
              ))}
            </datalist>
          ) : null}
          {action}
        </>
      )}
    </FormElement>
  );
}
