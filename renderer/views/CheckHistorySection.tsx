import { ErrorAlert } from '../components/ErrorAlert';
import { useCheckHistory, type CheckHistoryState } from '../hooks/useCheckHistory';
import { formatTimestamp } from '../lib/format';
import { historyRows } from '../lib/schedule';
import type { OrgDetail } from '../../shared/domain';

const BADGE = { ok: 'slds-badge slds-theme_success', failed: 'slds-badge slds-theme_error', skipped: 'slds-badge slds-badge_inverse' } as const;

/** The detail's *Check history*: the org's last 50 checks, newest first, scheduled or by hand. */
export function CheckHistorySection({ org }: { org: OrgDetail }) {
  const history = useCheckHistory(org.id, org.lastTest?.testedAt);
  return <CheckHistoryView history={history} />;
}

export function CheckHistoryView({ history }: { history: CheckHistoryState }) {
  return (
    <section className="ok-card" aria-labelledby="check-history-heading">
      <h2 id="check-history-heading" className="slds-text-heading_medium slds-m-bottom_small">
        Check history
      </h2>
      {history.status === 'loading' ? <p className="ok-muted">Loading…</p> : null}
      {history.status === 'error' ? <ErrorAlert error={history.error} /> : null}
      {history.status === 'ready' && history.entries.length === 0 ? (
        <p className="ok-muted">No checks yet. Each test, by hand or on the schedule, is kept here (the last 50).</p>
      ) : null}
      {history.status === 'ready' && history.entries.length > 0 ? (
        <table className="slds-table slds-table_cell-buffer slds-table_bordered" aria-labelledby="check-history-heading" data-check-count={history.entries.length}>
          <thead>
            <tr className="slds-line-height_reset">
              <th scope="col">When</th>
              <th scope="col">How</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {historyRows(history.entries).map((row, index) => (
              <tr key={`${row.at}-${index}`} data-check={row.tone} data-scheduled={row.how === 'Scheduled' ? 'true' : 'false'} data-check-code={row.code ?? undefined}>
                <td>
                  <time dateTime={row.at}>{formatTimestamp(row.at)}</time>
                </td>
                <td>{row.how}</td>
                <td className="slds-cell-wrap">
                  <span className={BADGE[row.tone]}>{row.label}</span>
                  {row.detail ? <span className="slds-m-left_small">{row.detail}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
