/**
 * The lists must match: the methods in shared/, the channels ipc.ts registers, and the functions
 * preload.ts exposes on `window.orgkey`; and the events in shared/, the ones ipc.ts sends, the
 * subscribe functions preload exposes, and the ones the browser host delivers. Electron's modules
 * are replaced by recorders here (this is the one place a unit test stands in for Electron), so
 * the real files are loaded as-is.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API } from '../../shared/api';
import { EVENT_NAMES, eventChannelOf, subscriberOf, type EventName, type TestAllProgress } from '../../shared/events';
import { METHOD_NAMES, channelOf } from '../../shared/methods';
import { createEventHub } from '../../electron/core/events';
import { queueEvents } from '../../e2e/hosts/event-queue';

const recorded = vi.hoisted(() => ({
  handled: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<[string, unknown]>,
  listening: new Map<string, Set<(event: unknown, payload: unknown) => void>>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => recorded.handled.set(channel, fn),
    removeHandler: (channel: string) => recorded.handled.delete(channel),
  },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      recorded.invoked.push([channel, input]);
      return { ok: true, value: null };
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      const set = recorded.listening.get(channel) ?? new Set();
      recorded.listening.set(channel, set.add(listener));
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => recorded.listening.get(channel)?.delete(listener),
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => recorded.exposed.set(key, api) },
}));

type Exposed = Record<string, Record<string, unknown>>;
const exposedMethodNames = (api: Exposed) =>
  Object.entries(api)
    .filter(([domain]) => domain !== 'events')
    .flatMap(([domain, actions]) => Object.keys(actions).map((action) => `${domain}.${action}`));
const SUBSCRIBERS = EVENT_NAMES.map(subscriberOf).sort();

/** A core event source that records which events are listened to. */
function recordingEvents() {
  const hub = createEventHub();
  const names: EventName[] = [];
  return { names, emit: hub.emit, on: ((name, listener) => (names.push(name), hub.on(name, listener))) as typeof hub.on };
}

const PROGRESS: TestAllProgress = { runId: 'r', kind: 'org-started', id: 'o' };

beforeAll(async () => {
  const { registerIpc } = await import('../../electron/ipc');
  const { createHandlerTable } = await import('../../electron/handlers');
  const { createCore } = await import('../../electron/core');
  const { memorySecrets, memorySettings } = await import('../support/memory');
  const core = createCore({ settings: memorySettings(), secrets: memorySecrets(), clock: { now: () => new Date() } }, { host: 'electron', version: 't' });
  registerIpc(createHandlerTable(core), { info() {}, warn() {}, error() {} });
  await import('../../electron/preload');
});

