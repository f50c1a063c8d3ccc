import { useRef, useState } from 'react';
import type { OpenedInBrowser, OrgDetail } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { LoginErrorAlert } from '../components/LoginErrorAlert';
import { TextField } from '../components/TextField';
import { call } from '../lib/api';

export const OPEN_IN_BROWSER_ID = 'open-in-browser-button';

type OpenRun = { status: 'idle' } | { status: 'opening' } | { status: 'done'; answer: OpenedInBrowser } | { status: 'failed'; error: AppError };

/**
 * "Open in browser": the main process logs in with the org's own method and opens a single-use
 * login link (never a session id in a URL); the window learns only what was opened, never the link.
 */
export function OpenInBrowserSection({ org }: { org: OrgDetail }) {
  const [path, setPath] = useState('');
  const [run, setRun] = useState<OpenRun>({ status: 'idle' });
  const latest = useRef(0);

  async function open(confirmRetry = false) {
    const request = ++latest.current;
    setRun({ status: 'opening' });
    const trimmed = path.trim();
    const result = await call((api) => api.orgs.openInBrowser({ id: org.id, ...(trimmed ? { path: trimmed } : {}), ...(confirmRetry ? { confirmRetry: true } : {}) }));
    if (request !== latest.current) return;
    setRun(result.ok ? { status: 'done', answer: result.value } : { status: 'failed', error: result.error });
  }

  const pathError = run.status === 'failed' && run.error.field === 'path' ? run.error.message : undefined;
  return (
    <section className="ok-card ok-copy" aria-labelledby="open-in-browser-heading">
      <h2 id="open-in-browser-heading" className="slds-text-heading_medium slds-m-bottom_small">
        Open in browser
      </h2>
      <p className="slds-m-bottom_small ok-setup-line">
        OrgKey logs in and opens the org in your browser with a single-use login link: it works once, for a short time, and no
        session id goes into an address or your browser history.
      </p>
      <TextField
        field="openPath"
        label="Page to open (optional)"
        value={path}
        onChange={setPath}
        placeholder="/lightning/setup/SetupOneHome/home"
        error={pathError}
      />
      <div className="ok-copy__buttons slds-m-top_small">
        <button id={OPEN_IN_BROWSER_ID} type="button" className="slds-button slds-button_neutral" disabled={run.status === 'opening'} onClick={() => void open()}>
          Open in browser
        </button>
      </div>
      <OpenInBrowserResult run={run} onConfirmRetry={() => void open(true)} />
    </section>
  );
}

/** What came of the last *Open in browser*: opened, the login page instead (and why), a failed login, or the guard's question. */
export function OpenInBrowserResult({ run, onConfirmRetry }: { run: OpenRun; onConfirmRetry: () => void }) {
  if (run.status === 'opening') return <p role="status" className="slds-m-top_x-small">Logging in…</p>;
  if (run.status === 'failed') {
    if (run.error.field === 'path') return null;
    return <LoginErrorAlert error={run.error} onConfirmRetry={onConfirmRetry} />;
  }
  if (run.status !== 'done') return null;
  const { answer } = run;
  if (!answer.ok) {
    const failure = answer.outcome.failure;
    return (
      <div role="alert" className="slds-text-color_error slds-m-top_x-small">
        <p>{failure ? failure.message : 'The login failed.'}</p>
        {failure?.remedy ? <p>{failure.remedy}</p> : null}
      </div>
    );
  }
  return (
    <p role="status" className="slds-m-top_x-small">
      {answer.kind === 'single-use' ? 'Opened in your browser with a single-use login link.' : answer.reason}
    </p>
  );
}

export type { OpenRun };
