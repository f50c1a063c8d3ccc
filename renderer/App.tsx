import { useCallback, useEffect, useState } from 'react';
import type { OrgSaved, OrgSummary } from '../shared/domain';
import { Icon } from './components/Icon';
import { ScheduleLine } from './components/ScheduleLine';
import { SettingsRecoveryBanner } from './components/SettingsRecoveryBanner';
import { ToastRegion, type ToastMessage } from './components/ToastRegion';
import { onEvent } from './lib/api';
import type { OrgFormValues } from './lib/orgForm';
import { summaryText } from './lib/testStatus';
import { orgStore } from './store/useOrgs';
import { scheduleStore } from './store/useSchedule';
import { AddOrgWizard } from './views/add-org/AddOrgWizard';
import { ImportView } from './views/import/ImportView';
import { OrgDetailView } from './views/OrgDetailView';
import { OrgListView } from './views/OrgListView';
import { SettingsView } from './views/SettingsView';

/** Which view is on screen. No URL routing: the app never navigates its window (and refuses to: electron/app.ts). */
type View =
  | { name: 'list' }
  /** `initial`: what to start the wizard with (an audit's *Add org with it*). */
  | { name: 'add'; initial?: Partial<OrgFormValues> }
  | { name: 'settings' }
  | { name: 'import' }
  /** `offerSignIn`: a browser-login org just added, whose next step is signing in. */
  | { name: 'detail'; id: string; alias: string; offerSignIn?: boolean };

const TITLES: Record<View['name'], string> = { list: 'Orgs', add: 'Add org', settings: 'Settings', import: 'Import orgs', detail: 'Org' };

