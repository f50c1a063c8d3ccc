/**
 * A small SLDS spinner beside text ("Testing…", "Waiting for the browser…"), hidden from screen
 * readers: the text says what is going on. SLDS centres its spinner in the nearest positioned box:
 * the wrapper is that box, an icon's size.
 */
export function InlineSpinner() {
  return (
    <span className="ok-testing__spinner" aria-hidden="true">
      <span className="slds-spinner slds-spinner_x-small">
        <span className="slds-spinner__dot-a" />
        <span className="slds-spinner__dot-b" />
      </span>
    </span>
  );
}
