import { Icon } from '../components/Icon';

/** What a first-time user sees: what OrgKey does with their secrets, and the ways forward: add one org, or import many. */
export function EmptyState({ onAdd, onImport }: { onAdd: () => void; onImport: () => void }) {
  return (
    <section className="ok-empty" aria-labelledby="empty-heading">
      <Icon name="lock" className="slds-icon slds-icon_large slds-icon-text-default ok-empty__icon" />
      <h2 id="empty-heading" className="slds-text-heading_medium slds-m-bottom_small">
        No orgs yet
      </h2>
      <p className="ok-empty__text">
        OrgKey keeps each org’s password and security token in the system keychain, never in a file, so
        you can hand them to Data Loader, Tableau and other tools without writing them down.
      </p>
      <button type="button" className="slds-button slds-button_brand" onClick={onAdd}>
        Add your first org
      </button>
      <button type="button" className="slds-button slds-button_neutral" onClick={onImport}>
        Import orgs from another tool<span aria-hidden="true">…</span>
      </button>
    </section>
  );
}
