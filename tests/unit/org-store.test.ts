/**
 * The renderer's org store (renderer/store/orgs.ts) over the real API: the handler table and a core
 * on in-memory ports, joined as preload joins them (shared/bridge.ts), events included. No login
 * reaches a network: the orgs tested here have no password in the keychain, or are behind the
 * lockout guard, so the core answers at once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrgKeyApi } from '../../shared/api';
import { buildApi } from '../../shared/bridge';
import type { OrgSummary, TestOutcome } from '../../shared/domain';
import type { TestAllProgress, TestAllSummary } from '../../shared/events';
import type { MethodName } from '../../shared/methods';
import { createCore, type Core } from '../../electron/core';
import { memorySecrets, memorySettings } from '../support/memory';
import { createHandlerTable } from '../../electron/handlers';
import { createOrgStore, type Caller, type OrgStore } from '../../renderer/store/orgs';
import { storeSecret } from '../support/org-secrets';

let core: Core;
let secrets: ReturnType<typeof memorySecrets>;
let settings: ReturnType<typeof memorySettings>;
let api: OrgKeyApi;
/** Answers of these methods wait until the release `hold` returned is called. */
let held: Map<MethodName, Array<() => void>>;
let calls: Array<[MethodName, unknown]>;

beforeEach(() => {
  secrets = memorySecrets();
  settings = memorySettings();
  core = createCore({ settings, secrets, clock: { now: () => new Date('2026-11-28T10:00:00Z') } }, { host: 'browser', version: 'test' });
  const handlers = createHandlerTable(core);
  held = new Map();
  calls = [];
  api = buildApi(
    async (name, input) => {
      calls.push([name, input]);
      const answer = await handlers[name](input);
      const queue = held.get(name);
      if (queue) await new Promise<void>((resolve) => queue.push(resolve));
      return answer;
    },
    (name, listener) => core.events.on(name, listener),
  );
});

const call: Caller = (run) => run(api);
let runs = 0;
const newStore = () => createOrgStore({ call, onTestAllProgress: (listener) => api.events.onTestAllProgress(listener), newRunId: () => `00000000-0000-4000-8000-00000000000${++runs % 10}` });

