import { useEffect, useRef, useState } from 'react';
import { FormElement } from './FormElement';

export interface CopyableTextProps {
  /** The read-only field's id; its label points at it. */
  id: string;
  label: string;
  /** Not a secret: the renderer may hold it and put it on the clipboard itself. */
  value: string;
  hint?: string;
  /** The Copy button's accessible name, e.g. "Copy the callback URL" (it starts with the visible "Copy"). */
  copyName: string;
}

type CopyState = 'idle' | 'copied' | 'select';

/**
 * A value to take elsewhere (a callback URL to register, an address to open), shown whole in a
 * read-only field with a Copy button.
 *
 * Only for values that are not secret: secrets are copied by the main process (secrets.copy). Where
 * the page may not write the clipboard, the text is selected instead so Ctrl+C / ⌘C takes it.
 */
export function CopyableText({ id, label, value, hint, copyName }: CopyableTextProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>('idle');
  // A new value makes "Copied" untrue.
  useEffect(() => setState('idle'), [value]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setState('select');
    }
  }

  const message =
    state === 'copied' ? 'Copied.' : state === 'select' ? 'The clipboard is not available here: the text is selected, press Ctrl+C (⌘C on a Mac) to copy it.' : '';
  return (
    <FormElement
      controlId={id}
      label={label}
      messageBase={id}
      live={{ content: message, className: 'ok-hint', attributes: { 'data-copy-state': state } }}
      hint={hint}
      controlClassName="ok-input-row"
    >
      {(describedBy) => (
        <>
          <input
            ref={inputRef}
            id={id}
            className="slds-input ok-mono ok-copyable"
            type="text"
            readOnly
            value={value}
            spellCheck={false}
            aria-describedby={describedBy}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="slds-button slds-button_neutral" aria-label={copyName} onClick={() => void copy()}>
            Copy
          </button>
        </>
      )}
    </FormElement>
  );
}
