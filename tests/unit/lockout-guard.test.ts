/**
 * The lockout guard's record of logins in flight, kept in the settings file so that every process
 * (the app, `orgkey test`, a scheduled `orgkey test --all`) sees the others'. In-memory ports; the
 * org's login host is a closed local port, so a login that gets past the guard fails at once with a
 * network error (which never counts), and the guard's own decisions need no network at all.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { reserveLogin, settleLogin, STALE_MARGIN_MS } from '../../electron/core/connection/lockout-guard';
import { OrgKeyError } from '../../electron/core/errors';
import { emptySettings, type OrgRecord, type SettingsDoc } from '../../electron/core/settings/schema';
import { DEFAULT_PREFERENCES } from '../../shared/domain';
import { memorySecrets, memorySettings } from '../support/memory';

const START = new Date('2026-11-28T10:00:00.000Z');
const TIMEOUT_MS = DEFAULT_PREFERENCES.testTimeoutSeconds * 1000;
const ago = (ms: number) => new Date(START.getTime() - ms).toISOString();

async function setup(consecutiveFailures = 0) {
  const settings = memorySettings();
  const clock = { now: () => START };
  const core = createCore({ settings, secrets: memorySecrets(), clock, newId: () => 'org-1' }, { host: 'browser', version: 'test' });
  const { org } = await core.orgs.add({ alias: 'Prod', environment: 'custom', customUrl: 'http://127.0.0.1:9', username: 'admin@acme.com', password: 'Sup3r secret!', token: 'AbCdEfGhIjKlMnOpQrStUvWx1' });
  settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, consecutiveFailures })) }));
  /** Another process's login of this org, begun `age` ms ago and not yet resolved. */
  const othersLogin = (age: number, orgId = org.id) =>
    settings.update((doc) => ({ ...doc, loginAttempts: [...doc.loginAttempts, { id: `other-${doc.loginAttempts.length}`, orgId, startedAt: ago(age) }] }));
  const failures = () => settings.doc.orgs[0]!.consecutiveFailures;
  return { core, settings, id: org.id, othersLogin, failures };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(OrgKeyError);
  return (error as OrgKeyError).appError;
}

describe('a login in flight', () => {
  it('is recorded in the settings before the test first waits, and released uncounted after a network error', async () => {
    const { core, settings, id, failures } = await setup();
    const running = core.tester.test(id);
    expect(settings.doc.loginAttempts).toEqual([{ id: expect.any(String), orgId: id, startedAt: START.toISOString() }]);
    expect((await running).failure?.code).toBe('CONNECTION_REFUSED');
    expect(settings.doc.loginAttempts).toEqual([]);
    expect(failures()).toBe(0);
  });

  it('of another process counts as a possible failure: one failure plus one in flight holds a guard of 2', async () => {
    const { core, settings, id, othersLogin, failures } = await setup(1);
    othersLogin(1_000);
    const error = await refusal(core.tester.test(id));
    expect(error).toMatchObject({ code: 'LOCKOUT_GUARD', message: expect.stringMatching(/^The last login of admin@acme\.com failed, and 1 login more is still under way/) });
    expect(settings.doc.loginAttempts).toHaveLength(1);
    expect(failures()).toBe(1);
  });

  it('two of them hold a guard of 2 before any failure is known', async () => {
    const { core, id, othersLogin } = await setup(0);
    othersLogin(1_000);
    othersLogin(2_000);
    expect(await refusal(core.tester.test(id))).toMatchObject({ code: 'LOCKOUT_GUARD', message: expect.stringMatching(/^2 logins of admin@acme\.com are still under way/) });
  });

  it('does not stop a deliberate retry, which is one attempt of its own', async () => {
    const { core, settings, id, othersLogin, failures } = await setup(1);
    othersLogin(1_000);
    const running = core.tester.test(id, { confirmRetry: true });
    expect(settings.doc.loginAttempts.map((attempt) => attempt.id)).toEqual(['other-0', expect.any(String)]);
    await running;
    expect(settings.doc.loginAttempts.map((attempt) => attempt.id)).toEqual(['other-0']);
    expect(failures()).toBe(1);
  });
});

