import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AuthMethod, OrgDetail } from '../../shared/domain';
import { LOGIN_METHODS } from '../../shared/login-methods';
import { AUDIT_DAYS, AUDIT_OWN_SCOPE_NOTE, type AuditFlow, type AuditGroup, type LoginAudit } from '../../shared/login-audit';
import type { AppError } from '../../shared/result';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoginErrorAlert } from '../components/LoginErrorAlert';
import { Icon } from '../components/Icon';
import { NumberField } from '../components/NumberField';
import { InlineSpinner } from '../components/Spinner';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { useLoginAudit, type AuditRun } from '../hooks/useLoginAudit';
import { call } from '../lib/api';
import { formatDate, formatNumber, formatTimestamp } from '../lib/format';
import {
  AUDIT_FLOW_LABELS,
  changeText,
  checkAuditDays,
  compareAudits,
  deadlineOf,
  flowsIn,
  goneSince,
  groupKey,
  shownGroups,
  type AuditFilter,
  type CountChange,
} from '../lib/loginAudit';

export const RUN_AUDIT_ID = 'audit-run-button';
export const CANCEL_AUDIT_ID = 'audit-cancel-button';
const DAYS_ID = 'audit-days';
const RESULT_HEADING_ID = 'audit-result-heading';

export interface AuditSectionProps {
  org: OrgDetail;
  /** The login is this org's own: open its *Edit* on that method. */
  onSwitchTo: (auth: AuthMethod) => void;
  /** Another user's or tool's login: open *Add org* on that method, in this org. */
  onAddOrg: (auth: AuthMethod, username: string) => void;
}

/**
 * "Audit logins": the org's Login History of the last N days, read through the org's own login and
 * grouped by user, application and flow — who still logs in with a password, how often, from where,
 * when each stops working and what to move it to. The core runs it (`audit.run`) and keeps the last
 * result with the org, which shows here on opening and is what a new run is compared with.
 */
export function AuditSection({ org, onSwitchTo, onAddOrg }: AuditSectionProps) {
  const { run, kept, keptError, start, cancel } = useLoginAudit(org.id);
  const [days, setDays] = useState(String(AUDIT_DAYS.default));
  const [daysError, setDaysError] = useState<string | undefined>();
  // The days of the last run, for "Log in anyway" after the lockout guard refused it.
  const ranDays = useRef<number>(AUDIT_DAYS.default);
  const requestFocus = useFocusRequest();

  const running = run.status === 'running';
  // The core checks the days again; its word on them belongs next to the field too.
  const daysRefused = run.status === 'failed' && run.error.field === 'days' ? run.error.message : undefined;
  const shown: LoginAudit | null = run.status === 'done' ? run.result : kept;
  const previous = run.status === 'done' ? kept : null;

  // When a run ends, focus goes to its result (or back to Run after a failure): the Cancel button it
  // was on is gone. Only when focus was on Cancel or nowhere, so typing elsewhere is not disturbed.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) {
      wasRunning.current = true;
      return;
    }
    if (!wasRunning.current) return;
    wasRunning.current = false;
    const active = document.activeElement;
    if (!active || active === document.body || active.id === CANCEL_AUDIT_ID) requestFocus(run.status === 'done' ? RESULT_HEADING_ID : RUN_AUDIT_ID);
  }, [running, run.status, requestFocus]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (running) return;
    const check = checkAuditDays(days);
    if (!check.ok) {
      setDaysError(check.message);
      requestFocus(DAYS_ID);
      return;
    }
    setDaysError(undefined);
    ranDays.current = check.days;
    requestFocus(CANCEL_AUDIT_ID);
    void start(check.days);
  }

  function confirmRetry() {
    requestFocus(CANCEL_AUDIT_ID);
    void start(ranDays.current, { confirmRetry: true });
  }

  return (
    <section className="ok-card ok-audit" aria-labelledby="audit-heading" data-audit-status={run.status}>
      <h2 id="audit-heading" className="slds-text-heading_medium slds-m-bottom_small">
        Audit logins
      </h2>
      <p className="slds-m-bottom_small ok-setup-line">
        Reads the org’s Login History through this org’s login and groups every login by user, application and flow: who still
        logs in with a password, how often, from where, and when Salesforce stops it.
      </p>
      <form className="ok-audit__form" noValidate onSubmit={submit}>
        <NumberField
          id={DAYS_ID}
          field="days"
          label="Days to read"
          value={days}
          min={AUDIT_DAYS.min}
          max={AUDIT_DAYS.max}
          error={daysError ?? daysRefused}
          hint={`The last ${AUDIT_DAYS.min}–${AUDIT_DAYS.max} days: Salesforce keeps six months of Login History.`}
          onChange={(value) => {
            setDays(value);
            setDaysError(undefined);
          }}
        />
        {running ? null : (
          <button id={RUN_AUDIT_ID} type="submit" className="slds-button slds-button_brand ok-audit__run">
            Run audit
          </button>
        )}
      </form>

      <AuditProgress run={run} onCancel={cancel} />
      {run.status === 'failed' && !daysRefused ? <LoginErrorAlert error={run.error} onConfirmRetry={confirmRetry} /> : null}
      {keptError && !shown ? <ErrorAlert error={keptError} /> : null}

      {shown ? (
        <AuditResult audit={shown} previous={previous} fresh={run.status === 'done'} org={org} onSwitchTo={onSwitchTo} onAddOrg={onAddOrg} />
      ) : running ? null : (
        <p className="ok-muted">No audit yet.</p>
      )}
    </section>
  );
}

