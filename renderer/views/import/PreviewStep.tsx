import type { ImportNote, ImportPreview, ImportRow, ImportRowStatus, TokenLength } from '../../../shared/imports';
import { Icon } from '../../components/Icon';
import { TextField } from '../../components/TextField';
import { callbackUrlOf } from '../../lib/orgForm';
import { DEFAULT_CALLBACK_PORT } from '../../../shared/domain';
import { boundaryOptions, rowSecretsText, type RowEdit, type RowEdits } from '../../lib/importForm';
import { environmentLabel } from '../../lib/format';

export interface PreviewStepProps {
  preview: ImportPreview;
  edits: RowEdits;
  /** Messages next to a row's name, by row key. */
  aliasErrors: Record<string, string>;
  onEdit: (key: string, change: Partial<RowEdit>) => void;
  group: string;
  onGroup: (value: string) => void;
  groupError: string | undefined;
  clientId: string;
  onClientId: (value: string) => void;
  clientIdError: string | undefined;
}

/** The ids of a row's controls, so a message can take focus to them. */
export const aliasInputId = (key: string) => `import-alias-${key}`;
export const includeInputId = (key: string) => `import-include-${key}`;

const STATUS_BADGE: Record<ImportRowStatus, { label: string; className: string }> = {
  new: { label: 'New', className: 'slds-badge slds-theme_success' },
  duplicate: { label: 'Duplicate', className: 'slds-badge slds-theme_warning' },
  invalid: { label: 'Invalid', className: 'slds-badge slds-theme_error' },
};

/**
 * What the source holds, before anything is stored: the notes about the whole file, every row
 * (new, duplicate or invalid, with why and where it came from), and what the admin can change:
 * which new rows to import, their names, a Data Loader value's token boundary, the batch's group,
 * and for Salesforce CLI orgs the consumer key they sign in through.
 */
export function PreviewStep(props: PreviewStepProps) {
  const { preview, group, onGroup, groupError, clientId, onClientId, clientIdError } = props;
  const { counts } = preview;
  return (
    <>
      <p className="slds-m-bottom_small" data-import-counts="">
        {`${counts.new} new · ${counts.duplicate} ${counts.duplicate === 1 ? 'duplicate' : 'duplicates'} · ${counts.invalid} invalid`}
        <span className="ok-muted">{` — from ${preview.files.join(', ')}`}</span>
      </p>
      <ImportNotes notes={preview.notes} />
      <div className="ok-import-table-wrap">
        <table className="slds-table slds-table_bordered slds-table_cell-buffer ok-import-table" aria-label="Orgs in the source">
          <thead>
            <tr className="slds-line-height_reset">
              <th scope="col">Import</th>
              <th scope="col">Name</th>
              <th scope="col">Username</th>
              <th scope="col">Logs in at</th>
              <th scope="col">Secrets</th>
              <th scope="col">Status</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <PreviewRow key={row.key} row={row} edit={props.edits[row.key]} error={props.aliasErrors[row.key]} onEdit={props.onEdit} />
            ))}
          </tbody>
        </table>
      </div>

      <div className="slds-m-top_medium">
        <TextField
          field="importGroup"
          label="Group (optional)"
          value={group}
          error={groupError}
          hint="Files every imported org under this group, such as a client or a project. Empty: each org keeps the group the file gives it, if any."
          onChange={onGroup}
        />
        {preview.needsClientId ? (
          <TextField
            field="clientId"
            label="Consumer key"
            value={clientId}
            required
            error={clientIdError}
            hint={`The consumer key of your External Client App, for every org of this import; each org signs in through it in the browser after the import. Register the callback URL ${callbackUrlOf(String(DEFAULT_CALLBACK_PORT))} in the app.`}
            onChange={onClientId}
          />
        ) : null}
      </div>
    </>
  );
}

