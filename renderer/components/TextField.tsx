import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { inputIdOf } from '../lib/orgForm';
import { Icon } from './Icon';

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
}

/**
 * One SLDS text input with its label, error, warning and hint, all tied to it by id.
 *
 * The error and warnings are referenced by `aria-describedby`, so a screen reader reads them when
 * focus lands on the field; `aria-invalid` marks it bad. Credentials are never autocorrected.
 *
 * Password fields are uncontrolled: React mirrors a controlled input's value into the `value`
 * attribute, which would put the secret into the page's HTML. Their value is set as a DOM property.
 */
export function TextField(props: TextFieldProps) {
  const { field, label, value, onChange, onBlur, type = 'text', error, warnings = [], hint, placeholder, required, inputMode, action } = props;
  const id = inputIdOf(field);
  const secret = type === 'password';
  const inputRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    // Restores what was typed when the step is shown again; a no-op while typing.
    if (secret && inputRef.current && inputRef.current.value !== value) inputRef.current.value = value;
  }, [secret, value]);
  const errorId = `${field}-error`;
  const warningId = `${field}-warning`;
  const hintId = `${field}-hint`;
  const describedBy = [error ? errorId : null, warnings.length ? warningId : null, hint ? hintId : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={`slds-form-element slds-m-bottom_medium${error ? ' slds-has-error' : ''}`}>
      <label className="slds-form-element__label" htmlFor={id}>
        {label}
      </label>
      <div className={`slds-form-element__control${action ? ' ok-input-row' : ''}`}>
        <input
          ref={inputRef}
          id={id}
          name={field}
          className="slds-input"
          type={type}
          {...(secret ? {} : { value })}
          placeholder={placeholder}
          inputMode={inputMode}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          aria-required={required ? true : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
        {action}
      </div>
      {error ? (
        <div className="slds-form-element__help" id={errorId} data-field-error={field}>
          {error}
        </div>
      ) : null}
      {warnings.length ? <FieldWarnings id={warningId} messages={warnings} /> : null}
      {hint ? (
        <div className="ok-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** Warnings under a field: visible and read with the field, but they do not block. */
export function FieldWarnings({ id, messages }: { id: string; messages: readonly string[] }) {
  return (
    <div className="ok-field-warning" id={id}>
      <Icon name="warning" className="slds-icon slds-icon_x-small slds-icon-text-warning ok-field-warning__icon" />
      <div>
        {messages.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </div>
    </div>
  );
}