/** Hold the answers of `method` from now on; the function returned lets them go and holds no more. */
function hold(method: MethodName): () => void {
  const queue: Array<() => void> = [];
  held.set(method, queue);
  return () => {
    if (held.get(method) === queue) held.delete(method);
    queue.forEach((resolve) => resolve());
  };
}
/** Let every answer that can arrive, arrive. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function addOrg(alias: string, options: { password?: boolean } = {}): Promise<OrgSummary> {
  const { org } = await core.orgs.add({ alias, environment: 'production', username: `${alias.toLowerCase().replace(/\W/g, '')}@acme.example`, password: 'Sup3r secret!', token: '' });
  // Without its password the core's test answers SECRET_MISSING at once: no login is tried.
  if (options.password === false) await storeSecret(secrets, org.id, 'password', null);
  return org;
}

const aliases = (store: OrgStore) => store.getState().list.orgs.map((org) => org.alias);
const orgOf = (store: OrgStore, id: string) => store.getState().list.orgs.find((org) => org.id === id);
const outcome = (testedAt: string): TestOutcome => ({ ok: true, testedAt, latencyMs: 1, via: 'soap', usedToken: false, warnings: [] });

describe('the org store', () => {
  it('holds each org once: the detail adds only the secrets’ presence to the list’s copy', async () => {
    const prod = await addOrg('Prod');
    await addOrg('UAT');
    const store = newStore();
    await store.ensureList();
    expect(store.getState().list).toMatchObject({ status: 'ready', total: 2, complete: true });
    await store.loadOrg(prod.id);
    expect(store.getState().list.orgs.filter((org) => org.id === prod.id)).toHaveLength(1);
    expect(store.getState().secrets.get(prod.id)).toEqual({
      password: { present: true, length: 13 },
      token: { present: false, length: 0 },
      clientSecret: { present: false, length: 0 },
      refreshToken: { present: false, length: 0 },
      privateKey: { present: false, length: 0 },
      pendingPrivateKey: { present: false, length: 0 },
    });
    expect(store.getState().loads.get(prod.id)).toEqual({ status: 'ready', error: null });

    // A test from the detail is the list's news at once, and only that org is a new object.
    const uat = store.getState().list.orgs[1];
    store.tested(prod.id, outcome('2026-11-28T10:00:00.000Z'));
    expect(orgOf(store, prod.id)!.lastTest?.testedAt).toBe('2026-11-28T10:00:00.000Z');
    expect(store.getState().list.orgs[1]).toBe(uat);
  });

  it('places an added or renamed org by name and drops a removed one, without asking for the list again', async () => {
    await addOrg('Beta');
    await addOrg('Delta');
    const store = newStore();
    await store.ensureList();
    const listCalls = () => calls.filter(([name]) => name === 'orgs.list').length;
    const before = listCalls();

    const added = await api.orgs.add({ alias: 'Org 10', environment: 'sandbox', username: 'x@acme.example', password: 'Sup3r secret!', token: '' });
    store.added(added.ok ? added.value.org : (undefined as never));
    const second = await api.orgs.add({ alias: 'org 9', environment: 'sandbox', username: 'y@acme.example', password: 'Sup3r secret!', token: '' });
    store.added(second.ok ? second.value.org : (undefined as never));
    expect(aliases(store)).toEqual(['Beta', 'Delta', 'org 9', 'Org 10']);
    expect(store.getState().list.total).toBe(4);

    const renamed = await api.orgs.update({ id: orgOf(store, store.getState().list.orgs[0]!.id)!.id, patch: { alias: 'Zeta' } });
    store.saved(renamed.ok ? renamed.value.org : (undefined as never));
    expect(aliases(store)).toEqual(['Delta', 'org 9', 'Org 10', 'Zeta']);

    const gone = store.getState().list.orgs[0]!.id;
    await api.orgs.remove({ id: gone });
    store.removed(gone);
    expect(aliases(store)).toEqual(['org 9', 'Org 10', 'Zeta']);
    expect(store.getState().list.total).toBe(3);
    expect(listCalls()).toBe(before);

    // The core's own order is the same.
    await store.loadList();
    expect(aliases(store)).toEqual(['org 9', 'Org 10', 'Zeta']);
  });

  it('does not let an answer asked for before a change undo it', async () => {
    const prod = await addOrg('Prod', { password: false });
    const uat = await addOrg('UAT');
    const store = newStore();
    await store.ensureList();

    const release = hold('orgs.list');
    const reload = store.loadList();
    await settle();
    // Meanwhile: a test ends, an org is removed and another added.
    const tested = await core.tester.test(prod.id);
    store.tested(prod.id, tested);
    await core.orgs.remove(uat.id);
    store.removed(uat.id);
    store.added(await addOrg('Sandbox'));
    release();
    await reload;
    expect(aliases(store)).toEqual(['Prod', 'Sandbox']);
    expect(orgOf(store, prod.id)!.lastTest).toEqual(tested);
    expect(store.getState().list.total).toBe(2);
  });

  it('keeps the newer of two answers for one org, whichever arrives last', async () => {
    const prod = await addOrg('Prod');
    const store = newStore();
    await store.ensureList();
    const release = hold('orgs.get');
    const older = store.loadOrg(prod.id);
    await settle();
    release();
    await core.orgs.update(prod.id, { alias: 'Production' });
    hold('orgs.get');
    const newer = store.loadOrg(prod.id);
    await settle();
    await older;
    // The older answer is not the newest request's: it changes nothing.
    expect(orgOf(store, prod.id)!.alias).toBe('Prod');
    held.get('orgs.get')!.forEach((resolve) => resolve());
    await newer;
    expect(orgOf(store, prod.id)!.alias).toBe('Production');
  });
});

describe('Test all in the org store', () => {
  it('follows the core’s run through its events: each row as its result arrives, guarded orgs marked, then the summary and the list', async () => {
    const a = await addOrg('A', { password: false });
    const b = await addOrg('B', { password: false });
    const guarded = await addOrg('C guarded');
    // Two failed logins in a row: the lockout guard refuses a third without a confirmation.
    settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((org) => (org.id === guarded.id ? { ...org, consecutiveFailures: 2 } : org)) }));
    core.preferences.update({ testConcurrency: 2 });
    const store = newStore();
    const disconnect = store.connect();
    await store.ensureList();

    const seen: Array<{ done: number; testing: number }> = [];
    store.subscribe(() => seen.push({ done: store.getState().testAll.done, testing: store.getState().testAll.testing.size }));
    const finished = new Promise<TestAllSummary>((resolve) => store.onTestAllFinished(resolve));
    const release = hold('orgs.list');
    await store.startTestAll();
    const summary = await finished;

    expect(summary).toEqual({ total: 3, ok: 0, failed: 2, guarded: 1, errors: 0, notTested: 0, cancelled: false });
    const { testAll } = store.getState();
    expect(testAll).toMatchObject({ running: false, cancelling: false, runId: null, done: 0 });
    expect([...testAll.guarded]).toEqual([[guarded.id, null]]);
    expect(Math.max(...seen.map((s) => s.testing))).toBe(2);
    expect(seen.at(-1)).toEqual({ done: 0, testing: 0 });
    expect(Math.max(...seen.map((s) => s.done))).toBe(3);
    // Each result is in the row before the list is asked for again.
    expect(orgOf(store, a.id)!.lastTest?.failure?.code).toBe('SECRET_MISSING');
    expect(orgOf(store, b.id)!.lastTest?.failure?.code).toBe('SECRET_MISSING');
    expect(orgOf(store, guarded.id)!.lastTest).toBeUndefined();
    expect(calls.filter(([name]) => name === 'orgs.testAll')).toEqual([['orgs.testAll', { runId: expect.any(String) }]]);
    release();
    await settle();
    expect(calls.filter(([name]) => name === 'orgs.list')).toHaveLength(2);
    disconnect();
  });

  it('Cancel asks the core to cancel the run this window started; a cancelled test leaves the row as it was', async () => {
    const a = await addOrg('A');
    await addOrg('B');
    // The core's side of a run whose logins are in flight, played by hand (the core's own run is test-all.test.ts's).
    let send: (progress: TestAllProgress) => void = () => {};
    const cancels: unknown[] = [];
    const store = createOrgStore({
      call: (run) =>
        run({
          ...api,
          orgs: {
            ...api.orgs,
            testAll: async ({ runId }) => ({ ok: true, value: { runId, total: 2 } }),
            cancelTestAll: async (input) => (cancels.push(input), { ok: true, value: { cancelled: true } }),
          },
        } as OrgKeyApi),
      onTestAllProgress: (listener) => ((send = listener), () => {}),
      newRunId: () => 'run-1',
    });
    store.connect();
    await store.ensureList();
    store.tested(a.id, outcome('2026-11-28T09:00:00.000Z'));
    await store.startTestAll();
    send({ runId: 'run-1', kind: 'run-started', total: 2 });
    send({ runId: 'run-1', kind: 'org-started', id: a.id });
    send({ runId: 'another', kind: 'org-started', id: 'an org of another run' });
    expect(store.getState().testAll).toMatchObject({ running: true, runId: 'run-1', total: 2, done: 0 });
    expect([...store.getState().testAll.testing]).toEqual([a.id]);

    store.cancelTestAll();
    store.cancelTestAll(); // pressed twice: asked once
    expect(store.getState().testAll.cancelling).toBe(true);
    expect(cancels).toEqual([{ runId: 'run-1' }]);
    const cancelled: TestOutcome = { ...outcome('2026-11-28T10:00:00.000Z'), ok: false, failure: { code: 'CANCELLED', message: 'Cancelled.', remedy: '', hints: [] } };
    send({ runId: 'run-1', kind: 'org-result', id: a.id, outcome: cancelled });
    send({ runId: 'run-1', kind: 'run-finished', summary: { total: 2, ok: 0, failed: 0, guarded: 0, errors: 0, notTested: 2, cancelled: true } });
    expect(store.getState().testAll).toMatchObject({ running: false, cancelling: false, runId: null });
    expect(orgOf(store, a.id)!.lastTest?.testedAt).toBe('2026-11-28T09:00:00.000Z');
  });
});
