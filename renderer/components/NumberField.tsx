import type { ReactNode } from 'react';

export interface NumberFieldProps {
  id: string;
  /** Names the field in `data-field-error`, e.g. the preference key. */
  field: string;
  label: string;
  value: string;
  min: number;
  max: number;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
}

/**
 * One SLDS number input with its label, error and hint tied to it by id (`${id}-error`,
 * `${id}-hint`), like TextField. The value stays a string so a half-typed number is not lost.
 */
export function NumberField({ id, field, label, value, min, max, onChange, error, hint }: NumberFieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={`slds-form-element slds-m-bottom_medium${error ? ' slds-has-error' : ''}`}>
      <label className="slds-form-element__label" htmlFor={id}>
        {label}
      </label>
      <div className="slds-form-element__control">
        <input
          id={id}
          name={field}
          className="slds-input ok-number"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
      {error ? (
        <div className="slds-form-element__help" id={errorId} data-field-error={field}>
          {error}
        </div>
      ) : null}
      {hint ? (
        <div className="ok-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
