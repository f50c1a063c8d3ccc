import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import type { OrgSummary } from '../../shared/domain';
import { ErrorAlert } from '../components/ErrorAlert';
import { Icon } from '../components/Icon';
import { ViewHeading } from '../components/ViewHeading';
import type { OrgListState } from '../hooks/useOrgList';
import { useListReadyMarker } from '../hooks/useListReadyMarker';
import { hostOf } from '../lib/format';
import { EmptyState } from './EmptyState';
import { OrgTable } from './OrgTable';

export interface OrgListViewProps {
  list: OrgListState;
  onOpen: (org: OrgSummary) => void;
  onAdd: () => void;
  onRetry: () => void;
}

/** The default view: every org, filterable by name, username or login host. */
export function OrgListView({ list, onOpen, onAdd, onRetry }: OrgListViewProps) {
  const headingId = useId();
  const filterRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  // Typing stays instant even with thousands of rows: the table catches up in a lower-priority render.
  const deferredQuery = useDeferredValue(query);

  // Lower-cased once per list, not once per keystroke.
  const searchable = useMemo(
    () => list.orgs.map((org) => ({ org, text: `${org.alias}\n${org.username}\n${hostOf(org.loginUrl)}`.toLowerCase() })),
    [list.orgs],
  );
  const needle = deferredQuery.trim().toLowerCase();
  const shown = useMemo(
    () => (needle ? searchable.filter((entry) => entry.text.includes(needle)).map((entry) => entry.org) : list.orgs),
    [needle, searchable, list.orgs],
  );

  useListReadyMarker(list.status !== 'loading');

  const total = list.orgs.length;
  const loading = list.status === 'loading' && total === 0;

  function clearFilter() {
    setQuery('');
    filterRef.current?.focus();
  }

  return (
    <section className="ok-view" aria-labelledby={headingId}>
      <div className="ok-view__header">
        <ViewHeading id={headingId}>Orgs</ViewHeading>
        {total > 0 ? (
          <p className="ok-count" aria-live="polite">
            {needle ? `${shown.length} of ${total} orgs` : total === 1 ? '1 org' : `${total} orgs`}
          </p>
        ) : null}
      </div>

      {list.status === 'error' ? (
        <ErrorAlert error={list.error}>
          <button type="button" className="slds-button slds-button_neutral slds-m-top_small" onClick={onRetry}>
            Try again
          </button>
        </ErrorAlert>
      ) : null}

      {loading ? <p className="ok-muted">Loading orgs…</p> : null}

      {list.status === 'ready' && total === 0 ? <EmptyState onAdd={onAdd} /> : null}

      {total > 0 ? (
        <>
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
                placeholder="Name, username or host"
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
          </div>
          {shown.length > 0 ? (
            <OrgTable orgs={shown} labelledBy={headingId} onOpen={onOpen} />
          ) : (
            <div className="ok-no-match">
              <p className="slds-m-bottom_small">{`No org matches “${deferredQuery.trim()}”`}</p>
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
