import type { HTMLAttributes, ReactNode } from 'react';
import { Icon } from './Icon';

/** A live region under a field (what a paste was found to hold, "Copied."), read with the field. */
export interface LiveMessage {
  content: ReactNode;
  className?: string;
  /** Extra attributes on the region, e.g. `data-copy-state`. */
  attributes?: HTMLAttributes<HTMLDivElement> & Record<`data-${string}`, string>;
}

interface MessagesProps {
  /** The messages' ids are `${messageBase}-error`, `-warning`, `-status` and `-hint`. */
  messageBase: string;
  /** Names the field in the error's `data-field-error`, where forms look for the first bad field; needed with `error`. */
  field?: string;
  /** The specific message for a bad value; marks the element invalid. */
  error?: string | undefined;
  /** Non-blocking warnings. */
  warnings?: readonly string[];
  live?: LiveMessage;
  /** Always-visible help. */
  hint?: ReactNode;
}

export interface FormElementProps extends MessagesProps {
  /** The input's id: the label points at it. */
  controlId: string;
  label: ReactNode;
  /** Extra class of the control row, e.g. `ok-input-row` for an input with a button beside it. */
  controlClassName?: string;
  /** Renders the input, given the ids of the messages it must name in `aria-describedby`. */
  children: (describedBy: string | undefined) => ReactNode;
}

export interface FormGroupProps extends MessagesProps {
  /** The group's legend, e.g. "Environment". */
  legend: ReactNode;
  controlClassName?: string;
  /** The group's controls (radios, checkboxes, …). */
  children: ReactNode;
}

/**
 * One SLDS form element: a label and its input, then the error, warnings, live message and hint,
 * each tied to the input by id through `aria-describedby`, so a screen reader reads them when focus
 * lands on it.
 */
export function FormElement({ controlId, label, controlClassName, children, ...messages }: FormElementProps) {
  return (
    <div className={elementClass(messages.error)}>
      <label className="slds-form-element__label" htmlFor={controlId}>
        {label}
      </label>
      <div className={controlClass(controlClassName)}>{children(describedByOf(messages))}</div>
      <Messages {...messages} />
    </div>
  );
}

/** A group of controls under a legend (a fieldset), its messages tied to the group itself. */
export function FormGroup({ legend, controlClassName, children, ...messages }: FormGroupProps) {
  return (
    <fieldset className={elementClass(messages.error)} aria-describedby={describedByOf(messages)}>
      <legend className="slds-form-element__legend slds-form-element__label">{legend}</legend>
      <div className={controlClass(controlClassName)}>{children}</div>
      <Messages {...messages} />
    </fieldset>
  );
}

export interface RadioOptionProps {
  id: string;
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  label: ReactNode;
  /** Shown after the label, in its accessible name: what the choice means (a login host, a consequence). */
  detail?: ReactNode;
  disabled?: boolean;
  invalid?: boolean;
}

/** One SLDS radio button with its label; native radios give arrow-key movement in their group. */
export function RadioOption({ id, name, value, checked, onChange, label, detail, disabled, invalid }: RadioOptionProps) {
  return (
    <div className="slds-radio ok-radio">
      <input
        type="radio"
        id={id}
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        onChange={onChange}
      />
      <label className="slds-radio__label" htmlFor={id}>
        <span className="slds-radio_faux" />
        <span className="slds-form-element__label">{label}</span>
        {detail ? (
          <>
            {' '}
            <span className="ok-radio__hint">{detail}</span>
          </>
        ) : null}
      </label>
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

function Messages({ messageBase, field, error, warnings = [], live, hint }: MessagesProps) {
  const ids = idsOf(messageBase);
  return (
    <>
      {error ? (
        <div className="slds-form-element__help" id={ids.error} data-field-error={field}>
          {error}
        </div>
      ) : null}
      {warnings.length ? <FieldWarnings id={ids.warning} messages={warnings} /> : null}
      {live ? (
        <div {...live.attributes} className={live.className} id={ids.status} aria-live="polite">
          {live.content}
        </div>
      ) : null}
      {hint ? (
        <div className="ok-hint" id={ids.hint}>
          {hint}
        </div>
      ) : null}
    </>
  );
}

const idsOf = (base: string) => ({ error: `${base}-error`, warning: `${base}-warning`, status: `${base}-status`, hint: `${base}-hint` });

/** The ids of the messages shown, in reading order; undefined when there are none. */
function describedByOf({ messageBase, error, warnings = [], live, hint }: MessagesProps): string | undefined {
  const ids = idsOf(messageBase);
  const shown = [error ? ids.error : null, warnings.length ? ids.warning : null, live ? ids.status : null, hint ? ids.hint : null];
  return shown.filter(Boolean).join(' ') || undefined;
}

const elementClass = (error: string | undefined) => `slds-form-element slds-m-bottom_medium${error ? ' slds-has-error' : ''}`;
const controlClass = (extra: string | undefined) => `slds-form-element__control${extra ? ` ${extra}` : ''}`;