/** Rows and pages read so far, in a live region, and the way out. */
function AuditProgress({ run, onCancel }: { run: AuditRun; onCancel: () => void }) {
  const running = run.status === 'running';
  const text = running
    ? `Read ${formatNumber(run.rows)} ${run.rows === 1 ? 'row' : 'rows'} of Login History (${formatNumber(run.pages)} ${run.pages === 1 ? 'page' : 'pages'})${run.cancelling ? ' · cancelling…' : '…'}`
    : '';
  return (
    <>
      {/* Always mounted, so screen readers hear it as it changes. */}
      <div className="ok-audit__progress" aria-live="polite" data-audit-progress={running ? `${run.rows}/${run.pages}` : undefined}>
        {running ? (
          <>
            <InlineSpinner />
            {text}
          </>
        ) : null}
      </div>
      {running ? (
        <button
          id={CANCEL_AUDIT_ID}
          type="button"
          className="slds-button slds-button_neutral slds-m-bottom_small"
          aria-disabled={run.cancelling || undefined}
          onClick={() => !run.cancelling && onCancel()}
        >
          Cancel audit
        </button>
      ) : null}
    </>
  );
}

interface AuditResultProps {
  audit: LoginAudit;
  /** The audit kept before this one, to compare with; null when `audit` is the kept one. */
  previous: LoginAudit | null;
  /** Just run, rather than the one kept from before. */
  fresh: boolean;
  org: OrgDetail;
  onSwitchTo: (auth: AuthMethod) => void;
  onAddOrg: (auth: AuthMethod, username: string) => void;
}

