/**
 * The lockout guard's record of logins in flight, kept in the settings file so that every process
 * (the app, `orgkey test`, a scheduled `orgkey test --all`) sees the others'. In-memory ports and a
 * scripted Salesforce: "another process" is a second core on the same settings. The same rules
 * across real processes are tested in tests/integration/cli/lockout-guard.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { reserveLogin, settleLogin, STALE_MARGIN_MS } from '../../electron/core/connection/lockout-guard';
import { OrgKeyError } from '../../electron/core/errors';
import { emptySettings, type OrgRecord, type SettingsDoc } from '../../electron/core/settings/schema';
import { DEFAULT_PREFERENCES } from '../../shared/domain';
import { scriptedCore, START } from '../support/scripted-core';
import { fails, held, succeeds, type Script } from '../support/scripted-gateway';

const TIMEOUT_MS = DEFAULT_PREFERENCES.testTimeoutSeconds * 1000;
const GUARD = DEFAULT_PREFERENCES.lockoutGuardFailures;
const ago = (ms: number) => new Date(START.getTime() - ms).toISOString();
/** A login that got past the guard and failed on the network: Salesforce never saw a password. */
const networkError = fails('CONNECTION_REFUSED');

async function setup(consecutiveFailures = 0, answers: Script[] = [networkError]) {
  const scripted = await scriptedCore(answers, { record: { consecutiveFailures } });
  const { settings, id } = scripted;
  /** Another process's login of this org, begun `age` ms ago and not yet resolved. */
  const othersLogin = (age: number, orgId = id) =>
    settings.update((doc) => ({ ...doc, loginAttempts: [...doc.loginAttempts, { id: `other-${doc.loginAttempts.length}`, orgId, startedAt: ago(age) }] }));
  const failures = () => scripted.record().consecutiveFailures;
  return { ...scripted, othersLogin, failures };
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

describe('logins at the same moment', () => {
  it('in one process: a second test of the org is TEST_RUNNING, sends nothing and records no attempt', async () => {
    const slow = held();
    const { core, settings, gateway, id } = await setup(0, [slow.script]);
    const first = core.tester.test(id);
    await slow.sent;
    expect((await refusal(core.tester.test(id))).code).toBe('TEST_RUNNING');
    expect(settings.doc.loginAttempts).toHaveLength(1);
    slow.answer(succeeds());
    expect((await first).ok).toBe(true);
    expect(gateway.checks).toHaveLength(1);
    expect(settings.doc.loginAttempts).toEqual([]);
  });

  it('in several processes with a wrong token: no more logins are sent than the guard allows, and each failure counts once', async () => {
    const first = held();
    const second = held();
    const { core, gateway, id, failures, settings, anotherProcess } = await setup(0, [first.script]);
    const others = [anotherProcess(second.script), anotherProcess(), anotherProcess()];
    const runs = [core, ...others.map((other) => other.core)].map((each) => each.tester.test(id).catch((error: unknown) => error));
    await Promise.all([first.sent, second.sent]);
    first.answer(fails('INVALID_LOGIN'));
    second.answer(fails('INVALID_LOGIN'));
    const results = await Promise.all(runs);

    const sent = gateway.checks.length + others.reduce((sum, other) => sum + other.gateway.checks.length, 0);
    expect(sent).toBe(GUARD);
    const codes = results.map((result) => (result instanceof OrgKeyError ? result.appError.code : (result as { failure?: { code: string } }).failure?.code));
    expect(codes.sort()).toEqual([...Array(GUARD).fill('INVALID_LOGIN'), ...Array(4 - GUARD).fill('LOCKOUT_GUARD')].sort());
    expect(failures()).toBe(GUARD);
    expect(settings.doc.loginAttempts).toEqual([]);
  });

  it('a success in flight holds its place only until it ends: then the count is 0 and the next test runs', async () => {
    const slow = held();
    const { core, id, failures, anotherProcess } = await setup(1, [slow.script]);
    const running = core.tester.test(id);
    await slow.sent;
    const other = anotherProcess(succeeds());
    expect((await refusal(other.core.tester.test(id))).code).toBe('LOCKOUT_GUARD');
    slow.answer(succeeds());
    await running;
    expect(failures()).toBe(0);
    expect((await other.core.tester.test(id)).ok).toBe(true);
  });
});

describe('what a login’s end counts', () => {
  it.each([
    ['INVALID_LOGIN', 1],
    ['LOGIN_MUST_USE_SECURITY_TOKEN', 1],
    ['OAUTH_INVALID_GRANT', 1],
    ['OAUTH_USER_NOT_APPROVED', 1],
    ['TIMEOUT', 0],
    ['SERVER_ERROR', 0],
    ['PASSWORD_EXPIRED', 0],
  ] as const)('%s adds %i to the failures in a row', async (code, added) => {
    const { core, id, failures } = await setup(0, [fails(code)]);
    await core.tester.test(id);
    expect(failures()).toBe(added);
  });

  it('a success resets the count', async () => {
    const { core, id, failures } = await setup(1, [succeeds()]);
    await core.tester.test(id);
    expect(failures()).toBe(0);
  });

  it('a fault before the login (the keychain) releases the attempt without counting it', async () => {
    const { core, id, failures, settings, secrets, gateway } = await setup(1);
    secrets.get = () => Promise.reject(new OrgKeyError('KEYCHAIN_UNAVAILABLE'));
    expect((await refusal(core.tester.test(id))).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(gateway.checks).toEqual([]);
    expect(settings.doc.loginAttempts).toEqual([]);
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
