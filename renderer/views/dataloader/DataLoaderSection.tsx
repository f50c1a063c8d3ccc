import { useState } from 'react';
import type { DataLoaderExportInfo, DataLoaderExportResult, OrgDetail } from '../../../shared/domain';
import { loginMethodOf } from '../../../shared/login-methods';
import type { AppError } from '../../../shared/result';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import type { ToastMessage } from '../../components/ToastRegion';
import { useFocusRequest } from '../../hooks/useFocusRequest';
import { call } from '../../lib/api';
import { refreshCommand } from '../../lib/dataloaderForm';
import { formatTimestamp } from '../../lib/format';
import { orgStore } from '../../store/useOrgs';
import { EXPORT_FOLDER_ID, ExportForm } from './ExportForm';

const OPEN_EXPORT_ID = 'dataloader-open-export';
const RESULT_HEADING_ID = 'dataloader-result-heading';

/** The last part of a path, for either separator (the renderer has no `path` module). */
const fileName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** "a", "a and b", "a, b and c". */
function inWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export interface DataLoaderSectionProps {
  org: OrgDetail;
  onToast?: (message: ToastMessage) => void;
}

/**
 * "Data Loader": the folders OrgKey wrote for this org's batch jobs, whether each still holds the
 * current password + token (or, for an org without a password, when its access token was last
 * renewed), Refresh / Forget, and the export form.
 */
