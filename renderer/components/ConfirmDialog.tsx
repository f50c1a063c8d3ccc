import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface ConfirmDialogProps {
  title: string;
  /** The explanation; it becomes the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** While the action runs, the buttons ignore presses (they stay focusable). */
  busy?: boolean;
  /** Shown inside the dialog, e.g. an error from the action. */
  footerNote?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus goes on close when the element that had it at opening is gone (or was the page). */
  returnFocusId?: string;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * An SLDS prompt asking before something that cannot be undone (`role="alertdialog"`).
 *
 * While open, the rest of the app is `inert`, Tab cycles inside, Escape cancels, and focus starts
 * on the safe choice (WAI-ARIA APG alertdialog) and returns to the opener when it closes.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, cancelLabel = 'Cancel', busy = false, footerNote, onConfirm, onCancel, returnFocusId } = props;
  const titleId = useId();
  const bodyId = useId();
  const dialogRef = useRef<HTMLElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  // Read once at opening, like the opener: the dialog decides where focus returns when it opens.
  const returnFocusIdRef = useRef(returnFocusId);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const appRoot = document.getElementById('root');
    appRoot?.setAttribute('inert', '');
    cancelRef.current?.focus();
    return () => {
      appRoot?.removeAttribute('inert');
      // If the opener is gone (e.g. the view changed after removing), the new view places focus.
      if (opener?.isConnected) opener.focus();
      else if (returnFocusIdRef.current) document.getElementById(returnFocusIdRef.current)?.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (!busy) onCancel();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = Array.from(dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !dialogRef.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialogRef.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <>
      <section
        ref={dialogRef}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        className="slds-modal slds-fade-in-open slds-modal_prompt"
        onKeyDown={onKeyDown}
      >
        <div className="slds-modal__container">
          <div className="slds-modal__header">
            <h2 id={titleId} className="slds-modal__title slds-hyphenate">
              {title}
            </h2>
          </div>
          <div className="slds-modal__content slds-p-around_medium">
            <div id={bodyId}>{children}</div>
            {footerNote}
          </div>
          <div className="slds-modal__footer">
            <button
              ref={cancelRef}
              type="button"
              className="slds-button slds-button_neutral"
              aria-disabled={busy || undefined}
              onClick={() => !busy && onCancel()}
            >
              {cancelLabel}
            </button>
            <button
              type="button"
              className="slds-button slds-button_destructive"
              aria-disabled={busy || undefined}
              onClick={() => !busy && onConfirm()}
            >
              {confirmLabel}
            </button>
          </div>
        </div>
      </section>
      <div className="slds-backdrop slds-backdrop_open" role="presentation" />
    </>,
    document.body,
  );
}
