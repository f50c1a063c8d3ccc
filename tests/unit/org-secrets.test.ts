/**
 * An org's secrets in one keychain entry, on in-memory ports: what a test reads, what the redactor
 * learns from an entry, the move from one entry per secret, and the sweep of stopped adds.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { createRedactor, REDACTED } from '../../electron/core/logging/redactor';
import type { SecretStore } from '../../electron/core/ports';
import { keychainLock } from '../../electron/core/secrets/keychain-lock';
import { decodeOrgItem, encodeOrgItem, parseAccount } from '../../electron/core/secrets/org-item';
import { createOrgSecrets, IN_FLIGHT_STALE_MS, inFlightEntry } from '../../electron/core/secrets/org-secrets';
import { watchedSecretStore } from '../../electron/core/secrets/watched-store';
import { emptySettings } from '../../electron/core/settings/schema';
import { memorySecrets, memorySettings } from '../support/memory';
import { PASSWORD, scriptedCore, TOKEN, USERNAME } from '../support/scripted-core';
import { succeeds } from '../support/scripted-gateway';
import { storedSecret } from '../support/org-secrets';

const CLIENT_SECRET = 'consumer-secret-of-the-app';
const clock = { now: () => new Date('2026-11-28T10:00:00.000Z') };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('a test of a password org', () => {
  it('reads the keychain once: the password and token share one entry', async () => {
    const { core, id } = await scriptedCore([succeeds()]);
    const before = core.keychain.counts().reads;
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(core.keychain.counts().reads - before).toBe(1);
  });

  it('asks the keychain before it writes the login’s reservation: the answer comes while the write is made', async () => {
    const secrets = memorySecrets();
    const { core, id, settings } = await scriptedCore([succeeds()], { secrets });
    const get = secrets.get;
    const reservedWhenAsked: number[] = [];
    secrets.get = (account) => {
      reservedWhenAsked.push(settings.doc.loginAttempts.length);
      return get(account);
    };
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(reservedWhenAsked).toEqual([0]);
    expect(settings.doc.loginAttempts).toEqual([]);
  });

  it('gets Salesforce’s client loading while the keychain answers, not after', async () => {
    const secrets = memorySecrets();
    const { core, id, gateway } = await scriptedCore([succeeds()], { secrets });
    const steps: string[] = [];
    const get = secrets.get;
    secrets.get = async (account) => {
      steps.push('keychain asked');
      const value = await get(account);
      steps.push('keychain answered');
      return value;
    };
    gateway.prepare = () => void steps.push('client loading');
    const check = gateway.check;
    gateway.check = (request) => {
      steps.push('login sent');
      return check(request);
    };
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(steps).toEqual(['keychain asked', 'client loading', 'keychain answered', 'login sent']);
  });

  it('with a consumer key (the OAuth username-password flow), still once', async () => {
    const { core, id } = await scriptedCore([succeeds({ via: 'oauth' })], { org: { clientId: `3MVG9${'A'.repeat(80)}`, clientSecret: CLIENT_SECRET } });
    const before = core.keychain.counts().reads;
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(core.keychain.counts().reads - before).toBe(1);
  });
});

describe('the org’s entry', () => {
  it('holds the login secrets of an added org, and nothing else is in the keychain', async () => {
    const secrets = memorySecrets();
    const { id } = await scriptedCore([], { secrets, org: { clientId: `3MVG9${'A'.repeat(80)}`, clientSecret: CLIENT_SECRET } });
    expect([...secrets.entries.keys()]).toEqual([`org:${id}`]);
    expect(decodeOrgItem(secrets.entries.get(`org:${id}`)!)).toEqual({ password: PASSWORD, token: TOKEN, clientSecret: CLIENT_SECRET });
  });

  it('is read as damaged, never overwritten, when it is not one OrgKey wrote', async () => {
    const secrets = memorySecrets();
    const { core, id } = await scriptedCore([], { secrets });
    secrets.entries.set(`org:${id}`, 'not json');
    await expect(core.reveal(id, 'password')).rejects.toMatchObject({ appError: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(secrets.entries.get(`org:${id}`)).toBe('not json');
  });

  it('names its org by id; a secret kept in an entry of its own names its kind', () => {
    expect(parseAccount('org:abc')).toEqual({ orgId: 'abc' });
    expect(parseAccount('org:abc:privateKey')).toEqual({ orgId: 'abc', kind: 'privateKey' });
    expect(parseAccount('org:abc:unknown')).toBeNull();
    expect(parseAccount('something-else')).toBeNull();
  });
});

describe('the redactor and the org’s entry', () => {
  it('learns each secret inside an entry it reads, not only the entry’s whole text', async () => {
    const redactor = createRedactor();
    const inner = memorySecrets();
    await inner.set('org:1', encodeOrgItem({ password: PASSWORD, token: TOKEN }));
    await watchedSecretStore(inner, redactor).get('org:1');
    expect(redactor.redact(`login failed for ${PASSWORD} with ${TOKEN}`)).toBe(`login failed for ${REDACTED} with ${REDACTED}`);
  });

  it('learns each secret of an entry it writes, and of every entry it lists', async () => {
    const redactor = createRedactor();
    const inner = memorySecrets();
    await watchedSecretStore(inner, redactor).set('org:1', encodeOrgItem({ password: PASSWORD }));
    expect(redactor.redact(PASSWORD)).toBe(REDACTED);
    await inner.set('org:2', encodeOrgItem({ clientSecret: CLIENT_SECRET }));
    await watchedSecretStore(inner, redactor).list();
    expect(redactor.redact(CLIENT_SECRET)).toBe(REDACTED);
  });
});

/** A settings document an older build left: its orgs, and no mark that the keychain was moved. */
function olderSettings(ids: string[]) {
  const { keychainLayout: _layout, ...doc } = emptySettings();
  const now = clock.now().toISOString();
  return memorySettings({
    ...doc,
    orgs: ids.map((id) => ({ id, alias: id, username: USERNAME, environment: 'production' as const, loginUrl: 'https://login.salesforce.com', auth: 'password' as const, hasToken: true, createdAt: now, updatedAt: now, passwordUpdatedAt: now, consecutiveFailures: 0, dataLoaderExports: [] })),
  });
}