/** What the audit found: when, which days, how many rows, the notes, the filters, the table and Export CSV. */
function AuditResult({ audit, previous, fresh, org, onSwitchTo, onAddOrg }: AuditResultProps) {
  const [filter, setFilter] = useState<AuditFilter>({ flow: '', user: '' });
  const groups = useMemo(() => shownGroups(audit.groups, filter), [audit.groups, filter]);
  const flows = useMemo(() => flowsIn(audit.groups), [audit.groups]);
  const changes = useMemo(() => compareAudits(audit, previous), [audit, previous]);
  const gone = goneSince(audit, previous);
  const filtered = filter.flow !== '' || filter.user.trim() !== '';
  const flowId = useId();
  const userId = useId();
  // A filter's flow no longer in the audit (a new run) shows everything again.
  const flowValue = filter.flow && flows.includes(filter.flow) ? filter.flow : '';

  return (
    <div className="ok-audit__result" data-audit-complete={audit.complete} data-audit-scope={audit.scope}>
      <h3 id={RESULT_HEADING_ID} className="slds-text-heading_small ok-audit__title" tabIndex={-1}>
        {`${fresh ? 'Audit' : 'Last audit'}: the last ${audit.days} ${audit.days === 1 ? 'day' : 'days'}, run `}
        <time dateTime={audit.to}>{formatTimestamp(audit.to)}</time>
      </h3>
      <p className="slds-m-bottom_x-small" data-audit-summary="">
        {`${formatDate(audit.from)} – ${formatDate(audit.to)}: ${formatNumber(audit.rows)} ${audit.rows === 1 ? 'login' : 'logins'} in ${audit.groups.length} ${audit.groups.length === 1 ? 'group' : 'groups'} (user, application and flow), sorted by when they stop working, then by how many.`}
      </p>
      {!audit.complete ? (
        <Note kind="warning" data="incomplete">
          {`Incomplete: the audit was cancelled after ${formatNumber(audit.rows)} ${audit.rows === 1 ? 'row' : 'rows'}. The groups count only the logins read until then; run it again for the whole ${audit.days} ${audit.days === 1 ? 'day' : 'days'}.`}
        </Note>
      ) : null}
      {audit.scope === 'own' ? (
        <Note kind="info" data="own-scope">
          {AUDIT_OWN_SCOPE_NOTE}
        </Note>
      ) : null}
      {previous ? <Comparison audit={audit} previous={previous} changes={changes} gone={gone} /> : null}

      {audit.groups.length ? (
        <>
          <div className="ok-audit__tools">
            <div className="slds-form-element">
              <label className="slds-form-element__label" htmlFor={flowId}>
                Flow
              </label>
              <div className="slds-form-element__control">
                <div className="slds-select_container">
                  <select id={flowId} className="slds-select" value={flowValue} onChange={(event) => setFilter({ ...filter, flow: event.target.value as AuditFlow | '' })}>
                    <option value="">All flows</option>
                    {flows.map((flow) => (
                      <option key={flow} value={flow}>
                        {AUDIT_FLOW_LABELS[flow]}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            </div>
            <div className="slds-form-element">
              <label className="slds-form-element__label" htmlFor={userId}>
                User
              </label>
              <div className="slds-form-element__control">
                <input
                  id={userId}
                  type="search"
                  className="slds-input"
                  value={filter.user}
                  placeholder="Name or username"
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => setFilter({ ...filter, user: event.target.value })}
                />
              </div>
            </div>
            <ExportCsv org={org} audit={audit} />
          </div>
          <p className="ok-count" aria-live="polite" data-audit-shown={groups.length}>
            {filtered ? `${groups.length} of ${audit.groups.length} groups` : ''}
          </p>
          {groups.length ? (
            <AuditTable groups={groups} changes={changes} org={org} onSwitchTo={onSwitchTo} onAddOrg={onAddOrg} />
          ) : (
            <p className="ok-muted">No group matches these filters.</p>
          )}
        </>
      ) : (
        <p className="ok-muted">No logins in these days.</p>
      )}
    </div>
  );
}

function Note({ kind, data, children }: { kind: 'warning' | 'info'; data: string; children: string }) {
  return (
    <p className="ok-info-text" data-audit-note={data}>
      <Icon name={kind} className={`slds-icon slds-icon_x-small ${kind === 'warning' ? 'slds-icon-text-warning' : 'slds-icon-text-default'} ok-info-text__icon`} />
      {children}
    </p>
  );
}

/** The new run against the audit kept before it: counts per group when the two cover the same days. */
function Comparison({ audit, previous, changes, gone }: { audit: LoginAudit; previous: LoginAudit; changes: Map<string, CountChange> | null; gone: number }) {
  const when = formatTimestamp(previous.to);
  if (!changes) {
    const why = previous.complete ? `it covered ${previous.days} days, this one ${audit.days}` : 'it was cancelled before the end';
    return <p className="ok-hint" data-audit-compare="none">{`Not compared with the audit of ${when}: ${why}.`}</p>;
  }
  const values = [...changes.values()];
  const added = values.filter((change) => change.kind === 'new').length;
  const moved = values.filter((change) => change.kind === 'more' || change.kind === 'fewer').length;
  const parts = [`${added} new ${added === 1 ? 'group' : 'groups'}`, `${moved} with another count`, `${gone} no longer seen`];
  return <p className="ok-hint" data-audit-compare="">{`Compared with the audit of ${when} (${previous.days} days, ${formatNumber(previous.rows)} logins): ${parts.join(', ')}. The Logins column shows each change.`}</p>;
}

/** Writes the whole audit (whatever the filters show) as CSV where the admin chooses, through the OS save dialog. */
function ExportCsv({ org, audit }: { org: OrgDetail; audit: LoginAudit }) {
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  async function exportCsv() {
    setSaved(null);
    setError(null);
    const day = audit.to.slice(0, 10);
    const picked = await call((api) =>
      api.dialogs.pickSaveFile({ title: 'Save the login audit as CSV', defaultPath: `${org.alias.replace(/[^A-Za-z0-9._-]+/g, '-')}-logins-${day}.csv` }),
    );
    if (!picked.ok) return setError(picked.error);
    const path = picked.value.path;
    if (!path) return;
    // The OS save dialog already asked before replacing a file.
    const result = await call((api) => api.audit.saveCsv({ id: org.id, path, overwrite: true }));
    if (result.ok) setSaved(result.value.path);
    else setError(result.error);
  }
  return (
    <div className="ok-audit__export">
      <button type="button" className="slds-button slds-button_neutral" onClick={() => void exportCsv()}>
        Export CSV
      </button>
      <div className="ok-hint" aria-live="polite" data-audit-saved={saved ?? undefined}>
        {saved ? `Saved to ${saved}` : ''}
      </div>
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}

interface AuditTableProps {
  groups: readonly AuditGroup[];
  changes: Map<string, CountChange> | null;
  org: OrgDetail;
  onSwitchTo: (auth: AuthMethod) => void;
  onAddOrg: (auth: AuthMethod, username: string) => void;
}

/** The groups as a real table: a row header per group (the user), one column per fact. */
function AuditTable({ groups, changes, org, onSwitchTo, onAddOrg }: AuditTableProps) {
  return (
    // Wider than the window: a region of its own that the keyboard can scroll (focusable).
    <div className="ok-audit__scroll" role="region" aria-label="Login audit table" tabIndex={0}>
      <table className="slds-table slds-table_cell-buffer slds-table_bordered ok-audit-table" aria-labelledby={RESULT_HEADING_ID}>
        <thead>
          <tr className="slds-line-height_reset">
            <th scope="col">User</th>
            <th scope="col">Application</th>
            <th scope="col">Flow</th>
            <th scope="col">Logins</th>
            <th scope="col">Failures</th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
            <th scope="col">API versions</th>
            <th scope="col">Source IPs</th>
            <th scope="col">Stops working</th>
            <th scope="col">Move to</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => {
            const key = groupKey(group);
            const deadline = deadlineOf(group.retirement);
            const change = changeText(changes?.get(key));
            return (
              <tr key={key} data-flow={group.flow} data-deadline={deadline.kind} data-username={group.username}>
                <th scope="row">
                  <span className="ok-audit__user">
                    <span className="ok-audit__name">{group.name || group.username}</span>
                    {group.name ? <span className="ok-audit__username">{group.username}</span> : null}
                  </span>
                </th>
                <td>{group.application || '—'}</td>
                <td title={[group.loginType, group.loginSubType, group.apiType].filter(Boolean).join(' · ')}>{AUDIT_FLOW_LABELS[group.flow] ?? AUDIT_FLOW_LABELS.other}</td>
                <td className="ok-audit__number" data-count={group.count}>
                  {formatNumber(group.count)}
                  {change ? <span className="ok-audit__change" data-change={change}>{` (${change === 'new' ? 'new' : `${change} since last`})`}</span> : null}
                </td>
                <td className="ok-audit__number">{formatNumber(group.failures)}</td>
                <td>
                  <Day iso={group.firstSeen} />
                </td>
                <td>
                  <Day iso={group.lastSeen} />
                </td>
                <td>
                  <Listed values={group.apiVersions} more={group.apiVersionsMore} />
                </td>
                <td>
                  <Listed values={group.sourceIps} more={group.sourceIpsMore} />
                </td>
                <td data-stops={deadline.label}>
                  <span className="ok-audit__deadline">
                    <span className={deadline.badgeClass}>{deadline.label}</span>
                    {deadline.detail ? <span className="ok-login__deadline">{deadline.detail}</span> : null}
                  </span>
                </td>
                <td>
                  <MoveTo group={group} org={org} onSwitchTo={onSwitchTo} onAddOrg={onAddOrg} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A day in the table, its time in the tooltip and the `datetime`. */
function Day({ iso }: { iso: string }) {
  return (
    <time className="ok-audit__nowrap" dateTime={iso} title={formatTimestamp(iso)}>
      {formatDate(iso)}
    </time>
  );
}

/** A group's versions or addresses, one a line, and how many more (`listedText` in the CSV). */
function Listed({ values, more }: { values: readonly string[]; more: number }) {
  if (!values.length) return <>—</>;
  return (
    <span className="ok-audit__list">
      {values.map((value) => (
        <span key={value} className="ok-audit__nowrap">
          {value}
        </span>
      ))}
      {more > 0 ? <span className="ok-audit__nowrap">{`+${more} more`}</span> : null}
    </span>
  );
}

/**
 * Where the group's logins can go. OrgKey can only change how *it* logs in: a group that is this
 * org's own user is offered this org's *Edit* on that method; anyone else's login is a tool or person
 * OrgKey does not run, so it is offered *Add org* on that method (this org's login host), from where
 * the new connection can be proved and handed to the tool (a Data Loader export, an access token).
 */
function MoveTo({ group, org, onSwitchTo, onAddOrg }: { group: AuditGroup; org: OrgDetail; onSwitchTo: (auth: AuthMethod) => void; onAddOrg: (auth: AuthMethod, username: string) => void }) {
  const { moveTo } = group;
  const affected = group.retirement.affected !== false || group.retirement.alreadyOff;
  if (!moveTo || !affected) return <span className="ok-muted">{affected ? 'No OrgKey method fits' : 'Nothing to do'}</span>;
  const label = LOGIN_METHODS[moveTo].label;
  const own = !!org.username && org.username.toLowerCase() === group.username.toLowerCase();
  const who = `${group.name || group.username}, ${group.application || AUDIT_FLOW_LABELS[group.flow]}`;
  if (own && org.auth === moveTo) return <span>{`${label}: this org already logs in so`}</span>;
  return (
    <span className="ok-audit__move" data-move-to={moveTo}>
      <span>{label}</span>
      {own ? (
        <button type="button" className="slds-button" aria-label={`Switch this org to ${label} (${who})`} onClick={() => onSwitchTo(moveTo)}>
          Switch this org
        </button>
      ) : (
        <button type="button" className="slds-button" aria-label={`Add an org with ${label} for ${who}`} onClick={() => onAddOrg(moveTo, group.username)}>
          Add org with it
        </button>
      )}
    </span>
  );
}
