import type { ReactNode } from 'react';
import { FormElement } from './FormElement';

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
  return (
    <FormElement controlId={id} label={label} messageBase={id} field={field} error={error} hint={hint}>
      {(describedBy) => (
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
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormElement>
  );
}