/** The OrgKey window: header, one view at a time, and the success message region. */
export function App() {
  const [view, setView] = useState<View>({ name: 'list' });
  const [toast, setToast] = useState<ToastMessage | null>(null);
  // The SOAP login() retirement notice stays away for the rest of this session once dismissed.
  const [readinessDismissed, setReadinessDismissed] = useState(false);

  // The orgs live in the store (store/orgs.ts): loaded once here, kept current by answers and events.
  useEffect(() => {
    const disconnect = orgStore.connect();
    void orgStore.ensureList();
    return disconnect;
  }, []);
  // Test all is kept above the views, so leaving the list does not lose a run's news.
  useEffect(
    () =>
      orgStore.onTestAllFinished((summary) => {
        const clean = summary.failed + summary.guarded + summary.errors === 0 && !summary.cancelled;
        setToast({ title: summaryText(summary), notices: [], tone: clean ? 'success' : 'info' });
      }),
    [],
  );

  /** Change view; a toast is kept only if this change brings it, so old news never lingers. */
  const navigate = useCallback((next: View, message: ToastMessage | null = null) => {
    setView(next);
    setToast(message);
  }, []);

  // Scheduled checks: their status for the line above the list; a run's results reach the list.
  useEffect(() => {
    const disconnect = scheduleStore.connect();
    const stop = scheduleStore.onFinished(() => void orgStore.loadList());
    void scheduleStore.load();
    return () => {
      stop();
      disconnect();
    };
  }, []);
  // A click on a desktop notification opens the org it is about (the alias is the list's, if it has it yet).
  useEffect(
    () =>
      onEvent('onNotificationClicked', ({ orgId }) => {
        const known = orgStore.getState().list.orgs.find((org) => org.id === orgId);
        navigate({ name: 'detail', id: orgId, alias: known?.alias ?? 'Org' });
      }),
    [navigate],
  );

  useEffect(() => {
    document.title = `${view.name === 'detail' ? view.alias : TITLES[view.name]} — OrgKey`;
  }, [view]);

  const openOrg = useCallback((org: OrgSummary) => navigate({ name: 'detail', id: org.id, alias: org.alias }), [navigate]);
  const addOrg = useCallback(() => navigate({ name: 'add' }), [navigate]);
  const showList = useCallback(() => navigate({ name: 'list' }), [navigate]);
  const showSettings = useCallback(() => navigate({ name: 'settings' }), [navigate]);
  const importOrgs = useCallback(() => navigate({ name: 'import' }), [navigate]);

  function added(saved: OrgSaved) {
    const { org } = saved;
    if (org.auth === 'browser') {
      // A browser org does nothing until someone signs in: go where that happens, with the button focused.
      navigate({ name: 'detail', id: org.id, alias: org.alias, offerSignIn: true }, { title: `Added ${org.alias}. Sign in with the browser to finish.`, notices: saved.notices });
    } else if (org.auth === 'jwt') {
      // A JWT org logs in only once its certificate is in the app: go where the certificate is.
      navigate({ name: 'detail', id: org.id, alias: org.alias }, { title: `Added ${org.alias}. Upload its certificate to the app, then test the connection.`, notices: saved.notices });
    } else {
      navigate({ name: 'list' }, { title: `Added ${org.alias}`, notices: saved.notices });
    }
  }

  function updated(saved: OrgSaved) {
    setView({ name: 'detail', id: saved.org.id, alias: saved.org.alias });
    setToast({ title: `Saved changes to ${saved.org.alias}`, notices: saved.notices });
  }

  function removed(org: Pick<OrgSummary, 'alias'>) {
    navigate({ name: 'list' }, { title: `Removed ${org.alias}`, notices: [] });
  }

  return (
    <div className="ok-app">
      <header className="ok-header">
        <div className="ok-header__inner">
          <span className="ok-brand">
            <Icon name="lock" className="slds-icon slds-icon_x-small ok-brand__icon" />
            OrgKey
          </span>
          <div className="ok-header__actions">
            <button type="button" className="slds-button slds-button_neutral" aria-current={view.name === 'settings' ? 'page' : undefined} onClick={showSettings}>
              <Icon name="settings" className="slds-button__icon slds-button__icon_left" />
              Settings
            </button>
            <button type="button" className="slds-button slds-button_neutral" aria-current={view.name === 'import' ? 'page' : undefined} onClick={importOrgs}>
              Import orgs<span aria-hidden="true">…</span>
            </button>
            <button type="button" className="slds-button slds-button_brand" onClick={addOrg}>
              <Icon name="add" className="slds-button__icon slds-button__icon_left" />
              Add org
            </button>
          </div>
        </div>
      </header>
      <main className="ok-main">
        <SettingsRecoveryBanner />
        <ToastRegion toast={toast} onDismiss={() => setToast(null)} />
        {view.name === 'list' ? <ScheduleLine /> : null}
        {view.name === 'list' ? (
          <OrgListView
            onOpen={openOrg}
            onAdd={addOrg}
            onImport={importOrgs}
            readinessDismissed={readinessDismissed}
            onDismissReadiness={() => setReadinessDismissed(true)}
          />
        ) : null}
        {view.name === 'settings' ? <SettingsView onBack={showList} onSaved={() => setToast({ title: 'Settings saved', notices: [] })} /> : null}
        {view.name === 'import' ? (
          <ImportView onDone={(imported) => navigate({ name: 'list' }, imported ? { title: imported === 1 ? 'Imported 1 org' : `Imported ${imported} orgs`, notices: [] } : null)} />
        ) : null}
        {view.name === 'add' ? <AddOrgWizard initial={view.initial} onCancel={showList} onSaved={added} /> : null}
        {view.name === 'detail' ? (
          <OrgDetailView
            key={view.id}
            id={view.id}
            alias={view.alias}
            offerSignIn={view.offerSignIn ?? false}
            onBack={showList}
            onUpdated={updated}
            onRemoved={removed}
            onToast={setToast}
            onAddOrg={(initial) => navigate({ name: 'add', initial })}
          />
        ) : null}
      </main>
    </div>
  );
}
