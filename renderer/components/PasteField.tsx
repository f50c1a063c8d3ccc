import type { ReactNode, Ref } from 'react';
import { FormElement } from './FormElement';

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
  return (
    <FormElement controlId={id} label={label} messageBase={id} field={field} error={error} live={{ content: status }} hint={hint}>
      {(describedBy) => (
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
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormElement>
  );
}
