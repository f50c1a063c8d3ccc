/**
 * Proving a new token or password before it replaces the stored one, above the Salesforce gateway:
 * stored only when the login with it worked, never on a failure; "save anyway"; the lockout guard;
 * and how often the settings are read and written. The whole workflow on real parts, with the
 * fake org's reset emails, is tested in tests/integration/token-workflow.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { OrgKeyError } from '../../electron/core/errors';
import type { SecretStore, SettingsStore } from '../../electron/core/ports';
import { memorySecrets } from '../support/memory';
import { testedSinceTokenSet } from '../../shared/domain';
import { PASSWORD, scriptedCore, START, TOKEN } from '../support/scripted-core';
import { fails, held, succeeds } from '../support/scripted-gateway';
import { storedSecret } from '../support/org-secrets';

const NEW_TOKEN = 'ZyXwVuTsRqPoNmLkJiHgFeDcB';
const NEW_PASSWORD = 'Fresh-Password-2027';
const MAIL = `Hello,\n\nYour new security token is: ${NEW_TOKEN}\n`;
const LATER = 60_000;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(OrgKeyError);
  return (error as OrgKeyError).appError;
}

/** An org added at START, with the clock a minute on when the proof begins. */
async function setup(...args: Parameters<typeof scriptedCore>) {
  const scripted = await scriptedCore(...args);
  scripted.advance(LATER);
  return { ...scripted, storedToken: () => storedSecret(scripted.secrets, scripted.id, 'token'), storedPassword: () => storedSecret(scripted.secrets, scripted.id, 'password') };
}
const later = new Date(START.getTime() + LATER).toISOString();

describe('a proved token', () => {
  it('is the one the login sends, and is stored once it worked: tested, dated, and the failure count reset', async () => {
    const { core, gateway, id, record, storedToken } = await setup([succeeds()], { record: { consecutiveFailures: 1 } });
    const result = await core.tokens.replaceToken(id, { pasted: MAIL });
    expect(gateway.checks.map((check) => check.secret)).toEqual([PASSWORD + NEW_TOKEN]);
    expect(result).toMatchObject({ stored: true, outcome: { ok: true, tokenAsOf: later } });
    expect(await storedToken()).toBe(NEW_TOKEN);
    expect(record()).toMatchObject({ tokenUpdatedAt: later, updatedAt: later, hasToken: true, consecutiveFailures: 0, lastTest: result.outcome });
    expect(testedSinceTokenSet(record())).toBe(true);
  });

  it('with a new password: both are sent and both stored', async () => {
    const { core, gateway, id, record, storedToken, storedPassword } = await setup([succeeds()]);
    const result = await core.tokens.changePassword(id, { password: NEW_PASSWORD, pasted: MAIL });
    expect(gateway.checks.map((check) => check.secret)).toEqual([NEW_PASSWORD + NEW_TOKEN]);
    expect(result.stored).toBe(true);
    expect([await storedPassword(), await storedToken()]).toEqual([NEW_PASSWORD, NEW_TOKEN]);
    expect(record()).toMatchObject({ passwordUpdatedAt: later, tokenUpdatedAt: later });
  });

  it('a new password alone is sent with the stored token, which stays tested as of its own date', async () => {
    const { core, gateway, id, record, storedToken } = await setup([succeeds()]);
    const tokenSetAt = record().tokenUpdatedAt;
    const result = await core.tokens.changePassword(id, { password: NEW_PASSWORD });
    expect(gateway.checks.map((check) => check.secret)).toEqual([NEW_PASSWORD + TOKEN]);
    expect(result.outcome?.tokenAsOf).toBe(tokenSetAt);
    expect(await storedToken()).toBe(TOKEN);
    expect(record()).toMatchObject({ passwordUpdatedAt: later, tokenUpdatedAt: tokenSetAt });
  });
});

