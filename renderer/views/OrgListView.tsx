import { useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { OrgSummary } from '../../shared/domain';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { ViewHeading } from '../components/ViewHeading';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { useListReadyMarker } from '../hooks/useListReadyMarker';
import { useNow } from '../hooks/useNow';
import { hostOf } from '../lib/format';
import { inGroupFilter, type GroupFilter } from '../lib/orgGroups';
import { groupsOf, sameGroup } from '../../shared/org-groups';
import { afterNextPaint } from '../lib/paint';
import { readinessOf, retirementLines, switchAdvice } from '../lib/readiness';
import type { TestAllState } from '../store/orgs';
import { orgStore, useOrgList, useTestAll } from '../store/useOrgs';
import { EmptyState } from './EmptyState';
import { OrgTable } from './OrgTable';

export interface OrgListViewProps {
  onOpen: (org: OrgSummary) => void;
  onAdd: () => void;
  onImport: () => void;
  /** The password-login retirement notice was dismissed (kept by App for the rest of the session). */
  readinessDismissed: boolean;
  onDismissReadiness: () => void;
}

const TEST_ALL_ID = 'test-all-button';
const CANCEL_TESTS_ID = 'cancel-tests-button';

const searchTexts = new WeakMap<OrgSummary, string>();

/** What the filter searches: name, username, login host and group, lower-cased once per org object. */
function searchTextOf(org: OrgSummary): string {
  let text = searchTexts.get(org);
  if (text === undefined) {
    text = `${org.alias}\n${org.username}\n${hostOf(org.loginUrl)}\n${org.group ?? ''}`.toLowerCase();
    searchTexts.set(org, text);
  }
  return text;
}

/** The default view: every org, filterable by name, username or login host, and Test all. */
export function OrgListView(props: OrgListViewProps) {
  const { onOpen, onAdd, onImport, readinessDismissed, onDismissReadiness } = props;
  const list = useOrgList();
  const testAll = useTestAll();
  const headingId = useId();
  const now = useNow();
  const requestFocus = useFocusRequest();
  const filterRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  // Typing stays instant even with thousands of rows: the table catches up in a lower-priority render.
  const deferredQuery = useDeferredValue(query);

  // The banner counts only once every org is in, so its numbers are never those of the first screen;
  // days left change with the date, so it counts again on a new (UTC) day, not on every tick.
  const today = new Date(now).toISOString().slice(0, 10);
  const retirements = useMemo(() => (list.complete ? retirementLines(list.orgs, Date.parse(today)) : []), [list.complete, list.orgs, today]);
  const advice = useMemo(() => (list.complete ? switchAdvice(list.orgs, Date.parse(today)) : []), [list.complete, list.orgs, today]);
  const showBanner = !readinessDismissed && retirements.length > 0;
  const [affectedOnlyChosen, setAffectedOnly] = useState(false);
  const affectedOnly = affectedOnlyChosen && showBanner;

  // The groups to filter by, while any org has one; a group chosen that no org has any more shows all.
  const groups = useMemo(() => groupsOf(list.orgs), [list.orgs]);
  const [groupChoice, setGroupChoice] = useState<GroupFilter>({ kind: 'all' });
  const groupFilter = useMemo<GroupFilter>(
    () => (groups.length === 0 || (groupChoice.kind === 'group' && !groups.some((name) => sameGroup(name, groupChoice.name))) ? { kind: 'all' } : groupChoice),
    [groups, groupChoice],
  );

  const needle = deferredQuery.trim().toLowerCase();
  const shown = useMemo(() => {
    const matching = needle || groupFilter.kind !== 'all' ? list.orgs.filter((org) => inGroupFilter(org, groupFilter) && (!needle || searchTextOf(org).includes(needle))) : list.orgs;
    return affectedOnly ? matching.filter((org) => readinessOf(org, Date.parse(today)).affected) : matching;
  }, [needle, affectedOnly, list.orgs, today, groupFilter]);
  const filtering = !!needle || affectedOnly || groupFilter.kind !== 'all';
  // The search texts are built when the browser is idle after the list is shown, not before its
  // first paint (2,000 orgs take about 10 ms); a test result replaces one org, so one text.
  useEffect(() => {
    const idle = requestIdleCallback(() => list.orgs.forEach(searchTextOf));
    return () => cancelIdleCallback(idle);
  }, [list.orgs]);

  useListReadyMarker(list.status !== 'loading');

  // Each keystroke's cost as the user sees it, from the input event to the filtered table painted:
  // the performance measure `orgkey:filter`, read by `npm run bench` (budget ≤ 50 ms: README, "Performance").
  const inputAt = useRef<number | null>(null);
  useLayoutEffect(() => {
    const start = inputAt.current;
    if (start === null) return;
    inputAt.current = null;
    afterNextPaint(() => performance.measure('orgkey:filter', { start, end: performance.now() }));
  }, [needle]);

  // Every stored org, even while the first load shows only the first screenful (store/orgs.ts).
  const total = list.total;
  const loading = list.status === 'loading' && total === 0;

  // "Test all" and "Cancel tests" take each other's place; focus follows, so it is never lost.
  const wasRunning = useRef(testAll.running);
  useEffect(() => {
    if (wasRunning.current === testAll.running) return;
    wasRunning.current = testAll.running;
    const active = document.activeElement;
    if (!active || active === document.body) requestFocus(testAll.running ? CANCEL_TESTS_ID : TEST_ALL_ID);
  }, [testAll.running, requestFocus]);

  function startTests() {
    requestFocus(CANCEL_TESTS_ID);
    void orgStore.startTestAll();
  }

  function clearFilter() {
    setQuery('');
    setGroupChoice({ kind: 'all' });
    filterRef.current?.focus();
  }

  return (
    <section className="ok-view" aria-labelledby={headingId}>
      <div className="ok-view__header">
        <ViewHeading id={headingId}>Orgs</ViewHeading>
        <div className="ok-toolbar">
          {total > 0 ? (
            <p className="ok-count" aria-live="polite">
              {filtering ? `${shown.length} of ${total} orgs${list.complete ? '' : ' so far…'}` : total === 1 ? '1 org' : `${total} orgs`}
            </p>
          ) : null}
          {testAll.running ? null : (
            <button id={TEST_ALL_ID} type="button" className="slds-button slds-button_neutral" disabled={total === 0} onClick={startTests}>
              Test all
            </button>
          )}
        </div>
      </div>

      {testAll.running ? <TestAllProgress state={testAll} onCancel={orgStore.cancelTestAll} /> : null}
      {testAll.error ? <ErrorAlert error={testAll.error} /> : null}

      {showBanner ? (
        <RetirementBanner retirements={retirements} advice={advice} affectedOnly={affectedOnly} onToggle={() => setAffectedOnly(!affectedOnly)} onDismiss={onDismissReadiness} />
      ) : null}

      {list.status === 'error' ? (
        <ErrorAlert error={list.error}>
          <button type="button" className="slds-button slds-button_neutral slds-m-top_small" onClick={() => void orgStore.loadList()}>
            Try again
          </button>
        </ErrorAlert>
      ) : null}

      {loading ? <p className="ok-muted">Loading orgs…</p> : null}

      {list.status === 'ready' && total === 0 ? <EmptyState onAdd={onAdd} onImport={onImport} /> : null}

      {total > 0 ? (
        <>
          <div className="ok-filters">
            <div className="slds-form-element ok-filter">
              <label className="slds-form-element__label" htmlFor="org-filter">
                Filter orgs
              </label>
              <div className="slds-form-element__control slds-input-has-icon slds-input-has-icon_left">
                <Icon name="search" className="slds-icon slds-input__icon slds-input__icon_left slds-icon-text-default" />
                <input
                  ref={filterRef}
                  id="org-filter"
                  type="search"
                  className="slds-input"
                  value={query}
                  placeholder="Name, username, host or group"
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => {
                    // Timed from the first keystroke the table has not caught up with; one that leaves
                    // the shown query as it is (a trailing space) makes no work and is not timed.
                    if (event.target.value.trim().toLowerCase() === needle) inputAt.current = null;
                    else inputAt.current ??= event.timeStamp;
                    setQuery(event.target.value);
                  }}
                />
              </div>
            </div>
            {groups.length > 0 ? <GroupFilterSelect groups={groups} value={groupFilter} onChange={setGroupChoice} /> : null}
          </div>
          {shown.length > 0 ? (
            <OrgTable orgs={shown} labelledBy={headingId} onOpen={onOpen} testing={testAll.testing} guarded={testAll.guarded} now={now} />
          ) : (
            <div className="ok-no-match">
              <p className="slds-m-bottom_small">
                {needle
                  ? `No org matches “${deferredQuery.trim()}”${groupFilter.kind === 'group' ? ` in “${groupFilter.name}”` : groupFilter.kind === 'none' ? ' among the orgs in no group' : ''}${affectedOnly ? ' among the orgs whose login Salesforce retires' : ''}`
                  : affectedOnly
                    ? 'No org logs in a way Salesforce retires'
                    : groupFilter.kind === 'none'
                      ? 'Every org is in a group'
                      : 'No org in this group'}
              </p>
              <button type="button" className="slds-button slds-button_neutral" onClick={clearFilter}>
                Clear filter
              </button>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

const ALL_GROUPS = '';
const NO_GROUP = '\u0000none';

/** “All groups”, each group, “No group”: beside the text filter, narrowing the list to one group. */
function GroupFilterSelect({ groups, value, onChange }: { groups: readonly string[]; value: GroupFilter; onChange: (filter: GroupFilter) => void }) {
  const selected = value.kind === 'all' ? ALL_GROUPS : value.kind === 'none' ? NO_GROUP : (groups.find((name) => sameGroup(name, value.name)) ?? ALL_GROUPS);
  return (
    <div className="slds-form-element ok-group-filter">
      <label className="slds-form-element__label" htmlFor="group-filter">
        Group
      </label>
      <div className="slds-form-element__control">
        <div className="slds-select_container">
          <select
            id="group-filter"
            className="slds-select"
            value={selected}
            onChange={(event) => {
              const choice = event.target.value;
              onChange(choice === ALL_GROUPS ? { kind: 'all' } : choice === NO_GROUP ? { kind: 'none' } : { kind: 'group', name: choice });
            }}
          >
            <option value={ALL_GROUPS}>All groups</option>
            {groups.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            <option value={NO_GROUP}>No group</option>
          </select>
        </div>
      </div>
    </div>
  );
}

/**
 * Salesforce retires both password logins: each retirement that stops any org, nearest first, with
 * how many orgs it stops; a way to list just those orgs, and where to go next. A named region (not
 * an alert: it is there on every start, and the toast region owns role="status"); dismissed for the
 * session only.
 */
function RetirementBanner({
  retirements,
  advice,
  affectedOnly,
  onToggle,
  onDismiss,
}: {
  retirements: ReturnType<typeof retirementLines>;
  /** What to switch to: Browser login for orgs a person uses, client credentials or JWT for a tool's. */
  advice: ReturnType<typeof switchAdvice>;
  affectedOnly: boolean;
  onToggle: () => void;
  onDismiss: () => void;
}) {
  return (
    <section className="slds-notify slds-notify_alert ok-alert ok-alert_warning ok-readiness" aria-labelledby="retirement-heading">
      <Icon name="warning" className="slds-icon slds-icon_x-small slds-m-right_small ok-alert__icon" />
      <div className="ok-alert__body">
        <h2 id="retirement-heading" className="ok-alert__message">
          Salesforce retires the password logins of your orgs
        </h2>
        <ul className="ok-alert__remedy ok-readiness__list">
          {retirements.map((retirement) => (
            <li key={retirement.flow} data-flow={retirement.flow} data-orgs={retirement.orgs} data-already-off={retirement.alreadyOff}>
              {retirement.text}
            </li>
          ))}
        </ul>
        {advice.map((line) => (
          <p key={line.fit} className="ok-alert__remedy" data-fit={line.fit}>
            {line.text}
          </p>
        ))}
        <div className="ok-readiness__actions">
          <button type="button" className="slds-button slds-button_neutral" aria-pressed={affectedOnly} onClick={onToggle}>
            Show only these orgs
          </button>
        </div>
      </div>
      <button type="button" className="slds-button slds-button_neutral ok-alert__dismiss" aria-label="Dismiss the password login notice for now" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}

/** "Tested N of M", an SLDS progress bar, and the way out. */
function TestAllProgress({ state, onCancel }: { state: TestAllState; onCancel: () => void }) {
  const valueRef = useRef<HTMLSpanElement>(null);
  const { done, total, cancelling } = state;
  const text = `Tested ${done} of ${total}`;
  // The bar's width goes through the CSSOM, which the CSP permits; no inline style attributes.
  useLayoutEffect(() => {
    valueRef.current?.style.setProperty('width', `${total ? Math.round((done / total) * 100) : 0}%`);
  }, [done, total]);
  return (
    <div className="ok-card ok-progress">
      <div className="ok-progress__row">
        <p className="ok-progress__text">{cancelling ? `${text} · cancelling…` : text}</p>
        <button
          id={CANCEL_TESTS_ID}
          type="button"
          className="slds-button slds-button_neutral"
          aria-disabled={cancelling || undefined}
          onClick={() => !cancelling && onCancel()}
        >
          Cancel tests
        </button>
      </div>
      <div
        className="slds-progress-bar slds-progress-bar_small"
        role="progressbar"
        aria-label="Testing orgs"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={text}
      >
        <span ref={valueRef} className="slds-progress-bar__value" />
      </div>
    </div>
  );
}
