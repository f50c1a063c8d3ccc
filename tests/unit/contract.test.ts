/**
 * The three lists must match: the methods in shared/, the channels ipc.ts registers, and the
 * functions preload.ts exposes on `window.orgkey`. Electron's modules are replaced by recorders here
 * (this is the one place a unit test stands in for Electron), so the real files are loaded as-is.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API } from '../../shared/api';
import { METHOD_NAMES, channelOf } from '../../shared/methods';

const recorded = vi.hoisted(() => ({
  handled: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<[string, unknown]>,
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
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => recorded.exposed.set(key, api) },
}));

const exposedMethodNames = (api: Record<string, Record<string, unknown>>) =>
  Object.entries(api).flatMap(([domain, actions]) => Object.keys(actions).map((action) => `${domain}.${action}`));

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

  it('exposes exactly the methods under window.orgkey and nothing else', () => {
    expect([...recorded.exposed.keys()]).toEqual(['orgkey']);
    const api = recorded.exposed.get('orgkey') as Record<string, Record<string, unknown>>;
    expect(exposedMethodNames(api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const actions of Object.values(api)) {
      for (const fn of Object.values(actions)) expect(typeof fn).toBe('function');
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
