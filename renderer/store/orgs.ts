/**
 * The window's one copy of every org, and of the Test all run under way.
 *
 * Every view reads the orgs from here (store/useOrgs.ts), so the list and the detail always show the
 * same org. It is fed only by what the core says: the answers to the API calls (list, get, and the
 * org each add, edit, test, token proof and sign-in hands back) and the core's events (Test all's
 * progress). A change is one new object for the one org it touches; the others keep theirs, so the
 * list's memoised rows do not re-render.
 *
 * An answer may be overtaken: a list asked for before a test ended still holds the old result. Each
 * change here is numbered; an answer keeps the store's copy of any org changed after it was asked for.
 */
import type { OrgKeyApi, ProofResult } from '../../shared/api';
import type { OrgDetail, OrgSummary, SignedIn, TestOutcome } from '../../shared/domain';
import type { TestAllProgress, TestAllSummary } from '../../shared/events';
import { byAlias } from '../../shared/org-order';
import type { AppError, Result } from '../../shared/result';

/** `call` from lib/api.ts: one API call, always answered with a `Result`. */
export type Caller = <T>(run: (api: OrgKeyApi) => Promise<Result<T>>) => Promise<Result<T>>;

/**
 * The orgs shown so far. `total` counts every stored org; `complete` is false only while the
 * first load has the first screenful and the rest is still on its way.
 */
export type OrgListState =
  | { status: 'loading' | 'ready'; orgs: readonly OrgSummary[]; total: number; complete: boolean; error: null }
  | { status: 'error'; orgs: readonly OrgSummary[]; total: number; complete: boolean; error: AppError };

export type OrgSecrets = OrgDetail['secrets'];

/** How loading one org's detail (its secrets' presence) went. */
export type OrgLoad = { status: 'loading' | 'ready'; error: null } | { status: 'error'; error: AppError };

export interface TestAllState {
  running: boolean;
  /** Cancel was pressed; the running tests are being stopped. */
  cancelling: boolean;
  /** The run this window started (it names it, so it knows its events whatever arrives first). */
  runId: string | null;
  total: number;
  /** Orgs whose test has finished (or was skipped), for "Tested N of M". */
  done: number;
  /** Orgs whose test is in flight right now. */
  testing: ReadonlySet<string>;
  /**
   * Orgs the lockout guard skipped, with the time of the last test they had then: the mark holds
   * until that org is tested again (from its detail), so it never outlives what it describes.
   */
  guarded: ReadonlyMap<string, string | null>;
  /** Why the last run could not start. */
  error: AppError | null;
}

export interface OrgsState {
  list: OrgListState;
  /** The secrets' presence of each org whose detail was loaded (the rest of the org is in `list`). */
  secrets: ReadonlyMap<string, OrgSecrets>;
  loads: ReadonlyMap<string, OrgLoad>;
  testAll: TestAllState;
}

export interface OrgStoreDeps {
  call: Caller;
  /** `window.orgkey.events.onTestAllProgress`. */
  onTestAllProgress: (listener: (progress: TestAllProgress) => void) => () => void;
  /** A new run id (crypto.randomUUID in the window). */
  newRunId?: () => string;
}

export interface OrgStore {
  getState(): OrgsState;
  subscribe(listener: () => void): () => void;
  /** Start taking the core's events; returns the function that stops. */
  connect(): () => void;
  /** Load the list unless it was loaded already (or is on its way). */
  ensureList(): Promise<void>;
  /** Ask for the whole list again (Try again, after a Test all). */
  loadList(): Promise<void>;
  /** Ask for one org with its secrets' presence (its detail). */
  loadOrg(id: string): Promise<void>;
  /** An org the core just added. */
  added(org: OrgSummary): void;
  /** An org the core just saved (an edit): replaced, and moved if its name changed. */
  saved(org: OrgSummary): void;
  removed(id: string): void;
  /** A test from the detail ended with a result the core kept; the org is then asked for again. */
  tested(id: string, outcome: TestOutcome): void;
  /** A new token or password was proved (or saved anyway) and stored. */
  proved(id: string, result: ProofResult): void;
  signedIn(id: string, signedIn: SignedIn): void;
  signedOut(id: string): void;
  startTestAll(): Promise<void>;
  cancelTestAll(): void;
  /** Called with each run's summary once it has ended, cancelled or not. */
  onTestAllFinished(listener: (summary: TestAllSummary) => void): () => void;
}

/**
 * How many orgs the first answer carries: more than any window shows at once. With thousands of
 * orgs, the whole list takes a while to cross from the core (hundreds of KB); the first screen
 * should not wait for it (first paint of 2,000 orgs ≤ 300 ms, `npm run bench`).
 */
export const FIRST_SCREEN = 100;