/** The notes about the whole import: files to delete stand out as warnings. */
export function ImportNotes({ notes }: { notes: readonly ImportNote[] }) {
  if (notes.length === 0) return null;
  const warnings = notes.filter((note) => note.code === 'delete-file');
  const others = notes.filter((note) => note.code !== 'delete-file');
  return (
    <>
      {warnings.length ? (
        <div className="slds-notify slds-notify_alert ok-alert ok-alert_warning slds-m-bottom_small" data-import-notes="warning">
          <Icon name="warning" className="slds-icon slds-icon_x-small slds-m-right_small ok-alert__icon" />
          <div className="ok-alert__body">
            {warnings.map((note) => (
              <p key={note.message} className="ok-alert__message" data-note-code={note.code}>
                {note.message}
              </p>
            ))}
          </div>
        </div>
      ) : null}
      {others.length ? (
        <ul className="slds-list_dotted slds-m-bottom_small" aria-label="About this import" data-import-notes="info">
          {others.map((note) => (
            <li key={note.message} data-note-code={note.code}>
              {note.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function PreviewRow({ row, edit, error, onEdit }: { row: ImportRow; edit: RowEdit | undefined; error: string | undefined; onEdit: PreviewStepProps['onEdit'] }) {
  const badge = STATUS_BADGE[row.status];
  const editable = row.status === 'new' && edit !== undefined;
  const messageId = `${aliasInputId(row.key)}-error`;
  const where = row.environment === 'custom' || row.environment === null ? (row.customUrl ?? row.loginUrl ?? '—') : environmentLabel(row.environment);
  return (
    <tr data-import-row={row.key} data-status={row.status}>
      <td>
        {editable ? (
          <div className="slds-checkbox ok-checkbox">
            <input
              type="checkbox"
              id={includeInputId(row.key)}
              checked={edit.include}
              onChange={(event) => onEdit(row.key, { include: event.target.checked })}
            />
            <label className="slds-checkbox__label" htmlFor={includeInputId(row.key)}>
              <span className="slds-checkbox_faux" />
              <span className="slds-assistive-text">{`Import ${row.username}`}</span>
            </label>
          </div>
        ) : (
          <span className="ok-muted">No</span>
        )}
      </td>
      <td className={error ? 'slds-has-error' : undefined}>
        {editable ? (
          <>
            <input
              id={aliasInputId(row.key)}
              className="slds-input"
              value={edit.alias}
              aria-label={`Name for ${row.username}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? messageId : undefined}
              disabled={!edit.include}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => onEdit(row.key, { alias: event.target.value })}
            />
            {error ? (
              <div className="slds-form-element__help" id={messageId} data-field-error={`alias-${row.key}`}>
                {error}
              </div>
            ) : null}
          </>
        ) : (
          row.alias || <span className="ok-muted">—</span>
        )}
        {row.group ? <div className="ok-hint">{`Group: ${row.group}`}</div> : null}
      </td>
      <td className="ok-import-wrap">{row.username || <span className="ok-muted">—</span>}</td>
      <td className="ok-import-wrap">{where}</td>
      <td>{row.secrets.glued && editable ? <BoundaryChoice row={row} edit={edit} onEdit={onEdit} /> : rowSecretsText(row)}</td>
      <td>
        <span className={badge.className}>{badge.label}</span>
        {row.reason ? <p className="ok-import-reason">{row.reason}</p> : null}
        {row.status === 'new' && row.aliasTaken && !error ? (
          <p className="ok-import-reason">{`“${row.aliasTaken.alias}” is taken${row.aliasTaken.orgId ? ' in OrgKey' : ' by a row above'}: change the name, or this org is not imported.`}</p>
        ) : null}
        {row.status === 'new' && row.notes.length ? (
          <ul className="ok-hint">
            {row.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
      </td>
      <td className="ok-import-wrap">{row.origin.label}</td>
    </tr>
  );
}

/** Where a Data Loader value splits into password and token: 25, 24 or no token. */
function BoundaryChoice({ row, edit, onEdit }: { row: ImportRow; edit: RowEdit; onEdit: PreviewStepProps['onEdit'] }) {
  const length = row.secrets.glued?.length ?? 0;
  const id = `import-boundary-${row.key}`;
  return (
    <div className="slds-select_container">
      <select
        id={id}
        className="slds-select"
        aria-label={`Password and token of ${row.username}`}
        value={String(edit.tokenLength ?? row.secrets.glued?.tokenLength ?? 0)}
        disabled={!edit.include}
        onChange={(event) => onEdit(row.key, { tokenLength: Number(event.target.value) as TokenLength })}
      >
        {boundaryOptions(length).map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
