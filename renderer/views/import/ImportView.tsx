import { useId, useState, type FormEvent } from 'react';
import type { ImportPreview, ImportResult, ImportSource } from '../../../shared/imports';
import type { AppError } from '../../../shared/result';
import { checkGroup } from '../../../shared/validation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StepPath } from '../../components/StepPath';
import { ViewHeading } from '../../components/ViewHeading';
import { useFocusRequest } from '../../hooks/useFocusRequest';
import { call } from '../../lib/api';
import { errorLine } from '../../lib/format';
import {
  applyRequestOf,
  checkClientIdText,
  checkEdits,
  fileField,
  folderField,
  includedCount,
  initialEdits,
  fieldOfPreviewError,
  INITIAL_SOURCE_VALUES,
  previewRequestOf,
  SOURCE_OPTIONS,
  type RowEdit,
  type RowEdits,
  type SourceErrors,
  type SourceValues,
} from '../../lib/importForm';
import { inputIdOf } from '../../lib/orgForm';
import { orgStore, useOrgList } from '../../store/useOrgs';
import { aliasInputId, PreviewStep } from './PreviewStep';
import { ResultStep } from './ResultStep';
import { SourceStep } from './SourceStep';

const STAGES = ['Source', 'Preview', 'Result'] as const;
const STAGE_HEADING_ID = 'import-stage-heading';
const STAGE_TITLES = ['Choose what to import', 'Check what will be imported', 'What was imported'] as const;
const IMPORT_BUTTON_ID = 'import-confirm-button';

export interface ImportViewProps {
  /** Back to the list; `imported` orgs were added (the list is reloaded already). */
  onDone: (imported: number) => void;
}

/**
 * *Import orgs…*: choose a source and its files, see the preview (nothing is stored yet), change
 * what should change, confirm, and read what was imported and what was not.
 *
 * The core is the authority on every file and every row: its field messages land next to the field
 * they name, and nothing chosen or typed is lost on any error, nor when going back a step. The
 * preview carries secrets as presence and lengths only (shared/imports.ts).
 */