describe('API contract', () => {
  it('lists the same methods in the schema table and the method list', () => {
    expect(Object.keys(API).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('registers exactly one IPC channel per method', () => {
    expect([...recorded.handled.keys()].sort()).toEqual(METHOD_NAMES.map(channelOf).sort());
  });

  it('exposes exactly the methods under window.orgkey, one subscribe function per event under events, and nothing else', () => {
    expect([...recorded.exposed.keys()]).toEqual(['orgkey']);
    const api = recorded.exposed.get('orgkey') as Exposed;
    expect(exposedMethodNames(api).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(api.events!).sort()).toEqual(SUBSCRIBERS);
    for (const actions of Object.values(api)) {
      for (const fn of Object.values(actions)) expect(typeof fn).toBe('function');
    }
  });

  it('hands a subscriber each event’s payload from its own channel, never the IPC event, until it unsubscribes', () => {
    const api = recorded.exposed.get('orgkey') as { events: { onTestAllProgress(listener: (...args: unknown[]) => void): () => void } };
    const received: unknown[][] = [];
    const stop = api.events.onTestAllProgress((...args) => received.push(args));
    const channel = eventChannelOf('testAll.progress');
    expect([...recorded.listening.keys()]).toEqual([channel]);
    for (const listener of recorded.listening.get(channel)!) listener({ sender: 'the ipcRenderer' }, PROGRESS);
    expect(received).toEqual([[PROGRESS]]);
    stop();
    expect(recorded.listening.get(channel)!.size).toBe(0);
    expect(() => api.events.onTestAllProgress('not a function' as never)).toThrow(TypeError);
  });

  it('sends every core event on its own channel, and only to windows showing the app page', async () => {
    const { forwardEvents } = await import('../../electron/ipc');
    const sent: Array<[string, string, unknown]> = [];
    const window = (name: string, url: string, destroyed = false) => ({
      isDestroyed: () => destroyed,
      mainFrame: { url },
      send: (channel: string, payload: unknown) => sent.push([name, channel, payload]),
    });
    const events = recordingEvents();
    const windows = [window('app', 'app://orgkey/index.html'), window('elsewhere', 'https://evil.example/'), window('closed', 'app://orgkey/index.html', true)];
    const stop = forwardEvents(events, () => windows as never);
    expect([...events.names].sort()).toEqual([...EVENT_NAMES].sort());
    events.emit('testAll.progress', PROGRESS);
    expect(sent).toEqual([['app', eventChannelOf('testAll.progress'), PROGRESS]]);
    stop();
    events.emit('testAll.progress', PROGRESS);
    expect(sent).toHaveLength(1);
  });

  it('the browser host queues every event, and its page bridge exposes and delivers the same ones', async () => {
    const events = recordingEvents();
    const queue = queueEvents(events);
    expect([...events.names].sort()).toEqual([...EVENT_NAMES].sort());
    events.emit('testAll.progress', PROGRESS);
    const batch = await queue.next();
    expect(batch).toEqual([['testAll.progress', PROGRESS]]);

    // The page side, in a stand-in for the page's window: it takes the host's bindings off it.
    let release: (batch: string) => void = () => {};
    const pulls: Array<Promise<string>> = [new Promise((resolve) => (release = resolve)), new Promise(() => {})];
    const page: Record<string, unknown> = {
      __orgkeyInvoke: async () => JSON.stringify({ ok: true, value: null }),
      __orgkeyEvents: () => pulls.shift(),
    };
    vi.stubGlobal('window', page);
    try {
      await import('../../e2e/hosts/browser-bridge');
      const api = page.orgkey as Exposed & { events: { onTestAllProgress(listener: (payload: unknown) => void): () => void } };
      expect(Object.keys(page).filter((key) => key.startsWith('__orgkey'))).toEqual([]);
      expect(exposedMethodNames(api).sort()).toEqual([...METHOD_NAMES].sort());
      expect(Object.keys(api.events).sort()).toEqual(SUBSCRIBERS);
      const received: unknown[] = [];
      api.events.onTestAllProgress((payload) => received.push(payload));
      release(JSON.stringify(batch));
      await vi.waitFor(() => expect(received).toEqual([PROGRESS]));
    } finally {
      vi.unstubAllGlobals();
      queue.stop();
    }
  });

  it('sends each exposed call on its own channel', async () => {
    const api = recorded.exposed.get('orgkey') as { orgs: { get(input: unknown): Promise<unknown> } };
    await api.orgs.get({ id: 'x' });
    expect(recorded.invoked.at(-1)).toEqual(['orgkey:orgs.get', { id: 'x' }]);
  });

  it('refuses calls from anything but the main frame of the app page', async () => {
    const handler = recorded.handled.get(channelOf('orgs.list'))!;
    const mainFrame = { url: 'app://orgkey/index.html' };
    const trusted = { senderFrame: mainFrame, sender: { mainFrame } };
    expect(await handler(trusted, undefined)).toEqual({ ok: true, value: { orgs: [], total: 0 } });

    const remote = { url: 'https://evil.example/' };
    expect(await handler({ senderFrame: remote, sender: { mainFrame: remote } }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    });
    const subframe = { url: 'app://orgkey/index.html' };
    expect(await handler({ senderFrame: subframe, sender: { mainFrame } }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    });
    expect(await handler({ senderFrame: null, sender: { mainFrame } }, undefined)).toMatchObject({ ok: false });
  });
});
