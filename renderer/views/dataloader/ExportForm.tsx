import { useEffect, useState } from 'react';
import { DATALOADER_OPERATIONS, type DataLoaderExportResult, type DataLoaderOperation, type OrgDetail } from '../../../shared/domain';
import { loginMethodOf } from '../../../shared/login-methods';
import type { AppError } from '../../../shared/result';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormElement, FormGroup, RadioOption } from '../../components/FormElement';
import { TextField } from '../../components/TextField';
import { useFocusRequest } from '../../hooks/useFocusRequest';
import { call } from '../../lib/api';
import { errorLine } from '../../lib/format';
import {
  controlIdOf,
  exportRequestOf,
  formFieldOf,
  INITIAL_DATALOADER_FORM,
  OPERATION_LABELS,
  refreshCommand,
  suggestedSoql,
  type DataLoaderFieldErrors,
  type DataLoaderFieldName,
  type DataLoaderFormValues,
} from '../../lib/dataloaderForm';
import { inputIdOf } from '../../lib/orgForm';

export const EXPORT_FOLDER_ID = inputIdOf('dlFolder');
const EXPORT_BUTTON_ID = 'dataloader-export-button';
const SOQL_ID = inputIdOf('dlSoql');

export interface ExportFormProps {
  org: OrgDetail;
  onExported: (result: DataLoaderExportResult) => void;
  onCancel: () => void;
}

/**
 * "Export for Data Loader": where to write, which key file, which jobs; then the export itself.
 *
 * Core is the authority on every value: its field messages land next to the field they name, and
 * nothing typed is lost on any error. Files already in the folder are replaced only after the admin
 * confirms the list core sent back (FILES_EXIST → export again with `overwrite`).
 */
