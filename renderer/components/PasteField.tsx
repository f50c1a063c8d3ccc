import type { ReactNode, Ref } from 'react';

export interface PasteFieldProps {
  id: string;
  /** Names the field in `data-field-error`, e.g. `pasted`. */
  field: string;
  label: string;
  onChange: (value: string) => void;
  /** The specific message for a bad paste (`${id}-error`). */
  error?: string | undefined;
  /** What was found in the paste (`${id}-status`), read with the field. */
  status?: ReactNode;
  hint?: ReactNode;
  inputRef?: Ref<HTMLTextAreaElement>;
}

/**
 * A textarea for a pasted token or email, with its error, findings and hint tied to it by id.
 *
 * Uncontrolled on purpose: a controlled textarea's value can reach the page's HTML as its text
 * content, and the paste holds a secret. Read the value through `inputRef`.
 */
export function PasteField({ id, field, label, onChange, error, status, hint, inputRef }: PasteFieldProps) {
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, status ? statusId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={`slds-form-element slds-m-bottom_medium${error ? ' slds-has-error' : ''}`}>
      <label className="slds-form-element__label" htmlFor={id}>
        {label}
      </label>
      <div className="slds-form-element__control">
        <textarea
          ref={inputRef}
          id={id}
          name={field}
          className="slds-textarea ok-paste"
          rows={6}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
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
      <div id={statusId} aria-live="polite">
        {status}
      </div>
      {hint ? (
        <div className="ok-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