describe('an attempt left by a process that died mid-login', () => {
  it('still counts until it is older than the test timeout plus the margin', async () => {
    const { core, settings, id, othersLogin, failures } = await setup(1);
    othersLogin(TIMEOUT_MS + STALE_MARGIN_MS);
    expect((await refusal(core.tester.test(id))).code).toBe('LOCKOUT_GUARD');
    expect(settings.doc.loginAttempts).toHaveLength(1);
    expect(failures()).toBe(1);
  });

  it('then counts as a failure (it may have been one) and is cleaned up', async () => {
    const { core, settings, id, othersLogin, failures } = await setup(1);
    othersLogin(TIMEOUT_MS + STALE_MARGIN_MS + 1);
    expect(await refusal(core.tester.test(id))).toMatchObject({ code: 'LOCKOUT_GUARD', message: expect.stringMatching(/^The last 2 logins of admin@acme\.com failed\. /) });
    expect(settings.doc.loginAttempts).toEqual([]);
    expect(failures()).toBe(2);
  });

  it('does not block the org for ever: below the guard the next test runs', async () => {
    const { core, settings, id, othersLogin, failures } = await setup(0);
    othersLogin(TIMEOUT_MS + STALE_MARGIN_MS + 1);
    othersLogin(TIMEOUT_MS + STALE_MARGIN_MS + 1, 'a-removed-org');
    expect((await core.tester.test(id)).failure?.code).toBe('CONNECTION_REFUSED');
    expect(settings.doc.loginAttempts).toEqual([]);
    expect(failures()).toBe(1);
  });
});

describe('recording how a login ended', () => {
  const doc = (): SettingsDoc => {
    const org: OrgRecord = { id: 'o', alias: 'O', username: 'u@x.co', environment: 'production', loginUrl: 'https://login.salesforce.com', hasToken: false, createdAt: 'c', updatedAt: 'c', passwordUpdatedAt: 'c', auth: 'password', consecutiveFailures: 1, dataLoaderExports: [] };
    return { ...emptySettings(), orgs: [org] };
  };
  const reserved = (id: string, base = doc()) => reserveLogin(base, { orgId: 'o', attemptId: id, now: START, confirmRetry: true }).doc;

  it('a success resets the count and removes only its own attempt', () => {
    const settled = settleLogin(reserved('b', reserved('a')), { orgId: 'o', attemptId: 'a', verdict: 'succeeded' });
    expect(settled.orgs[0]!.consecutiveFailures).toBe(0);
    expect(settled.loginAttempts.map((attempt) => attempt.id)).toEqual(['b']);
  });

  it('a failed login counts once, a network error or timeout not at all', () => {
    expect(settleLogin(reserved('a'), { orgId: 'o', attemptId: 'a', verdict: 'failed' }).orgs[0]!.consecutiveFailures).toBe(2);
    expect(settleLogin(reserved('a'), { orgId: 'o', attemptId: 'a', verdict: 'not-counted' }).orgs[0]!.consecutiveFailures).toBe(1);
  });

  it('a failure whose attempt was already counted as stale by another process is not counted twice', () => {
    const late = new Date(START.getTime() + TIMEOUT_MS + STALE_MARGIN_MS + 1);
    const swept = reserveLogin(reserved('a'), { orgId: 'o', attemptId: 'b', now: late }).doc;
    expect(swept.orgs[0]!.consecutiveFailures).toBe(2);
    expect(swept.loginAttempts).toEqual([]);
    expect(settleLogin(swept, { orgId: 'o', attemptId: 'a', verdict: 'failed' }).orgs[0]!.consecutiveFailures).toBe(2);
  });
});
