import { IMPORT_SOURCES, type ImportSource } from '../../../shared/imports';
import { FormGroup, RadioOption } from '../../components/FormElement';
import { TextField } from '../../components/TextField';
import { fileField, folderField, SOURCE_OPTIONS, type SourceErrors, type SourceValues } from '../../lib/importForm';

export interface SourceStepProps {
  values: SourceValues;
  errors: SourceErrors;
  onSource: (source: ImportSource) => void;
  onFolder: (index: number, value: string) => void;
  onFile: (value: string) => void;
  /** Open the OS picker for a folder field (`index`), a new folder (`'new'`) or the file field. */
  onPick: (target: number | 'new' | 'file') => void;
  onRemoveFolder: (index: number) => void;
}

/** Where the orgs come from: the kind of source, then its folders or its file, typed or picked. */
export function SourceStep({ values, errors, onSource, onFolder, onFile, onPick, onRemoveFolder }: SourceStepProps) {
  const { source } = values;
  return (
    <>
      <FormGroup legend="Import from" messageBase="import-source">
        {IMPORT_SOURCES.map((option) => (
          <RadioOption
            key={option}
            id={`import-source-${option}`}
            name="importSource"
            value={option}
            checked={source === option}
            label={SOURCE_OPTIONS[option].label}
            detail={SOURCE_OPTIONS[option].detail}
            onChange={() => onSource(option)}
          />
        ))}
      </FormGroup>

      {source === 'dataloader' ? (
        <div data-import-folders="">
          {values.folders.map((folder, index) => (
            <PathField
              key={index}
              field={folderField(index)}
              label={values.folders.length > 1 ? `Folder ${index + 1}` : 'Folder'}
              value={folder}
              error={errors[folderField(index)]}
              hint={index === 0 ? 'A folder Data Loader runs from: its config.properties and/or process-conf.xml, and the key file they name.' : undefined}
              onChange={(value) => onFolder(index, value)}
              onPick={() => onPick(index)}
              pickLabel="Choose folder"
              onRemove={values.folders.length > 1 ? () => onRemoveFolder(index) : undefined}
            />
          ))}
          <button type="button" className="slds-button slds-button_neutral slds-m-bottom_medium" onClick={() => onPick('new')}>
            Add another folder<span aria-hidden="true">…</span>
          </button>
        </div>
      ) : (
        <PathField
          field={fileField(source)}
          label="File"
          value={values.files[source]}
          error={errors[fileField(source)]}
          hint={FILE_HINTS[source]}
          onChange={onFile}
          onPick={() => onPick('file')}
          pickLabel="Choose file"
        />
      )}
    </>
  );
}

const FILE_HINTS: Record<Exclude<ImportSource, 'dataloader'>, string> = {
  organizer: 'ORGanizer: Import/Export → Export. The file holds passwords in plain text; delete it after the import.',
  sf: 'Made with: sf org list --json > orgs.json. The file holds access tokens, which OrgKey does not keep; delete it after the import.',
  csv: 'First line: alias,environment,username (any order; optional group,color). environment is production, sandbox or a My Domain URL.',
};

interface PathFieldProps {
  field: string;
  label: string;
  value: string;
  error: string | undefined;
  hint?: string | undefined;
  onChange: (value: string) => void;
  onPick: () => void;
  pickLabel: string;
  onRemove?: (() => void) | undefined;
}

/** A path typed or chosen with the OS picker, with its message under it. */
function PathField({ field, label, value, error, hint, onChange, onPick, pickLabel, onRemove }: PathFieldProps) {
  return (
    <TextField
      field={field}
      label={label}
      value={value}
      required
      error={error}
      hint={hint}
      onChange={onChange}
      action={
        <>
          <button type="button" className="slds-button slds-button_neutral" aria-label={`${pickLabel} for ${label}`} onClick={onPick}>
            {pickLabel}
            <span aria-hidden="true">…</span>
          </button>
          {onRemove ? (
            <button type="button" className="slds-button slds-button_neutral" aria-label={`Remove ${label}`} onClick={onRemove}>
              Remove
            </button>
          ) : null}
        </>
      }
    />
  );
}
