import type { ImportPreview, ImportResult, ImportRow, ImportRowResult } from '../../../shared/imports';
import { Icon } from '../../components/Icon';
import type { RowEdits } from '../../lib/importForm';
import { ImportNotes } from './PreviewStep';

type Imported = Extract<ImportRowResult, { status: 'imported' }>;
type Failed = Extract<ImportRowResult, { status: 'failed' }>;
type Skipped = Extract<ImportRowResult, { status: 'skipped' }>;

/**
 * What the import did: the orgs imported, the ones that were not and why (a failed row left the
 * others imported), the rows passed over, and what still holds (delete the file, test the orgs).
 */
export function ResultStep({ preview, edits, result }: { preview: ImportPreview; edits: RowEdits; result: ImportResult }) {
  // Rows under the names the admin gave them.
  const rows = new Map(preview.rows.map((row) => [row.key, { ...row, alias: edits[row.key]?.alias.trim() || row.alias }]));
  const imported = result.rows.filter((row): row is Imported => row.status === 'imported');
  const failed = result.rows.filter((row): row is Failed => row.status === 'failed');
  const skipped = result.rows.filter((row): row is Skipped => row.status === 'skipped');
  const { counts } = result;
  return (
    <>
      <p className="slds-m-bottom_small" data-import-result-counts="">
        {`${counts.imported} imported · ${counts.failed} not imported · ${counts.skipped} passed over`}
      </p>
      <ImportNotes notes={result.notes} />

      {failed.length ? (
        <section className="slds-notify slds-notify_alert slds-theme_error ok-alert slds-m-bottom_small" aria-labelledby="import-failed-heading" data-import-failed="">
          <Icon name="error" className="slds-icon slds-icon_x-small slds-m-right_small ok-alert__icon" />
          <div className="ok-alert__body">
            <h3 id="import-failed-heading" className="ok-alert__message">
              {failed.length === 1 ? 'Not imported: 1 org' : `Not imported: ${failed.length} orgs`}
            </h3>
            <ul className="ok-import-outcomes">
              {failed.map((row) => (
                <li key={row.key} data-import-row={row.key} data-error-code={row.code}>
                  <strong>{rowName(rows.get(row.key))}</strong>
                  {`: ${row.message}`}
                  {row.remedy ? <span className="ok-alert__remedy">{` ${row.remedy}`}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        </section>
      ) : null}

      {imported.length ? (
        <section aria-labelledby="import-imported-heading" className="slds-m-bottom_small" data-import-imported="">
          <h3 id="import-imported-heading" className="slds-text-heading_small slds-m-bottom_x-small">
            {imported.length === 1 ? 'Imported: 1 org' : `Imported: ${imported.length} orgs`}
          </h3>
          <ul className="slds-list_dotted">
            {imported.map((row) => (
              <li key={row.key} data-import-row={row.key}>
                {`${row.alias} (${rows.get(row.key)?.username ?? ''})`}
                {row.notices.map((notice) => (
                  <span key={notice.code} className="ok-hint">{` ${notice.message}`}</span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {skipped.length ? (
        <section aria-labelledby="import-skipped-heading" data-import-skipped="">
          <h3 id="import-skipped-heading" className="slds-text-heading_small slds-m-bottom_x-small">
            Passed over
          </h3>
          <ul className="slds-list_dotted">
            {skipped.map((row) => (
              <li key={row.key} data-import-row={row.key}>
                {`${rowName(rows.get(row.key))}: ${row.reason}`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** A row as the admin knows it: its name (or username) and where in the source it was. */
const rowName = (row: ImportRow | undefined) => (row ? `${row.alias || row.username || 'Unnamed'} (${row.origin.label})` : 'A row');