describe('a failed proof', () => {
  it('keeps the old token, counts toward the guard, is not the org’s last result, and names the newer email first', async () => {
    const { core, id, record, storedToken } = await setup([fails('INVALID_LOGIN')]);
    const before = record();
    const result = await core.tokens.replaceToken(id, { pasted: MAIL });
    expect(result.stored).toBe(false);
    expect(result.outcome?.failure?.hints[0]).toMatch(/newer reset email exists/);
    expect(await storedToken()).toBe(TOKEN);
    expect(record()).toEqual({ ...before, consecutiveFailures: 1 });
  });

  it('a new password refused names the token Salesforce emails after a change, and keeps the old password', async () => {
    const { core, id, storedPassword } = await setup([fails('INVALID_LOGIN')]);
    const result = await core.tokens.changePassword(id, { password: NEW_PASSWORD });
    expect(result.outcome?.failure?.hints[0]).toMatch(/emails a new security token/);
    expect(await storedPassword()).toBe(PASSWORD);
  });

  it('on the network does not count, and stores nothing', async () => {
    const { core, id, record, storedToken } = await setup([fails('TIMEOUT')], { record: { consecutiveFailures: 1 } });
    expect(await core.tokens.replaceToken(id, { pasted: MAIL })).toMatchObject({ stored: false, outcome: { failure: { code: 'TIMEOUT' } } });
    expect(await storedToken()).toBe(TOKEN);
    expect(record().consecutiveFailures).toBe(1);
  });

  it('still notes that the org refuses SOAP login()', async () => {
    const { core, id, record } = await setup([fails('SOAP_LOGIN_UNAVAILABLE')]);
    await core.tokens.replaceToken(id, { pasted: MAIL });
    expect(record()).toMatchObject({ soapLogin: { allowed: false, at: later } });
    expect(record().lastTest).toBeUndefined();
  });

  it('cancelled: nothing stored, nothing counted', async () => {
    const slow = held();
    const { core, id, record, storedToken, settings } = await setup([slow.script], { record: { consecutiveFailures: 1 } });
    const proof = core.tokens.replaceToken(id, { pasted: MAIL });
    await slow.sent;
    core.tester.cancel(id);
    expect(await proof).toMatchObject({ stored: false, outcome: { failure: { code: 'CANCELLED' } } });
    expect(await storedToken()).toBe(TOKEN);
    expect(record().consecutiveFailures).toBe(1);
    expect(settings.doc.loginAttempts).toEqual([]);
  });

  it('when the keychain refuses the proved token: the error, nothing recorded, and the login released uncounted', async () => {
    const inner = memorySecrets();
    const refusing: SecretStore = { ...inner, set: async (account, secret) => (secret.includes(NEW_TOKEN) ? Promise.reject(new OrgKeyError('KEYCHAIN_UNAVAILABLE')) : inner.set(account, secret)) };
    const { core, id, record, settings } = await setup([succeeds()], { secrets: refusing, record: { consecutiveFailures: 1 } });
    const before = record();
    expect((await refusal(core.tokens.replaceToken(id, { pasted: MAIL }))).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(record()).toEqual(before);
    expect(settings.doc.loginAttempts).toEqual([]);
    expect(await storedSecret(inner, id, 'token')).toBe(TOKEN);
  });
});

describe('what a proof refuses before any login', () => {
  it('“save anyway” stores without a login, resets the count, and leaves the token untested', async () => {
    const { core, gateway, id, record, storedToken } = await setup([], { record: { consecutiveFailures: 2 } });
    expect(await core.tokens.replaceToken(id, { pasted: MAIL, saveAnyway: true })).toEqual({ stored: true });
    expect(gateway.checks).toEqual([]);
    expect(await storedToken()).toBe(NEW_TOKEN);
    expect(record()).toMatchObject({ tokenUpdatedAt: later, consecutiveFailures: 0 });
    expect(testedSinceTokenSet(record())).toBe(false);
  });

  it('the lockout guard after repeated failures, unless the admin confirms', async () => {
    const { core, gateway, id } = await setup([succeeds()], { record: { consecutiveFailures: 2 } });
    expect((await refusal(core.tokens.replaceToken(id, { pasted: MAIL }))).code).toBe('LOCKOUT_GUARD');
    expect(gateway.checks).toEqual([]);
    expect((await core.tokens.replaceToken(id, { pasted: MAIL, confirmRetry: true })).stored).toBe(true);
  });

  it('TEST_RUNNING while a test of the org is under way', async () => {
    const slow = held();
    const { core, id } = await setup([slow.script]);
    const running = core.tester.test(id);
    await slow.sent;
    expect((await refusal(core.tokens.replaceToken(id, { pasted: MAIL }))).code).toBe('TEST_RUNNING');
    slow.answer(succeeds());
    await running;
  });

  it('a paste without a token, with the field named; a browser-login org, which has no token to prove', async () => {
    const { core, gateway, id } = await setup();
    expect(await refusal(core.tokens.replaceToken(id, { pasted: 'hello there' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'pasted' });
    const browser = await setup([], { org: { auth: 'browser', username: '', password: '', token: '', clientId: '3MVG9AAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect((await refusal(browser.core.tokens.replaceToken(browser.id, { pasted: MAIL }))).code).toBe('NOT_PASSWORD_LOGIN');
    expect([...gateway.checks, ...browser.gateway.checks]).toEqual([]);
  });
});

describe('the settings file during a proof', () => {
  /** Count the calls a proof makes on the settings port, and what each write changed. */
  function counting(settings: SettingsStore) {
    const calls = { reads: 0, writes: [] as Array<{ attempts: number }> };
    const read = settings.read.bind(settings);
    const update = settings.update.bind(settings);
    settings.read = () => {
      calls.reads += 1;
      return read();
    };
    settings.update = (change) => {
      const doc = update(change);
      calls.writes.push({ attempts: doc.loginAttempts.length });
      return doc;
    };
    return calls;
  }

  it.each([
    ['that works', succeeds()],
    ['that fails', fails('INVALID_LOGIN')],
  ] as const)('a proof %s reads the org once and writes twice: the reservation before the login, the result after', async (_, answer) => {
    const { core, id, settings } = await setup([answer]);
    const calls = counting(settings);
    await core.tokens.replaceToken(id, { pasted: MAIL });
    expect(calls).toEqual({ reads: 1, writes: [{ attempts: 1 }, { attempts: 0 }] });
  });

  it('“save anyway” reads the org once and writes once', async () => {
    const { core, id, settings } = await setup();
    const calls = counting(settings);
    await core.tokens.replaceToken(id, { pasted: MAIL, saveAnyway: true });
    expect(calls).toEqual({ reads: 1, writes: [{ attempts: 0 }] });
  });
});
