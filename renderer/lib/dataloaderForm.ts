/**
 * The Data Loader export form: what the admin chose, the `jobs` it becomes, and where core's field
 * messages belong.
 *
 * One object name serves every chosen operation, so core's per-job fields (`jobs.<i>.object` …) all
 * map back to the form's single field for that value.
 */
import type { DataLoaderExportRequest } from '../../shared/api';
import { defaultSoql, posixWord } from '../../shared/dataloader';
import { DATALOADER_OPERATIONS, type DataLoaderJob, type DataLoaderOperation } from '../../shared/domain';

export const DATALOADER_FIELDS = ['dlFolder', 'dlKeyFile', 'dlOperations', 'dlObject', 'dlSoql', 'dlExternalId'] as const;
export type DataLoaderFieldName = (typeof DATALOADER_FIELDS)[number];
export type DataLoaderFieldErrors = Partial<Record<DataLoaderFieldName, string>>;

export const OPERATION_LABELS: Record<DataLoaderOperation, string> = {
  extract: 'Extract',
  insert: 'Insert',
  update: 'Update',
  upsert: 'Upsert',
  delete: 'Delete',
};

export interface DataLoaderFormValues {
  folder: string;
  keyKind: 'new' | 'existing';
  keyPath: string;
  operations: Record<DataLoaderOperation, boolean>;
  object: string;
  soql: string;
  /** The admin typed in the query box: it stops following the object name. */
  soqlEdited: boolean;
  externalIdField: string;
}

export const INITIAL_OBJECT = 'Account';

/** The query suggested for an object, until the admin writes their own (the core's default too). */
export function suggestedSoql(object: string): string {
  return defaultSoql(object.trim() || INITIAL_OBJECT);
}

export const INITIAL_DATALOADER_FORM: DataLoaderFormValues = {
  folder: '',
  keyKind: 'new',
  keyPath: '',
  operations: { extract: true, insert: false, update: false, upsert: false, delete: false },
  object: INITIAL_OBJECT,
  soql: suggestedSoql(INITIAL_OBJECT),
  soqlEdited: false,
  externalIdField: 'Id',
};

/**
 * What runs before Data Loader for an access-token export (the folder's README.txt has it too): the
 * alias quoted for a POSIX shell, or in double quotes for Windows' command prompt.
 */
export const refreshCommand = (alias: string, shell: 'posix' | 'windows' = 'posix') =>
  `orgkey export refresh ${shell === 'posix' ? posixWord(alias) : `"${alias}"`}`;

/** One job per checked operation, in Data Loader's usual order; query for extract, match field for upsert. */
export function jobsOf(values: DataLoaderFormValues): DataLoaderJob[] {
  return DATALOADER_OPERATIONS.filter((operation) => values.operations[operation]).map((operation) => ({
    operation,
    object: values.object,
    ...(operation === 'extract' ? { soql: values.soql } : {}),
    ...(operation === 'upsert' ? { externalIdField: values.externalIdField } : {}),
  }));
}

export function exportRequestOf(id: string, values: DataLoaderFormValues, overwrite = false): DataLoaderExportRequest {
  return {
    id,
    folder: values.folder,
    keyFile: values.keyKind === 'new' ? { kind: 'new' } : { kind: 'existing', path: values.keyPath },
    jobs: jobsOf(values),
    ...(overwrite ? { overwrite: true } : {}),
  };
}

/** The form field a core field name (`folder`, `keyFile`, `jobs`, `jobs.<i>.object` …) belongs to, or null. */
export function formFieldOf(field: string | undefined): DataLoaderFieldName | null {
  if (!field) return null;
  if (field === 'folder') return 'dlFolder';
  if (field === 'keyFile') return 'dlKeyFile';
  if (field === 'jobs') return 'dlOperations';
  const job = /^jobs\.\d+\.(object|soql|externalIdField|operation)$/.exec(field);
  if (!job) return null;
  return ({ object: 'dlObject', soql: 'dlSoql', externalIdField: 'dlExternalId', operation: 'dlOperations' } as const)[
    job[1] as 'object' | 'soql' | 'externalIdField' | 'operation'
  ];
}

/** The id of the control focus goes to for a field's message; for the checkbox group, its first box. */
export function controlIdOf(field: DataLoaderFieldName): string {
  return field === 'dlOperations' ? 'dl-op-extract' : `field-${field}`;
}