const IDLE: TestAllState = { running: false, cancelling: false, runId: null, total: 0, done: 0, testing: new Set(), guarded: new Map(), error: null };

/** `orgs` with `org` at its place by name (orgs.ts sorts the same way). */
function placed(orgs: readonly OrgSummary[], org: OrgSummary): OrgSummary[] {
  const next = orgs.filter((other) => other.id !== org.id);
  let at = next.findIndex((other) => byAlias(org, other) < 0);
  if (at < 0) at = next.length;
  next.splice(at, 0, org);
  return next;
}

export function createOrgStore({ call, onTestAllProgress, newRunId = () => crypto.randomUUID() }: OrgStoreDeps): OrgStore {
  let state: OrgsState = {
    list: { status: 'loading', orgs: [], total: 0, complete: false, error: null },
    secrets: new Map(),
    loads: new Map(),
    testAll: IDLE,
  };
  const listeners = new Set<() => void>();
  const finishedListeners = new Set<(summary: TestAllSummary) => void>();

  // Each change made here is numbered; `changedAt` keeps the number of each org's last one.
  let changes = 0;
  const changedAt = new Map<string, number>();
  const touch = (id: string) => void changedAt.set(id, ++changes);
  const changedSince = (id: string, since: number) => (changedAt.get(id) ?? 0) > since;

  // Only the newest request of a kind may write: an older, slower answer must not overwrite a newer one.
  let listRequests = 0;
  const orgRequests = new Map<string, number>();

  function set(next: Partial<OrgsState>) {
    state = { ...state, ...next };
    for (const listener of [...listeners]) listener();
  }
  const setList = (change: Partial<OrgListState>) => set({ list: { ...state.list, ...change } as OrgListState });
  const setTestAll = (testAll: TestAllState) => set({ testAll });
  const withEntry = <V>(map: ReadonlyMap<string, V>, id: string, value: V | undefined) => {
    const next = new Map(map);
    if (value === undefined) next.delete(id);
    else next.set(id, value);
    return next;
  };

  /** Change one org in place (a test result, a sign-in); an org not in the list is left alone. */
  function patch(id: string, change: Partial<OrgSummary>) {
    const orgs = state.list.orgs;
    const at = orgs.findIndex((org) => org.id === id);
    if (at < 0) return;
    touch(id);
    const next = [...orgs];
    next[at] = { ...orgs[at]!, ...change };
    setList({ orgs: next });
  }

  /** Put an org the core answered with in the list, at its place by name. */
  function put(org: OrgSummary, isNew: boolean) {
    touch(org.id);
    const orgs = state.list.orgs;
    const at = orgs.findIndex((other) => other.id === org.id);
    let next: OrgSummary[];
    if (at >= 0 && orgs[at]!.alias === org.alias) {
      next = [...orgs];
      next[at] = org;
    } else next = placed(orgs, org);
    setList({ orgs: next, total: state.list.total + (isNew && at < 0 ? 1 : 0) });
  }

  /** A list answer asked for when `since` changes had been made: orgs changed here after that keep the store's copy. */
  function merged(answer: readonly OrgSummary[], since: number): OrgSummary[] {
    const mine = new Map(state.list.orgs.map((org) => [org.id, org]));
    const answered = new Set<string>();
    let orgs: OrgSummary[] = [];
    for (const org of answer) {
      answered.add(org.id);
      if (!changedSince(org.id, since)) orgs.push(org);
      else if (mine.has(org.id)) orgs.push(mine.get(org.id)!);
      // else: removed here after the request.
    }
    for (const org of mine.values()) {
      if (!answered.has(org.id) && changedSince(org.id, since)) orgs = placed(orgs, org);
    }
    return orgs;
  }

  async function loadList(): Promise<void> {
    const request = ++listRequests;
    const firstLoad = request === 1;
    const since = changes;
    // Marks for the render budget (2,000 orgs): requested → loaded here, painted in the list view.
    if (firstLoad) performance.mark('orgkey:list-requested');
    const result = await call((api) => api.orgs.list(firstLoad ? { first: FIRST_SCREEN } : undefined));
    if (request !== listRequests) return;
    if (firstLoad) performance.mark('orgkey:list-loaded');
    if (!result.ok) {
      setList({ status: 'error', error: result.error });
      return;
    }
    const complete = result.value.orgs.length === result.value.total;
    const orgs = merged(result.value.orgs, since);
    setList({ status: 'ready', orgs, total: complete ? orgs.length : result.value.total, complete, error: null });
    if (!complete) return loadList();
    // For the bench: when the whole first list was in (`orgkey:list-whole`, after the first screen's `orgkey:list`).
    if (!performance.getEntriesByName('orgkey:list-whole', 'measure').length) performance.measure('orgkey:list-whole', 'orgkey:list-requested');
  }

  async function loadOrg(id: string): Promise<void> {
    const request = (orgRequests.get(id) ?? 0) + 1;
    orgRequests.set(id, request);
    const since = changes;
    if (!state.loads.has(id)) set({ loads: withEntry(state.loads, id, { status: 'loading', error: null }) });
    const result = await call((api) => api.orgs.get({ id }));
    if (orgRequests.get(id) !== request) return;
    if (!result.ok) {
      set({ loads: withEntry(state.loads, id, { status: 'error', error: result.error }) });
      return;
    }
    const { secrets, ...summary } = result.value;
    // Newer than any list asked for before it; older than a change made here since it was asked for.
    if (!changedSince(id, since)) put(summary, false);
    set({ secrets: withEntry(state.secrets, id, secrets), loads: withEntry(state.loads, id, { status: 'ready', error: null }) });
  }

  /** One step of the run this window started; any other run's steps are not its business. */
  function progressed(progress: TestAllProgress) {
    const run = state.testAll;
    if (!run.runId || progress.runId !== run.runId) return;
    const ended = (id: string, guardedAt: string | null | undefined) => {
      const testing = new Set(run.testing);
      testing.delete(id);
      const guarded = new Map(run.guarded);
      guarded.delete(id);
      if (guardedAt !== undefined) guarded.set(id, guardedAt);
      setTestAll({ ...run, testing, guarded, done: run.done + 1 });
    };
    switch (progress.kind) {
      case 'run-started':
        setTestAll({ ...run, total: progress.total });
        break;
      case 'org-started':
        setTestAll({ ...run, testing: new Set(run.testing).add(progress.id) });
        break;
      case 'org-result':
        // A cancelled test is not kept by the core: the row keeps its previous result.
        if (progress.outcome.failure?.code !== 'CANCELLED') patch(progress.id, { lastTest: progress.outcome });
        ended(progress.id, undefined);
        break;
      case 'org-guarded':
        ended(progress.id, state.list.orgs.find((org) => org.id === progress.id)?.lastTest?.testedAt ?? null);
        break;
      case 'org-error':
        ended(progress.id, undefined);
        break;
      case 'run-finished':
        setTestAll({ ...IDLE, guarded: run.guarded });
        for (const listener of [...finishedListeners]) listener(progress.summary);
        // The results are in; the failure counts and SOAP login() readiness they changed come with the list.
        void loadList();
        break;
    }
  }

  /** Refresh one org after a change whose answer did not carry all of it. */
  const refresh = (id: string) => void loadOrg(id);

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    connect: () => onTestAllProgress(progressed),
    ensureList: () => (listRequests === 0 ? loadList() : Promise.resolve()),
    loadList,
    loadOrg,
    added: (org) => put(org, true),
    saved: (org) => put(org, false),
    removed(id) {
      touch(id);
      const had = state.list.orgs.some((org) => org.id === id);
      set({
        list: { ...state.list, orgs: state.list.orgs.filter((org) => org.id !== id), total: state.list.total - (had ? 1 : 0) },
        secrets: withEntry(state.secrets, id, undefined),
        loads: withEntry(state.loads, id, undefined),
      });
    },
    tested(id, outcome) {
      patch(id, { lastTest: outcome });
      // The result at once; the org then brings the failure count the lockout guard keeps.
      refresh(id);
    },
    proved(id, result) {
      if (result.outcome) patch(id, { lastTest: result.outcome });
      refresh(id);
    },
    signedIn(id, signedIn) {
      patch(id, { username: signedIn.username, signedInAt: signedIn.signedInAt });
      refresh(id);
    },
    signedOut(id) {
      patch(id, { signedInAt: undefined });
      refresh(id);
    },
    async startTestAll() {
      if (state.testAll.running) return;
      const runId = newRunId();
      setTestAll({ ...IDLE, running: true, runId, total: state.list.total, guarded: state.testAll.guarded });
      const answer = await call((api) => api.orgs.testAll({ runId }));
      const run = state.testAll;
      if (run.runId !== runId) return; // already over
      if (!answer.ok) setTestAll({ ...IDLE, guarded: run.guarded, error: answer.error });
      else setTestAll({ ...run, total: answer.value.total });
    },
    cancelTestAll() {
      const run = state.testAll;
      if (!run.running || run.cancelling || !run.runId) return;
      const { runId } = run;
      setTestAll({ ...run, cancelling: true });
      void call((api) => api.orgs.cancelTestAll({ runId }));
    },
    onTestAllFinished(listener) {
      finishedListeners.add(listener);
      return () => void finishedListeners.delete(listener);
    },
  };
}
