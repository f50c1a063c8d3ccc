/**
 * The real keychain, unreachable: keytar talks to a Secret Service address where nothing listens
 * (this file runs in its own process, so the rest of the suite keeps its keyring). OrgKey still
 * starts and lists its orgs; every action that needs a secret says KEYCHAIN_UNAVAILABLE with the
 * remedy for this OS, and nothing is lost or half-written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core, Logger } from '../../electron/core';
import type { OrgKeyError } from '../../electron/core/errors';
import { LOG_FILE } from '../../electron/core/logging/file-logger';
import { keychainRemedy } from '../../electron/core/secrets/keytar-store';
import { openConfSettings } from '../../electron/core/settings/store';
import { createHandlerTable } from '../../electron/handlers';
import { openRealCore } from '../support/core';
import { makeTempDir, removeTempDir } from '../support/temp';

let dir: string;
let core: Core;
let logger: Logger;
const savedBus = process.env.DBUS_SESSION_BUS_ADDRESS;
const ID = '11111111-2222-4333-8444-555555555555';

beforeAll(() => {
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/orgkey-no-secret-service';
  dir = makeTempDir('nokeychain');
  // An org saved earlier, when the keychain still worked.
  openConfSettings(dir).update((doc) => ({
    ...doc,
    orgs: [
      {
        id: ID,
        alias: 'Acme prod',
        username: 'admin@acme.example',
        environment: 'production',
        loginUrl: 'https://login.salesforce.com',
        auth: 'password' as const,
        hasToken: true,
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
        passwordUpdatedAt: '2026-11-01T00:00:00.000Z',
        tokenUpdatedAt: '2026-11-01T00:00:00.000Z',
        consecutiveFailures: 0,
        dataLoaderExports: [],
      },
    ],
  }));
  ({ core, logger } = openRealCore(dir, 'OrgKey-test-unreachable'));
});
afterAll(() => {
  process.env.DBUS_SESSION_BUS_ADDRESS = savedBus;
  removeTempDir(dir);
});

async function refusal(promise: Promise<unknown>): Promise<OrgKeyError['appError']> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as OrgKeyError,
  );
  if (!error?.appError) throw new Error(`expected an OrgKeyError, got ${String(error)}`);
  return error.appError;
}

describe('with the keychain unreachable', () => {
  it('still lists the orgs and answers the list through the API', async () => {
    expect(core.orgs.list().map((org) => org.alias)).toEqual(['Acme prod']);
    expect(await createHandlerTable(core)['orgs.list'](undefined)).toMatchObject({ ok: true, value: { orgs: [{ alias: 'Acme prod' }], total: 1 } });
  });

  it('adding an org says KEYCHAIN_UNAVAILABLE with this OS’s remedy and leaves no half org', async () => {
    const before = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
    const error = await refusal(
      core.orgs.add({ alias: 'New', environment: 'production', username: 'new@acme.example', password: 'Secret-Pass-1', token: 'AbCdEfGhIjKlMnOpQrStUvWx1' }),
    );
    expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: 'The system keychain could not save the secret, so nothing was saved.', remedy: keychainRemedy() });
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('opening, removing and exporting an org say so, and the org is kept', async () => {
    expect((await refusal(core.orgs.get(ID))).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect((await refusal(core.orgs.remove(ID))).code).toBe('KEYCHAIN_UNAVAILABLE');
    const folder = path.join(dir, 'export');
    expect((await refusal(core.dataloader.export({ id: ID, folder, keyFile: { kind: 'new' }, jobs: [{ operation: 'extract', object: 'Account' }] }))).code).toBe(
      'KEYCHAIN_UNAVAILABLE',
    );
    expect(fs.existsSync(folder)).toBe(false);
    expect(core.orgs.list().map((org) => org.id)).toEqual([ID]);
  });

  it('a connection test reports the keychain, not a login failure, and the lockout counter does not move', async () => {
    const outcome = await core.tester.test(ID).catch((e: OrgKeyError) => e.appError);
    expect(JSON.stringify(outcome)).toMatch(/KEYCHAIN_UNAVAILABLE|keychain/i);
    expect(core.orgs.list()[0]!.consecutiveFailures).toBe(0);
  });

  it('logs the failure with its code and without the secret that could not be saved', async () => {
    const answer = await createHandlerTable(core, logger)['orgs.add']({
      alias: 'Logged',
      environment: 'production',
      username: 'new@acme.example',
      password: 'Secret-Pass-1',
      token: 'AbCdEfGhIjKlMnOpQrStUvWx1',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    const log = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(log).toContain('orgs.add failed: KEYCHAIN_UNAVAILABLE');
    expect(log).not.toContain('Secret-Pass-1');
    expect(log).not.toContain('AbCdEfGhIjKlMnOpQrStUvWx1');
  });
});