export function ImportView({ onDone }: ImportViewProps) {
  const headingId = useId();
  const requestFocus = useFocusRequest();
  const list = useOrgList();
  const [stage, setStage] = useState(0);
  const [values, setValues] = useState<SourceValues>(INITIAL_SOURCE_VALUES);
  const [sourceErrors, setSourceErrors] = useState<SourceErrors>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [edits, setEdits] = useState<RowEdits>({});
  const [aliasErrors, setAliasErrors] = useState<Record<string, string>>({});
  const [group, setGroup] = useState('');
  const [groupError, setGroupError] = useState<string | undefined>();
  const [clientId, setClientId] = useState('');
  const [clientIdError, setClientIdError] = useState<string | undefined>();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  function show(next: number) {
    setStage(next);
    setFailure(null);
    requestFocus(STAGE_HEADING_ID);
  }

  function clearSourceError(id: string) {
    setSourceErrors((previous) => ({ ...previous, [id]: undefined }));
  }

  function changeSource(source: ImportSource) {
    setValues((previous) => ({ ...previous, source }));
    setFailure(null);
  }

  function changeFolder(index: number, value: string) {
    setValues((previous) => ({ ...previous, folders: previous.folders.map((folder, i) => (i === index ? value : folder)) }));
    clearSourceError(folderField(index));
  }

  function changeFile(value: string) {
    setValues((previous) => (previous.source === 'dataloader' ? previous : { ...previous, files: { ...previous.files, [previous.source]: value } }));
    clearSourceError(fileField(values.source));
  }

  function removeFolder(index: number) {
    setValues((previous) => ({ ...previous, folders: previous.folders.filter((_, i) => i !== index) }));
    // Messages follow their fields' new places.
    setSourceErrors((previous) => {
      const next: SourceErrors = {};
      values.folders.forEach((_, i) => {
        if (i !== index) next[folderField(i < index ? i : i - 1)] = previous[folderField(i)];
      });
      return { ...previous, ...next, [folderField(values.folders.length - 1)]: undefined };
    });
    requestFocus(inputIdOf(folderField(Math.max(0, index - 1))));
  }

  async function pick(target: number | 'new' | 'file') {
    const { source } = values;
    const current = target === 'file' ? (source === 'dataloader' ? '' : values.files[source]) : target === 'new' ? '' : (values.folders[target] ?? '');
    // A new folder's picker starts where the last one filled was.
    const near = target === 'new' ? ([...values.folders].reverse().find((folder) => folder.trim()) ?? '') : current;
    const options = { title: SOURCE_OPTIONS[source].pickTitle, ...(near.trim() ? { defaultPath: near.trim() } : {}) };
    const answer = await call((api) => (source === 'dataloader' ? api.dialogs.pickFolder(options) : api.dialogs.pickFile(options)));
    const fieldId = target === 'file' ? fileField(source) : folderField(target === 'new' ? values.folders.length : target);
    if (!answer.ok) {
      if (target === 'new') setValues((previous) => ({ ...previous, folders: [...previous.folders, ''] }));
      setSourceErrors((previous) => ({ ...previous, [fieldId]: errorLine(answer.error) }));
      return;
    }
    // null: the admin cancelled, and the field keeps what it had.
    const picked = answer.value.path;
    if (picked === null) return;
    if (target === 'file') changeFile(picked);
    else if (target === 'new') {
      // The first, empty field takes the first folder picked; later ones get a field of their own.
      setValues((previous) => {
        const emptyFirst = previous.folders.length === 1 && !previous.folders[0]!.trim();
        return { ...previous, folders: emptyFirst ? [picked] : [...previous.folders, picked] };
      });
    } else changeFolder(target, picked);
  }

  async function runPreview() {
    if (busy) return;
    const built = previewRequestOf(values);
    if (!built.request) {
      setSourceErrors(built.errors);
      const first = Object.keys(built.errors)[0];
      if (first) requestFocus(inputIdOf(first));
      return;
    }
    setBusy('preview');
    setFailure(null);
    const answer = await call((api) => api.imports.preview(built.request));
    setBusy(null);
    if (!answer.ok) {
      const field = answer.error.code === 'INVALID_INPUT' ? fieldOfPreviewError(values, answer.error.field) : null;
      if (field) {
        setSourceErrors((previous) => ({ ...previous, [field]: answer.error.message }));
        requestFocus(inputIdOf(field));
      } else {
        setFailure(answer.error);
      }
      return;
    }
    // Changes made to an earlier preview of the same source are kept for its rows.
    setEdits((previous) => initialEdits(answer.value, preview?.source === answer.value.source ? previous : {}));
    setAliasErrors({});
    setPreview(answer.value);
    show(1);
  }

  function editRow(key: string, change: Partial<RowEdit>) {
    setEdits((previous) => {
      const row = previous[key];
      return row ? { ...previous, [key]: { ...row, ...change } } : previous;
    });
    if ('alias' in change || 'include' in change) setAliasErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([k]) => k !== key)));
  }

  async function runApply() {
    if (busy || !preview) return;
    const checked = checkEdits(
      preview,
      edits,
      list.orgs.map((org) => org.alias),
    );
    const keyError = preview.needsClientId ? checkClientIdText(clientId) : undefined;
    const groupCheck = checkGroup(group);
    setAliasErrors(checked.errors);
    setClientIdError(keyError);
    setGroupError(groupCheck.ok ? undefined : groupCheck.message);
    if (checked.first) {
      requestFocus(aliasInputId(checked.first));
      return;
    }
    if (!groupCheck.ok) {
      requestFocus(inputIdOf('importGroup'));
      return;
    }
    if (keyError) {
      requestFocus(inputIdOf('clientId'));
      return;
    }
    if (includedCount(preview, edits) === 0) {
      setFailure({ code: 'INVALID_INPUT', message: 'No org is chosen for import.', remedy: 'Tick the orgs to import in the first column, or go back and choose another source.' });
      return;
    }
    setBusy('apply');
    setFailure(null);
    const answer = await call((api) => api.imports.apply(applyRequestOf(preview, edits, { group, clientId })));
    setBusy(null);
    if (answer.ok) {
      setResult(answer.value);
      if (answer.value.counts.imported > 0) void orgStore.loadList();
      show(2);
      return;
    }
    const { field, message } = answer.error;
    const row = /^rows\.(\d+)\.(\w+)$/.exec(field ?? '');
    const rowKey = row ? preview.rows[Number(row[1])]?.key : undefined;
    if (field === 'clientId' || row?.[2] === 'clientId') {
      setClientIdError(message);
      requestFocus(inputIdOf('clientId'));
    } else if (field === 'group' || row?.[2] === 'group') {
      setGroupError(message);
      requestFocus(inputIdOf('importGroup'));
    } else if (row?.[2] === 'alias' && rowKey) {
      setAliasErrors((previous) => ({ ...previous, [rowKey]: message }));
      requestFocus(aliasInputId(rowKey));
    } else {
      setFailure(answer.error);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Enter in a field means the step's main button; nothing is ever posted.
    event.preventDefault();
    if (stage === 0) void runPreview();
    else if (stage === 1) void runApply();
  }

  function startOver() {
    // Another import: the source step as it was, and a fresh preview to come.
    setPreview(null);
    setResult(null);
    setEdits({});
    show(0);
  }

  const count = preview ? includedCount(preview, edits) : 0;
  const proving = preview?.source === 'dataloader';
  return (
    <section className="ok-view ok-wizard ok-import" aria-labelledby={headingId}>
      <div className="ok-view__header">
        <ViewHeading id={headingId}>Import orgs</ViewHeading>
      </div>
      <form className="ok-card" noValidate onSubmit={onSubmit} aria-labelledby={STAGE_HEADING_ID}>
        <StepPath titles={STAGES} current={stage} />
        <h2 id={STAGE_HEADING_ID} tabIndex={-1} className="slds-text-heading_medium ok-step-heading">
          {STAGE_TITLES[stage]}
        </h2>
        <p className="ok-muted slds-m-bottom_medium">
          {stage === 0 ? 'OrgKey reads the files and shows what it found; nothing is stored until you confirm.' : null}
          {stage === 1 ? 'Nothing is stored yet. Untick what should stay out, change names where needed, then import.' : null}
          {stage === 2 ? 'Each org was imported on its own: one that failed left the others imported.' : null}
        </p>

        {stage === 0 ? (
          <SourceStep
            values={values}
            errors={sourceErrors}
            onSource={changeSource}
            onFolder={changeFolder}
            onFile={changeFile}
            onPick={(target) => void pick(target)}
            onRemoveFolder={removeFolder}
          />
        ) : null}
        {stage === 1 && preview ? (
          <PreviewStep
            preview={preview}
            edits={edits}
            aliasErrors={aliasErrors}
            onEdit={editRow}
            group={group}
            onGroup={(value) => {
              setGroup(value);
              setGroupError(undefined);
            }}
            groupError={groupError}
            clientId={clientId}
            onClientId={(value) => {
              setClientId(value);
              setClientIdError(undefined);
            }}
            clientIdError={clientIdError}
          />
        ) : null}
        {stage === 2 && preview && result ? <ResultStep preview={preview} edits={edits} result={result} /> : null}

        {failure ? (
          <ErrorAlert error={failure}>
            {failure.code === 'IMPORT_PREVIEW_GONE' ? (
              <button type="button" className="slds-button slds-button_neutral slds-m-top_small" onClick={() => void runPreview()}>
                Read the source again
              </button>
            ) : null}
          </ErrorAlert>
        ) : null}

        <div className="ok-form-actions">
          {stage < 2 ? (
            <button type="button" className="slds-button slds-button_neutral" onClick={() => onDone(0)}>
              Cancel
            </button>
          ) : null}
          <span className="ok-form-actions__spacer" />
          <span className="ok-testing" aria-live="polite">
            {busy === 'preview' ? 'Reading…' : null}
            {busy === 'apply' ? (proving ? 'Importing… each Data Loader org logs in once' : 'Importing…') : null}
          </span>
          {stage === 1 ? (
            <button type="button" className="slds-button slds-button_neutral" onClick={() => show(0)}>
              Back
            </button>
          ) : null}
          {stage === 0 ? (
            <button type="submit" className="slds-button slds-button_brand" aria-disabled={busy !== null || undefined}>
              Preview
            </button>
          ) : null}
          {stage === 1 ? (
            <button id={IMPORT_BUTTON_ID} type="submit" className="slds-button slds-button_brand" aria-disabled={busy !== null || undefined}>
              {count === 1 ? 'Import 1 org' : `Import ${count} orgs`}
            </button>
          ) : null}
          {stage === 2 ? (
            <>
              <button type="button" className="slds-button slds-button_neutral" onClick={startOver}>
                Import more
              </button>
              <button type="button" className="slds-button slds-button_brand" onClick={() => onDone(result?.counts.imported ?? 0)}>
                Show orgs
              </button>
            </>
          ) : null}
        </div>
      </form>
    </section>
  );
}