export function ExportForm({ org, onExported, onCancel }: ExportFormProps) {
  const [values, setValues] = useState<DataLoaderFormValues>(INITIAL_DATALOADER_FORM);
  const [errors, setErrors] = useState<DataLoaderFieldErrors>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [replace, setReplace] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const requestFocus = useFocusRequest();
  const accessToken = loginMethodOf(org).dataLoader === 'access-token';

  // Suggestions arrive after the form opens; anything the admin typed meanwhile wins.
  useEffect(() => {
    let live = true;
    void call((api) => api.dataloader.defaults({ id: org.id })).then((result) => {
      if (!live || !result.ok) return;
      const { folder, existingKeyFile } = result.value;
      setValues((previous) => ({
        ...previous,
        folder: previous.folder || folder,
        keyPath: previous.keyPath || (existingKeyFile ?? ''),
      }));
    });
    return () => {
      live = false;
    };
  }, [org.id]);

  function change<K extends keyof DataLoaderFormValues>(key: K, value: DataLoaderFormValues[K], field?: DataLoaderFieldName) {
    setValues((previous) => {
      const next = { ...previous, [key]: value };
      // The query follows the object until the admin writes their own.
      if (key === 'object' && !previous.soqlEdited) next.soql = suggestedSoql(String(value));
      return next;
    });
    if (field) setErrors((previous) => ({ ...previous, [field]: undefined }));
  }

  function toggle(operation: DataLoaderOperation, checked: boolean) {
    setValues((previous) => ({ ...previous, operations: { ...previous.operations, [operation]: checked } }));
    setErrors((previous) => ({ ...previous, dlOperations: undefined }));
  }

  async function pick(what: 'folder' | 'keyFile') {
    const field: DataLoaderFieldName = what === 'folder' ? 'dlFolder' : 'dlKeyFile';
    const current = what === 'folder' ? values.folder : values.keyPath;
    const options = {
      title: what === 'folder' ? 'Choose the export folder' : 'Choose a Data Loader key file',
      ...(current.trim() ? { defaultPath: current.trim() } : {}),
    };
    const result = await call((api) => (what === 'folder' ? api.dialogs.pickFolder(options) : api.dialogs.pickFile(options)));
    if (!result.ok) {
      setErrors((previous) => ({ ...previous, [field]: errorLine(result.error) }));
      return;
    }
    // null: the admin cancelled, and the field keeps what it had.
    if (result.value.path === null) return;
    change(what === 'folder' ? 'folder' : 'keyPath', result.value.path, field);
  }

  async function submit(overwrite = false) {
    if (busy) return;
    if (!DATALOADER_OPERATIONS.some((operation) => values.operations[operation])) {
      setErrors((previous) => ({ ...previous, dlOperations: 'Choose at least one operation to write a job for.' }));
      requestFocus(controlIdOf('dlOperations'));
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await call((api) => api.dataloader.export(exportRequestOf(org.id, values, overwrite)));
    setBusy(false);
    if (result.ok) {
      setReplace(null);
      onExported(result.value);
      return;
    }
    const error = result.error;
    if (error.code === 'FILES_EXIST' && !overwrite) {
      setReplace(error);
      return;
    }
    setReplace(null);
    const field = error.code === 'INVALID_INPUT' ? formFieldOf(error.field) : null;
    if (field) {
      setErrors((previous) => ({ ...previous, [field]: error.message }));
      requestFocus(controlIdOf(field));
    } else {
      setFailure(error);
    }
  }

  const operationsError = errors.dlOperations;
  return (
    <section className="ok-dataloader-form" aria-labelledby="dataloader-form-heading">
      <h3 id="dataloader-form-heading" className="slds-text-heading_small slds-m-bottom_small">
        Export for Data Loader
      </h3>
      {accessToken ? (
        <p className="slds-m-bottom_medium">
          This org logs in without a password, so OrgKey logs in now for an access token and writes it, with the
          org’s instance URL, into config.properties and process-conf.xml, encrypted the way Data Loader’s encrypt
          utility does it. No password is stored. Data Loader never renews the token: a scheduled job runs{' '}
          <code className="ok-mono">{refreshCommand(org.alias)}</code> first (README.txt in the folder has the two-line
          job), and <strong>Renew access token</strong> on the export renews it now.
        </p>
      ) : (
        <p className="slds-m-bottom_medium">
          OrgKey writes config.properties and process-conf.xml with the password and token encrypted the way Data
          Loader’s encrypt utility does it, so batch mode logs in without editing anything.
        </p>
      )}

      <TextField
        field="dlFolder"
        label="Folder"
        value={values.folder}
        required
        error={errors.dlFolder}
        hint="The full path of a folder for this org’s Data Loader files. OrgKey creates it if it does not exist."
        onChange={(value) => change('folder', value, 'dlFolder')}
        action={
          <button type="button" className="slds-button slds-button_neutral" onClick={() => void pick('folder')}>
            Choose folder<span aria-hidden="true">…</span>
          </button>
        }
      />

      {/* Every export encrypts something with it: the password + token, or the access token. */}
      <FormGroup
        legend="Key file"
        messageBase="dl-key"
        hint={`The key file encrypts ${accessToken ? 'the access token' : 'sfdc.password'}; anyone with it and these files can ${accessToken ? 'act as this org’s user while the token lasts' : 'log in'}, so it is readable only by you. A new key (dataLoader.key) belongs to this folder alone. An existing key lets other Data Loader configurations share it; Data Loader’s default key is ~/.dataloader/dataLoader.key.`}
      >
        {(
          [
            ['new', 'Create a new key file in the folder'],
            ['existing', 'Use an existing key file'],
          ] as const
        ).map(([kind, label]) => (
          <RadioOption
            key={kind}
            id={`dl-key-${kind}`}
            name="dlKeyKind"
            value={kind}
            checked={values.keyKind === kind}
            label={label}
            onChange={() => change('keyKind', kind, 'dlKeyFile')}
          />
        ))}
      </FormGroup>
      {values.keyKind === 'existing' ? (
        <TextField
          field="dlKeyFile"
          label="Key file path"
          value={values.keyPath}
          required
          error={errors.dlKeyFile}
          onChange={(value) => change('keyPath', value, 'dlKeyFile')}
          action={
            <button type="button" className="slds-button slds-button_neutral" onClick={() => void pick('keyFile')}>
              Choose key file<span aria-hidden="true">…</span>
            </button>
          }
        />
      ) : null}

      <FormGroup
        legend="Operations"
        messageBase="dlOperations"
        field="dlOperations"
        error={operationsError}
        controlClassName="ok-checkbox-row"
        hint="Each operation becomes one job (a bean) in process-conf.xml. Loads read a CSV from the data folder and get a starting field mapping in the mappings folder."
      >
        {DATALOADER_OPERATIONS.map((operation) => (
          <div className="slds-checkbox ok-checkbox" key={operation}>
            <input
              type="checkbox"
              id={`dl-op-${operation}`}
              name="dlOperations"
              value={operation}
              checked={values.operations[operation]}
              aria-invalid={operationsError ? true : undefined}
              onChange={(event) => toggle(operation, event.target.checked)}
            />
            <label className="slds-checkbox__label" htmlFor={`dl-op-${operation}`}>
              <span className="slds-checkbox_faux" />
              <span className="slds-form-element__label">{OPERATION_LABELS[operation]}</span>
            </label>
          </div>
        ))}
      </FormGroup>

      <TextField
        field="dlObject"
        label="Object"
        value={values.object}
        required
        error={errors.dlObject}
        hint="The object’s API name, such as Account or Invoice__c, for every operation above."
        onChange={(value) => change('object', value, 'dlObject')}
      />
      {values.operations.extract ? (
        <FormElement
          controlId={SOQL_ID}
          label="SOQL query"
          messageBase="dlSoql"
          field="dlSoql"
          error={errors.dlSoql}
          hint={`What the extract job reads, written to data/extract${values.object.trim() || 'Object'}.csv.`}
        >
          {(describedBy) => (
            <textarea
              id={SOQL_ID}
              name="dlSoql"
              className="slds-textarea ok-soql"
              rows={3}
              value={values.soql}
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              aria-invalid={errors.dlSoql ? true : undefined}
              aria-describedby={describedBy}
              onChange={(event) => {
                setValues((previous) => ({ ...previous, soql: event.target.value, soqlEdited: true }));
                setErrors((previous) => ({ ...previous, dlSoql: undefined }));
              }}
            />
          )}
        </FormElement>
      ) : null}
      {values.operations.upsert ? (
        <TextField
          field="dlExternalId"
          label="Match upserts by field"
          value={values.externalIdField}
          required
          error={errors.dlExternalId}
          hint="Id, or the API name of an External ID field such as External_Id__c."
          onChange={(value) => change('externalIdField', value, 'dlExternalId')}
        />
      ) : null}

      {failure ? <ErrorAlert error={failure} /> : null}
      <div className="ok-form-actions">
        <button type="button" className="slds-button slds-button_neutral" onClick={onCancel}>
          Cancel
        </button>
        <span className="ok-form-actions__spacer" />
        <span className="ok-testing" aria-live="polite">
          {busy ? 'Exporting…' : null}
        </span>
        <button
          id={EXPORT_BUTTON_ID}
          type="button"
          className="slds-button slds-button_brand"
          aria-disabled={busy || undefined}
          onClick={() => void submit()}
        >
          Export
        </button>
      </div>

      {replace ? (
        <ConfirmDialog
          title="Replace existing files?"
          confirmLabel="Replace files"
          busy={busy}
          returnFocusId={EXPORT_BUTTON_ID}
          onConfirm={() => void submit(true)}
          onCancel={() => setReplace(null)}
        >
          <p>{`${values.folder.trim()} already has:`}</p>
          <ul className="slds-list_dotted slds-m-vertical_small" aria-label="Files that would be replaced">
            {(replace.details ?? []).map((file) => (
              <li key={file} className="ok-mono">
                {file}
              </li>
            ))}
          </ul>
          {replace.remedy ? <p>{replace.remedy}</p> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