export function DataLoaderSection({ org, onToast }: DataLoaderSectionProps) {
  const [formOpen, setFormOpen] = useState(false);
  const [result, setResult] = useState<DataLoaderExportResult | null>(null);
  const [refreshing, setRefreshing] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, AppError>>({});
  const [forgetting, setForgetting] = useState<DataLoaderExportInfo | null>(null);
  const [forgetBusy, setForgetBusy] = useState(false);
  const [forgetError, setForgetError] = useState<AppError | null>(null);
  const requestFocus = useFocusRequest();
  const exports = org.dataLoaderExports;
  // The login table says what an export holds: the password + token, or an access token OrgKey minted.
  const accessToken = loginMethodOf(org).dataLoader === 'access-token';
  // An export was written, refreshed or forgotten: the org is asked for again, for list and detail.
  const changed = () => void orgStore.loadOrg(org.id);

  function openForm() {
    setResult(null);
    setFormOpen(true);
    requestFocus(EXPORT_FOLDER_ID);
  }

  function exported(next: DataLoaderExportResult) {
    setFormOpen(false);
    setResult(next);
    setRowErrors((previous) => withoutKey(previous, next.export.id));
    onToast?.({ title: `Exported for Data Loader to ${next.export.folder}`, notices: [] });
    requestFocus(RESULT_HEADING_ID);
    changed();
  }

  async function refresh(record: DataLoaderExportInfo) {
    if (refreshing) return;
    setRefreshing(record.id);
    setRowErrors((previous) => withoutKey(previous, record.id));
    const outcome = await call((api) => api.dataloader.refresh({ id: org.id, exportId: record.id }));
    setRefreshing(null);
    if (!outcome.ok) {
      setRowErrors((previous) => ({ ...previous, [record.id]: outcome.error }));
      return;
    }
    const files = inWords(outcome.value.written.map(fileName));
    onToast?.({
      title: accessToken
        ? `Access token renewed: sfdc.oauth.accesstoken and sfdc.password re-encrypted in ${files}`
        : `Export refreshed: sfdc.password re-encrypted in ${files}`,
      notices: [],
    });
    // A password export's button goes away with the stale state; focus lands on the row's status instead.
    requestFocus(statusIdOf(record.id));
    changed();
  }

  async function forget() {
    if (!forgetting || forgetBusy) return;
    setForgetBusy(true);
    setForgetError(null);
    const outcome = await call((api) => api.dataloader.forget({ id: org.id, exportId: forgetting.id }));
    setForgetBusy(false);
    if (!outcome.ok) {
      setForgetError(outcome.error);
      return;
    }
    onToast?.({ title: `Forgot the export in ${forgetting.folder}; its files are still there`, notices: [] });
    setRowErrors((previous) => withoutKey(previous, forgetting.id));
    setForgetting(null);
    requestFocus(OPEN_EXPORT_ID);
    changed();
  }

  return (
    <section className="ok-card ok-dataloader" aria-labelledby="dataloader-heading">
      <div className="ok-section__header">
        <h2 id="dataloader-heading" className="slds-text-heading_medium">
          Data Loader
        </h2>
        {!formOpen ? (
          <div className="ok-section__actions">
            <button id={OPEN_EXPORT_ID} type="button" className="slds-button slds-button_neutral" onClick={openForm}>
              Export for Data Loader…
            </button>
          </div>
        ) : null}
      </div>
      {accessToken ? (
        <p className="slds-m-bottom_small">
          A folder Data Loader’s batch mode runs as it is: config.properties, process-conf.xml and a key file, with an
          access token for this org and its instance URL — no password, since the org has none. Data Loader never
          renews the token, so a scheduled job runs <code className="ok-mono">{refreshCommand(org.alias)}</code> first
          (README.txt in the folder has the two-line job); <strong>Renew access token</strong> renews it now.
        </p>
      ) : (
        <p className="slds-m-bottom_small">
          A folder Data Loader’s batch mode runs as it is: config.properties, process-conf.xml and a key file, with the
          password and token already encrypted.
        </p>
      )}

      {result ? (
        <ExportResultPanel
          result={result}
          alias={org.alias}
          accessToken={accessToken}
          onDismiss={() => {
            setResult(null);
            requestFocus(OPEN_EXPORT_ID);
          }}
        />
      ) : null}
      {formOpen ? (
        <ExportForm
          org={org}
          onExported={exported}
          onCancel={() => {
            setFormOpen(false);
            requestFocus(OPEN_EXPORT_ID);
          }}
        />
      ) : null}

      {exports.length ? (
        <ul className="ok-exports" aria-label="Exports">
          {exports.map((record) => (
            <ExportRow
              key={record.id}
              record={record}
              accessToken={accessToken}
              refreshing={refreshing === record.id}
              error={rowErrors[record.id] ?? null}
              onRefresh={() => void refresh(record)}
              onForget={() => {
                setForgetError(null);
                setForgetting(record);
              }}
            />
          ))}
        </ul>
      ) : (
        <p className="ok-muted">No exports yet.</p>
      )}

      {forgetting ? (
        <ConfirmDialog
          title="Forget this export?"
          confirmLabel="Forget export"
          busy={forgetBusy}
          returnFocusId={OPEN_EXPORT_ID}
          footerNote={forgetError ? <ErrorAlert error={forgetError} /> : null}
          onConfirm={() => void forget()}
          onCancel={() => setForgetting(null)}
        >
          <p>
            OrgKey stops keeping track of this export, so it no longer tells you when it is out of date. The files stay
            where they are:
          </p>
          <p className="ok-mono slds-m-vertical_small">{forgetting.folder}</p>
          <p>Delete the folder yourself if you no longer need it: its key file and config can log in as this user.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

const statusIdOf = (exportId: string) => `dl-export-status-${exportId}`;

export interface ExportRowProps {
  record: DataLoaderExportInfo;
  /** The org logs in without a password: the export holds an access token, which can always be renewed. */
  accessToken: boolean;
  refreshing: boolean;
  error: AppError | null;
  onRefresh: () => void;
  onForget: () => void;
}

/**
 * One remembered export: where, which jobs, when, and whether sfdc.password still matches — or, for an
 * access-token export, when its token was last renewed. Such a token is never "up to date": it ends
 * with the org's session timeout whatever OrgKey stores, so its Renew button is always there.
 */
export function ExportRow({ record, accessToken, refreshing, error, onRefresh, onForget }: ExportRowProps) {
  const folderId = `dl-export-folder-${record.id}`;
  const statusId = statusIdOf(record.id);
  const renewedAt = record.refreshedAt ?? record.exportedAt;
  return (
    <li className="ok-export" data-export-id={record.id} data-stale={record.stale} data-before-sandbox-refresh={record.beforeSandboxRefresh || undefined}>
      <div className="ok-export__header">
        <h3 id={folderId} className="ok-export__folder ok-mono">
          {record.folder}
        </h3>
        <p id={statusId} className="ok-export__status" tabIndex={-1}>
          {accessToken && !record.stale ? (
            <>
              <span className="slds-badge">Access token</span>
              <span className="ok-export__reason">
                {'Renewed '}
                <time dateTime={renewedAt}>{formatTimestamp(renewedAt)}</time>
                {'. Data Loader never renews it.'}
              </span>
            </>
          ) : record.stale ? (
            <span className="slds-badge slds-theme_warning">Out of date</span>
          ) : (
            <span className="slds-badge slds-theme_success">Up to date</span>
          )}
          {record.stale ? <span className="ok-export__reason">{record.staleReason ?? 'The password or token changed since this export.'}</span> : null}
        </p>
      </div>
      <dl className="slds-dl_horizontal ok-summary ok-export__facts">
        <dt className="slds-dl_horizontal__label">Jobs</dt>
        <dd className="slds-dl_horizontal__detail">{record.beans.join(', ')}</dd>
        <dt className="slds-dl_horizontal__label">Key file</dt>
        <dd className="slds-dl_horizontal__detail">
          <span className="ok-mono">{record.keyFile}</span>
          {record.createdKey ? ' (created by OrgKey)' : null}
        </dd>
        <dt className="slds-dl_horizontal__label">Exported</dt>
        <dd className="slds-dl_horizontal__detail">
          <time dateTime={record.exportedAt}>{formatTimestamp(record.exportedAt)}</time>
        </dd>
        {record.refreshedAt ? (
          <>
            <dt className="slds-dl_horizontal__label">{accessToken ? 'Token renewed' : 'Refreshed'}</dt>
            <dd className="slds-dl_horizontal__detail">
              <time dateTime={record.refreshedAt}>{formatTimestamp(record.refreshedAt)}</time>
            </dd>
          </>
        ) : null}
      </dl>
      {accessToken ? (
        <p className="ok-hint">
          Renew logs in for a new access token and re-encrypts it into sfdc.oauth.accesstoken and sfdc.password, leaving
          every other line as it is. The old token keeps working until its session ends.
        </p>
      ) : record.stale ? (
        <p className="ok-hint">Refresh re-encrypts sfdc.password with the current password and token and leaves every other line as it is.</p>
      ) : null}
      <div className="ok-export__actions">
        {accessToken ? (
          <button
            type="button"
            className="slds-button slds-button_neutral"
            aria-describedby={folderId}
            aria-disabled={refreshing || undefined}
            onClick={() => !refreshing && onRefresh()}
          >
            Renew access token
          </button>
        ) : record.stale ? (
          <button
            type="button"
            className="slds-button slds-button_brand"
            aria-describedby={folderId}
            aria-disabled={refreshing || undefined}
            onClick={() => !refreshing && onRefresh()}
          >
            Refresh export
          </button>
        ) : null}
        <button type="button" className="slds-button slds-button_text-destructive" aria-describedby={folderId} onClick={onForget}>
          Forget
        </button>
        <span className="ok-testing" aria-live="polite">
          {refreshing ? (accessToken ? 'Renewing…' : 'Refreshing…') : null}
        </span>
      </div>
      {error ? <ErrorAlert error={error} /> : null}
    </li>
  );
}

export interface ExportResultPanelProps {
  result: DataLoaderExportResult;
  alias: string;
  accessToken: boolean;
  onDismiss: () => void;
}

/** What the export wrote, that it was read back and checked, and how to run it. */
export function ExportResultPanel({ result, alias, accessToken, onDismiss }: ExportResultPanelProps) {
  const { export: record, written, kept, createdFolder } = result;
  const first = record.beans[0] ?? '';
  return (
    <section className="ok-dataloader-result" aria-labelledby={RESULT_HEADING_ID} data-export-result="">
      <div className="slds-box slds-box_small ok-result ok-result_success">
        <Icon name="success" className="slds-icon slds-icon_small ok-result__icon" />
        <div className="ok-result__body">
          <h3 id={RESULT_HEADING_ID} className="ok-result__title" tabIndex={-1}>
            {accessToken
              ? 'Exported and checked: sfdc.oauth.accesstoken and sfdc.password decrypt to the access token OrgKey just got; no password is stored.'
              : 'Exported and checked: sfdc.password decrypts to the stored password and token.'}
          </h3>
          <p>
            {createdFolder ? 'Created ' : 'In '}
            <span className="ok-mono">{record.folder}</span>
          </p>
        </div>
      </div>
      <h4 className="ok-result__subtitle">Written</h4>
      <ul className="slds-list_dotted" aria-label="Files written">
        {written.map((file) => (
          <li key={file} className="ok-mono">
            {file}
          </li>
        ))}
      </ul>
      {kept.length ? (
        <>
          <h4 className="ok-result__subtitle">Kept as they were</h4>
          <ul className="slds-list_dotted" aria-label="Files kept as they were">
            {kept.map((file) => (
              <li key={file} className="ok-mono">
                {file}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4 className="ok-result__subtitle">{`Run the first job (${first})`}</h4>
      {accessToken ? (
        <p>
          Data Loader never renews the access token, and it ends with the org’s session timeout: renew it right before
          each run, as below and as a scheduled job’s first line, or with <strong>Renew access token</strong>.
        </p>
      ) : null}
      <dl className="slds-dl_horizontal ok-summary ok-commands">
        <dt className="slds-dl_horizontal__label">Windows, in Data Loader’s bin folder</dt>
        <dd className="slds-dl_horizontal__detail">
          {accessToken ? <code className="ok-mono ok-commands__line">{refreshCommand(alias, 'windows')}</code> : null}
          <code className="ok-mono ok-commands__line">{`process.bat "${record.folder}" ${first}`}</code>
        </dd>
        <dt className="slds-dl_horizontal__label">macOS, in Data Loader’s folder</dt>
        <dd className="slds-dl_horizontal__detail">
          {accessToken ? <code className="ok-mono ok-commands__line">{refreshCommand(alias)}</code> : null}
          <code className="ok-mono ok-commands__line">{`./dataloader_console "${record.folder}" ${first} run.mode=batch`}</code>
        </dd>
      </dl>
      <p className="slds-m-top_small">README.txt in the folder has the commands for every job and every system.</p>
      <div className="slds-m-top_small">
        <button type="button" className="slds-button slds-button_neutral" onClick={onDismiss}>
          Done
        </button>
      </div>
    </section>
  );
}