describe('the move from one entry per secret', () => {
  it('runs before the first read, once: afterwards a read is one entry', async () => {
    const settings = olderSettings(['a']);
    const secrets = memorySecrets();
    await secrets.set('org:a:password', PASSWORD);
    await secrets.set('org:a:token', TOKEN);
    const stored = createOrgSecrets(secrets, settings, clock, silent, keychainLock(undefined));
    expect(await stored.read('a', ['password', 'token'])).toEqual({ password: PASSWORD, token: TOKEN });
    expect([...secrets.entries.keys()]).toEqual(['org:a']);
    expect(settings.doc.keychainLayout).toBe('org-item');
  });

  it('keeps, for each kind, the entry already written over an old one (a move that stopped, then a write)', async () => {
    const settings = olderSettings(['a']);
    const secrets = memorySecrets();
    await secrets.set('org:a', encodeOrgItem({ token: 'newer-token-0123456789' }));
    await secrets.set('org:a:token', TOKEN);
    await secrets.set('org:a:password', PASSWORD);
    const report = await createOrgSecrets(secrets, settings, clock, silent, keychainLock(undefined)).tidy();
    expect(report.moved).toBe(2);
    expect(await storedSecret(secrets, 'a', 'token')).toBe('newer-token-0123456789');
    expect(await storedSecret(secrets, 'a', 'password')).toBe(PASSWORD);
  });

  it('deletes no old entry when the new one does not read back equal', async () => {
    const settings = olderSettings(['a']);
    const inner = memorySecrets();
    await inner.set('org:a:password', PASSWORD);
    // A keychain that accepts the write but keeps something else.
    const forgetful: SecretStore = { ...inner, set: (account) => inner.set(account, encodeOrgItem({ password: 'other' })) };
    await expect(createOrgSecrets(forgetful, settings, clock, silent, keychainLock(undefined)).tidy()).rejects.toThrow();
    expect(inner.entries.get('org:a:password')).toBe(PASSWORD);
    expect(settings.doc.keychainLayout).toBeUndefined();
  });
});

describe('the sweep of adds that stopped between the keychain and the settings file', () => {
  const setup = (entry: ReturnType<typeof inFlightEntry>) => {
    const settings = memorySettings({ ...emptySettings(), secretsInFlight: [entry] });
    const secrets = memorySecrets();
    secrets.entries.set(`org:${entry.orgId}`, encodeOrgItem({ password: PASSWORD }));
    secrets.entries.set(`org:${entry.orgId}:privateKey`, 'key');
    return { settings, secrets, stored: createOrgSecrets(secrets, settings, clock, silent, keychainLock(undefined)) };
  };

  it('deletes the entries of an add whose process is gone, and its record', async () => {
    // A pid no process has: the largest Linux allows is 2^22.
    const { settings, secrets, stored } = setup({ ...inFlightEntry('gone', clock.now()), pid: 2 ** 22 + 1 });
    expect(await stored.tidy()).toEqual({ moved: 0, orphans: 2 });
    expect(secrets.entries.size).toBe(0);
    expect(settings.doc.secretsInFlight).toBeUndefined();
  });

  it('deletes those of an add older than any add could take, whoever recorded it', async () => {
    const old = new Date(clock.now().getTime() - IN_FLIGHT_STALE_MS - 1000);
    const { secrets, stored } = setup({ ...inFlightEntry('old', old), host: 'another-machine' });
    await stored.tidy();
    expect(secrets.entries.size).toBe(0);
  });

  it('leaves those of an add still running (this process), and of one on another machine not yet old', async () => {
    for (const entry of [inFlightEntry('mine', clock.now()), { ...inFlightEntry('theirs', clock.now()), host: 'another-machine', pid: 2 ** 22 + 1 }]) {
      const { settings, secrets, stored } = setup(entry);
      expect(await stored.tidy()).toEqual({ moved: 0, orphans: 0 });
      expect(secrets.entries.size).toBe(2);
      expect(settings.doc.secretsInFlight).toHaveLength(1);
    }
  });

  it('an add records its org as in flight before the keychain and drops it with the org', async () => {
    const settings = memorySettings();
    const seen: Array<number | undefined> = [];
    const inner = memorySecrets();
    const secrets: SecretStore = {
      ...inner,
      set: async (account, secret) => {
        seen.push(settings.doc.secretsInFlight?.length);
        await inner.set(account, secret);
      },
    };
    const core = createCore({ settings, secrets, clock }, { host: 'browser', version: 'test' });
    await core.orgs.add({ alias: 'Prod', environment: 'production', username: USERNAME, password: PASSWORD, token: TOKEN });
    expect(seen).toEqual([1]);
    expect(settings.doc.secretsInFlight).toBeUndefined();
    expect(settings.doc.orgs).toHaveLength(1);
  });
});
