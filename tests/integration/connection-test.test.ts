/**
 * Connection tests on real parts: the core with the real keychain and a settings file in a temp
 * folder, jsforce, and the fake org, each condition set up through the fake org's control API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { checkConnection } from '../../electron/core/connection/salesforce';
import { diagnose } from '../../electron/core/connection/diagnosis';
import { OrgKeyError } from '../../electron/core/errors';
import { keytarSecretStore } from '../../electron/core/secrets/keytar-store';
import { openConfSettings } from '../../electron/core/settings/store';
import type { OrgDraft } from '../../shared/api';
import type { TestOutcome } from '../../shared/domain';
import { credentials, EXPIRED_USER, NO_API_USER, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../support/fake-org';
import { bootRealCore, useCoreSuite, type CoreSuite } from '../support/core';
import { storeSecret } from '../support/org-secrets';

const suite = useCoreSuite('conn');
let fake: CoreSuite['fake'];
let control: Control;
let core: Core;
let dir: string;
let service: string;
beforeEach(() => ({ fake, control, core, dir, service } = suite));

async function addOrg(username: string, overrides: Partial<OrgDraft> = {}) {
  const creds = await credentials(control, username);
  const { org } = await core.orgs.add({
    alias: `${username} ${Math.random().toString(36).slice(2, 6)}`,
    environment: 'custom',
    customUrl: fake.org.loginUrl,
    username,
    password: creds.password,
    token: creds.token,
    ...overrides,
  });
  return { id: org.id, ...creds };
}

const attempts = async (username: string) => (await control.loginHistory(username)).length;
const failure = (outcome: TestOutcome) => outcome.failure?.code;
/** The failure code of a test that ran, or the code of its refusal. */
const outcomeCode = (result: PromiseSettledResult<TestOutcome>) =>
  result.status === 'fulfilled' ? failure(result.value) : (result.reason as OrgKeyError).appError.code;

describe('a successful test', () => {
  it('reports the org, user, edition, API requests left and round-trip time, and is kept across restarts', async () => {
    const { id, orgId } = await addOrg(PROD_ADMIN);
    const outcome = await core.tester.test(id);
    expect(outcome).toMatchObject({
      ok: true,
      via: 'soap',
      usedToken: true,
      facts: {
        orgId,
        orgName: 'Acme Corporation',
        edition: 'Enterprise Edition',
        isSandbox: false,
        instanceUrl: fake.org.loginUrl,
        userName: PROD_ADMIN,
        userFullName: expect.any(String),
        apiRequestsRemaining: expect.any(Number),
        apiRequestsMax: 15000,
      },
    });
    expect(outcome.latencyMs).toBeGreaterThan(0);
    expect(Date.parse(outcome.testedAt)).not.toBeNaN();
    const restarted = bootRealCore(dir, service);
    expect(restarted.orgs.list()[0]?.lastTest).toEqual(outcome);
    expect(await attempts(PROD_ADMIN)).toBe(1);
  });

  it('passes for a user without View Setup and Configuration, with the API requests unavailable and why', async () => {
    const { id } = await addOrg(PROD_ADMIN);
    await control.patchUser(PROD_ADMIN, { viewSetup: false });
    const outcome = await core.tester.test(id);
    expect(outcome).toMatchObject({ ok: true, facts: { orgName: 'Acme Corporation', userName: PROD_ADMIN, apiRequestsRemaining: null, apiRequestsMax: null } });
    expect(outcome.failure).toBeUndefined();
    expect(outcome.facts?.apiRequestsUnavailable).toMatch(/^this user lacks “View Setup and Configuration”.*Setup → Users → Permission Sets or Profiles → System Permissions/);
    expect(core.orgs.list()[0]?.consecutiveFailures).toBe(0);
    // Kept as it was across a restart: the settings file holds the reason too.
    expect(bootRealCore(dir, service).orgs.list()[0]?.lastTest).toEqual(outcome);
  });

  it('logs in through the OAuth username-password flow when the org has a consumer key', async () => {
    const creds = await credentials(control, PROD_ADMIN);
    const { id } = await addOrg(PROD_ADMIN, { clientId: creds.connectedApp.clientId, clientSecret: creds.connectedApp.clientSecret });
    const outcome = await core.tester.test(id);
    expect(outcome).toMatchObject({ ok: true, via: 'oauth', facts: { userName: PROD_ADMIN } });
    expect((await control.loginHistory(PROD_ADMIN)).map((h) => h.via)).toEqual(['oauth']);
  });

  it('records its result while the session ends, and is over only once the logout has answered', async () => {
    const { id } = await addOrg(PROD_ADMIN);
    // The two SOAP calls, login and then logout, each wait 1.5 s at the fake org.
    await control.injectFaults({ path: '/services/Soap/u', count: 2, latencyMs: 1500 });
    let over = false;
    const testing = core.tester.test(id).then((outcome) => {
      over = true;
      return outcome;
    });
    // As another process sees it: the settings file on disk.
    const onDisk = () => (JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')) as { orgs: Array<{ lastTest?: TestOutcome }> }).orgs[0]?.lastTest;
    await expect.poll(() => onDisk()?.ok, { timeout: 10_000, interval: 20 }).toBe(true);
    expect(over).toBe(false);
    const outcome = await testing;
    expect(outcome).toEqual(onDisk());
    // The logout was sent, and the test waited for its answer (the fault delaying it is used up).
    expect((await control.state()).faults).toEqual([]);
  });
});

describe('sanity warnings after a success', () => {
  it('notice a sandbox added as production, and a production org added as a sandbox', async () => {
    // The records say production / sandbox while logins go to the fake org (which cannot live at
    // login.salesforce.com): what matters is what the org answers about itself.
    const asEnvironment = (id: string, environment: 'production' | 'sandbox') =>
      openConfSettings(dir).update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => (o.id === id ? { ...o, environment } : o)) }));
    const sandbox = await addOrg(SANDBOX_ADMIN);
    asEnvironment(sandbox.id, 'production');
    const prod = await addOrg(PROD_ADMIN);
    asEnvironment(prod.id, 'sandbox');

    expect((await core.tester.test(sandbox.id)).warnings).toEqual([
      expect.objectContaining({ code: 'SANDBOX_MISMATCH', message: expect.stringContaining('is a sandbox, but it was added as production') }),
    ]);
    expect((await core.tester.test(prod.id)).warnings).toEqual([
      expect.objectContaining({ code: 'SANDBOX_MISMATCH', message: expect.stringContaining('added as a sandbox') }),
    ]);
  });

  it('notice a production org of another id than the last success (a sandbox one is a refresh: sandbox-refresh.test.ts)', async () => {
    const org = await addOrg(SANDBOX_ADMIN);
    expect((await core.tester.test(org.id)).warnings).toEqual([]);
    const prod = await credentials(control, PROD_ADMIN);
    await core.orgs.update(org.id, { username: PROD_ADMIN });
    await purgeAndStore(org.id, prod.password, prod.token);
    const outcome = await core.tester.test(org.id);
    expect(outcome.warnings).toEqual([expect.objectContaining({ code: 'ORG_ID_CHANGED', message: expect.stringContaining(prod.orgId) })]);
  });

  it('reads the keychain once: the password and token come from the org’s one entry', async () => {
    const { id } = await addOrg(PROD_ADMIN);
    const before = core.keychain.counts().reads;
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(core.keychain.counts().reads - before).toBe(1);
  });

  it('notice that no token was needed on a trusted network', async () => {
    const { id, orgId } = await addOrg(PROD_ADMIN, { token: '' });
    await control.patchOrg(orgId, { trustedIpRanges: ['127.0.0.1/32', '::1/128'] });
    const outcome = await core.tester.test(id);
    expect(outcome).toMatchObject({ ok: true, usedToken: false });
    expect(outcome.warnings.map((w) => w.code)).toEqual(['TOKEN_NOT_NEEDED']);
  });
});

async function purgeAndStore(id: string, password: string, token: string) {
  const secrets = keytarSecretStore(service);
  await storeSecret(secrets, id, 'password', password);
  await storeSecret(secrets, id, 'token', token);
}

describe('diagnosis of each failure', () => {
  it('LOGIN_MUST_USE_SECURITY_TOKEN when no token is stored on an untrusted network', async () => {
    const { id } = await addOrg(PROD_ADMIN, { token: '' });
    const outcome = await core.tester.test(id);
    expect(outcome.failure).toMatchObject({ code: 'LOGIN_MUST_USE_SECURITY_TOKEN', remedy: expect.stringContaining('Reset My Security Token') });
  });

  it('INVALID_LOGIN for a superseded token, naming the causes that fit', async () => {
    const { id } = await addOrg(PROD_ADMIN);
    await control.resetToken(PROD_ADMIN);
    const outcome = await core.tester.test(id);
    expect(outcome.failure?.code).toBe('INVALID_LOGIN');
    expect(outcome.failure?.hints.join(' ')).toMatch(/voids the previous token/);
    expect(outcome.failure?.hints.join(' ')).toMatch(/case-sensitive/);
  });

  it('INVALID_LOGIN mentions that the token predates the last password change', async () => {
    const { id } = await addOrg(PROD_ADMIN);
    const newToken = await control.setPassword(PROD_ADMIN, 'Brand-New-Pass-77');
    expect(newToken).toHaveLength(25);
    await storeSecret(keytarSecretStore(service), id, 'password', 'Brand-New-Pass-77');
    const settings = openConfSettings(dir);
    settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, passwordUpdatedAt: new Date(Date.now() + 1000).toISOString() })) }));
    const outcome = await core.tester.test(id);
    expect(outcome.failure?.hints[0]).toMatch(/older than the last password change/);
  });

  it('PASSWORD_EXPIRED for an expired password', async () => {
    const { id } = await addOrg(EXPIRED_USER);
    expect(failure(await core.tester.test(id))).toBe('PASSWORD_EXPIRED');
  });

  it('API_CURRENTLY_DISABLED for a user without API Enabled', async () => {
    const { id } = await addOrg(NO_API_USER);
    expect(failure(await core.tester.test(id))).toBe('API_CURRENTLY_DISABLED');
  });

  it('API_DISABLED_FOR_ORG for an org without the API', async () => {
    const { id, orgId } = await addOrg(PROD_ADMIN);
    await control.patchOrg(orgId, { apiEnabled: false });
    expect(failure(await core.tester.test(id))).toBe('API_DISABLED_FOR_ORG');
  });

  it('SOAP_LOGIN_UNAVAILABLE when the org has SOAP login() switched off', async () => {
    const { id, orgId } = await addOrg(PROD_ADMIN);
    await control.patchOrg(orgId, { soapLoginEnabled: false });
    const outcome = await core.tester.test(id);
    expect(outcome.failure).toMatchObject({ code: 'SOAP_LOGIN_UNAVAILABLE', message: expect.stringContaining('Summer ’27') });
  });

  it('INSUFFICIENT_ACCESS when SOAP login() needs Use Any API Auth and the user lacks it, with where an admin grants it', async () => {
    const { id, orgId } = await addOrg(PROD_ADMIN);
    await control.patchOrg(orgId, { enforceUseAnyApiAuth: true });
    await control.patchUser(PROD_ADMIN, { useAnyApiAuth: false });
    const outcome = await core.tester.test(id);
    expect(outcome.failure).toMatchObject({
      code: 'INSUFFICIENT_ACCESS',
      message: expect.stringContaining('“Use Any API Auth”'),
      remedy: expect.stringContaining('Setup → Users → Permission Sets or Profiles → System Permissions'),
    });
    // "Use Any API Client" is another permission (API Access Control), not what Salesforce asked for.
    expect(JSON.stringify(outcome.failure)).not.toContain('Use Any API Client');
  });

  it.each(['invalid_grant', 'invalid_app_access'] as const)('OAUTH_USER_NOT_APPROVED (%s) when the connected app admits only pre-approved users: no wrong-password words, counted by the lockout guard', async (notApprovedError) => {
    const creds = await credentials(control, PROD_ADMIN);
    const app = creds.connectedApp;
    await control.patchApp(app.clientId, { permittedUsers: 'admin-approved', notApprovedError });
    const { id } = await addOrg(PROD_ADMIN, { clientId: app.clientId, clientSecret: app.clientSecret });
    for (let i = 0; i < 2; i += 1) {
      const outcome = await core.tester.test(id);
      expect(outcome.failure).toMatchObject({
        code: 'OAUTH_USER_NOT_APPROVED',
        remedy: expect.stringContaining('Setup → Apps → Connected Apps → Manage Connected Apps'),
        hints: [expect.stringContaining('most likely right')],
      });
      expect(`${outcome.failure?.message} ${outcome.failure?.remedy}`).not.toMatch(/password|token|locked/i);
    }
    // Salesforce records each as a failed login and does not say whether it counts: the guard does.
    expect(core.orgs.list()[0]?.consecutiveFailures).toBe(2);
    await expect(core.tester.test(id)).rejects.toMatchObject({ appError: { code: 'LOCKOUT_GUARD' } });
    expect((await control.loginHistory(PROD_ADMIN)).map((h) => h.status)).toEqual(Array(2).fill('Failed: Not approved for access'));

    await control.patchApp(app.clientId, { preApprovedUsers: [PROD_ADMIN] });
    expect((await core.tester.test(id, { confirmRetry: true })).ok).toBe(true);
    expect(core.orgs.list()[0]?.consecutiveFailures).toBe(0);
  });

  it('API_CURRENTLY_DISABLED and API_DISABLED_FOR_ORG from the REST reads after a browser sign-in', async () => {
    const { orgId } = await credentials(control, PROD_ADMIN);
    const eca = (await control.state()).orgs.find((org) => org.id === orgId)!.externalClientApps[0]!;
    const { org } = await core.orgs.add({ alias: 'Browser', environment: 'custom', customUrl: fake.org.loginUrl, auth: 'browser', username: '', password: '', clientId: eca.clientId });
    // A sign-in as the web-server flow leaves it: a refresh token in the keychain.
    await storeSecret(keytarSecretStore(service), org.id, 'refreshToken', await control.issueRefreshToken(PROD_ADMIN, eca.clientId));
    expect((await core.tester.test(org.id)).ok).toBe(true);

    // The login page lets a user without API Enabled sign in; the REST API then refuses the session.
    await control.patchUser(PROD_ADMIN, { apiEnabled: false });
    expect((await core.tester.test(org.id)).failure).toMatchObject({ code: 'API_CURRENTLY_DISABLED', remedy: expect.stringContaining('Setup →') });
    await control.patchUser(PROD_ADMIN, { apiEnabled: true });
    await control.patchOrg(orgId, { apiEnabled: false });
    expect((await core.tester.test(org.id)).failure).toMatchObject({ code: 'API_DISABLED_FOR_ORG', remedy: expect.stringContaining('Setup → Company Information') });
    // The limits refused alone are not the org's API being off: here the Organization query fails too.
    await control.patchUser(PROD_ADMIN, { viewSetup: false });
    expect(failure(await core.tester.test(org.id))).toBe('API_DISABLED_FOR_ORG');
  });

  it('UNSUPPORTED_API_VERSION and SOAP_LOGIN_UNAVAILABLE from the API version gates', async () => {
    const creds = await credentials(control, PROD_ADMIN);
    const context = { via: 'soap' as const, usedToken: true, loginUrl: fake.org.loginUrl, passwordUpdatedAt: '', consecutiveFailures: 1, timeoutSeconds: 20, now: new Date() };
    const attempt = (apiVersion: string) =>
      checkConnection({ loginUrl: fake.org.loginUrl, username: PROD_ADMIN, secret: creds.password + creds.token, apiVersion, timeoutMs: 5000 }).then(
        () => null,
        (error: unknown) => diagnose(error, context).code,
      );
    expect(await attempt('30.0')).toBe('UNSUPPORTED_API_VERSION');
    expect(await attempt('65.0')).toBe('SOAP_LOGIN_UNAVAILABLE');
  });

  it('the OAuth errors: invalid_grant, invalid_client_id, invalid_client', async () => {
    const creds = await credentials(control, PROD_ADMIN);
    const app = creds.connectedApp;
    const wrongPassword = await addOrg(PROD_ADMIN, { clientId: app.clientId, clientSecret: app.clientSecret, password: 'Wrong-Pass-1' });
    const refused = await core.tester.test(wrongPassword.id);
    expect(failure(refused)).toBe('OAUTH_INVALID_GRANT');
    // Until 20 Feb 2027 the flow's end is a warning; from that day it is the likely cause.
    expect(refused.failure?.hints[0]).toMatch(/^Salesforce turns the OAuth username-password flow off for connected apps on 20 Feb 2027 \(in \d+ days?\)/);
    const afterwards = await checkConnection({
      loginUrl: fake.org.loginUrl, username: PROD_ADMIN, secret: 'Wrong-Pass-1', oauth: { clientId: app.clientId, clientSecret: app.clientSecret }, timeoutMs: 5000,
    }).then(
      () => null,
      (error: unknown) =>
        diagnose(error, { via: 'oauth', usedToken: true, loginUrl: fake.org.loginUrl, passwordUpdatedAt: '', consecutiveFailures: 1, timeoutSeconds: 20, now: new Date('2027-02-20T08:00:00Z') }),
    );
    expect(afterwards?.code).toBe('OAUTH_INVALID_GRANT');
    expect(afterwards?.hints[0]).toMatch(/^Salesforce turned the OAuth username-password flow off for connected apps on 20 Feb 2027: no password works/);
    const unknownClient = await addOrg(PROD_ADMIN, { clientId: '3MVG9UnknownClientIdForTesting0000000000', clientSecret: app.clientSecret });
    expect(failure(await core.tester.test(unknownClient.id))).toBe('OAUTH_INVALID_CLIENT_ID');
    const wrongSecret = await addOrg(PROD_ADMIN, { clientId: app.clientId, clientSecret: 'not-the-secret' });
    expect(failure(await core.tester.test(wrongSecret.id))).toBe('OAUTH_INVALID_CLIENT');
  });

  it('transport failures: connection refused, host not found, TLS', async () => {
    const refused = await addOrg(PROD_ADMIN, { customUrl: 'http://127.0.0.1:9' });
    expect(failure(await core.tester.test(refused.id))).toBe('CONNECTION_REFUSED');
    const unknownHost = await addOrg(PROD_ADMIN, { customUrl: 'https://orgkey-no-such-host.invalid' });
    expect(failure(await core.tester.test(unknownHost.id))).toBe('HOST_NOT_FOUND');
    // https:// to a plain-http server: the TLS handshake fails.
    const tls = await addOrg(PROD_ADMIN, { customUrl: 'https://localhost:' + new URL(fake.org.loginUrl).port });
    expect(failure(await core.tester.test(tls.id))).toBe('TLS_FAILURE');
  });

  it.each([
    [{ path: '/services/Soap/u', count: 1, status: 503 }, 'SERVER_ERROR'],
    [{ path: '/services/Soap/u', count: 1, status: 502, body: 'html' }, 'SERVER_ERROR'],
    [{ path: '/services/Soap/u', count: 1, body: 'html' }, 'UNEXPECTED_RESPONSE'],
    [{ path: '/services/Soap/u', count: 1, body: 'malformed' }, 'UNEXPECTED_RESPONSE'],
    [{ path: '/services/data', count: 1, body: 'html' }, 'UNEXPECTED_RESPONSE'],
    // A web page in place of the limits alone (jsforce would hand the page back as the answer).
    [{ path: '/services/data/v64.0/limits', count: 1, body: 'html' }, 'UNEXPECTED_RESPONSE'],
    // Only Salesforce's refusal of the limits leaves a good login standing; a broken answer does not.
    [{ path: '/services/data/v64.0/limits', count: 1, status: 503 }, 'SERVER_ERROR'],
    [{ path: '/services/data/v64.0/query', count: 1, body: 'html' }, 'UNEXPECTED_RESPONSE'],
    [{ path: '/services/data', count: 1, status: 500 }, 'SERVER_ERROR'],
    [{ path: '/services/Soap/u', count: 1, drop: true }, 'CONNECTION_DROPPED'],
  ] as const)('answer %j is diagnosed as %s, with no raw text in the message', async (fault, expected) => {
    const { id } = await addOrg(PROD_ADMIN);
    await control.injectFaults(fault);
    const outcome = await core.tester.test(id);
    expect(failure(outcome)).toBe(expected);
    const text = JSON.stringify(outcome.failure);
    expect(text).not.toMatch(/<|Error:|at \w+ \(|stack/);
  });

  it('a timeout, after the configured time', async () => {
    const { id } = await addOrg(PROD_ADMIN);
    core.preferences.update({ testTimeoutSeconds: 5 });
    await control.injectFaults({ path: '/services/Soap/u', count: 1, latencyMs: 8000 });
    const outcome = await core.tester.test(id);
    expect(outcome.failure).toMatchObject({ code: 'TIMEOUT', hints: ['OrgKey waited 5 seconds.'] });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(4900);
  });

  it('no failure message ever contains the password or token', async () => {
    const { id, password, token } = await addOrg(PROD_ADMIN, { password: 'Wrong-But-Secret-Pass-9' });
    const outcome = await core.tester.test(id);
    const text = JSON.stringify(outcome);
    expect(text).not.toContain('Wrong-But-Secret-Pass-9');
    expect(text).not.toContain(token);
    expect(text).not.toContain(password);
  });
});

describe('cancel', () => {
  it('stops waiting for a slow org at once and keeps the previous result', async () => {
    const { id } = await addOrg(PROD_ADMIN);
    const first = await core.tester.test(id);
    await control.injectFaults({ path: '/services/Soap/u', count: 1, latencyMs: 10_000 });
    const running = core.tester.test(id);
    await expect.poll(() => core.tester.cancel(id)).toBe(true);
    const outcome = await running;
    expect(outcome.failure?.code).toBe('CANCELLED');
    expect(outcome.latencyMs).toBeLessThan(5000);
    expect(core.orgs.list()[0]?.lastTest).toEqual(first);
    expect(core.tester.cancel(id)).toBe(false);
  });
});

describe('lockout guard', () => {
  it('never retries by itself and asks for confirmation after 2 failed logins in a row', async () => {
    const { id, password, token } = await addOrg(PROD_ADMIN, { password: 'Not-The-Password-1' });
    expect(failure(await core.tester.test(id))).toBe('INVALID_LOGIN');
    expect(await attempts(PROD_ADMIN)).toBe(1);
    expect(failure(await core.tester.test(id))).toBe('INVALID_LOGIN');
    expect(await attempts(PROD_ADMIN)).toBe(2);

    const refused = await core.tester.test(id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OrgKeyError);
    expect((refused as OrgKeyError).appError).toMatchObject({ code: 'LOCKOUT_GUARD', message: expect.stringContaining('locked out') });
    expect(await attempts(PROD_ADMIN)).toBe(2);

    const confirmed = await core.tester.test(id, { confirmRetry: true });
    expect(confirmed.failure?.hints.join(' ')).toMatch(/failure 3 in a row/);
    expect(await attempts(PROD_ADMIN)).toBe(3);

    // Right password: the guard still asks (3 failures), and a confirmed success resets it.
    await storeSecret(keytarSecretStore(service), id, 'password', password);
    expect((await core.tester.test(id, { confirmRetry: true })).ok).toBe(true);
    expect(core.orgs.list()[0]?.consecutiveFailures).toBe(0);
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(token).toHaveLength(25);
  });

  it.each([
    ['SOAP login()', 'soap'],
    ['the OAuth username-password flow', 'oauth'],
  ] as const)('never logs in again by itself when Salesforce refuses the session after %s', async (_label, kind) => {
    const app = (await credentials(control, PROD_ADMIN)).connectedApp;
    const { id } = await addOrg(PROD_ADMIN, kind === 'oauth' ? { clientId: app.clientId, clientSecret: app.clientSecret } : {});
    // jsforce's own answer to a 401 is to send the username and password again.
    await control.injectFaults({ path: '/services/data/v64.0/query', count: 1, status: 401 });
    const outcome = await core.tester.test(id);
    expect(failure(outcome)).toBe('SESSION_REFUSED');
    expect(await attempts(PROD_ADMIN)).toBe(1);
    expect((await core.orgs.get(id)).consecutiveFailures).toBe(0);
  });

  it('fails the test when Salesforce refuses the session on the limits alone: not “requests unavailable”', async () => {
    const { id } = await addOrg(PROD_ADMIN);
    await control.injectFaults({ path: '/services/data/v64.0/limits', count: 1, body: 'invalid-session' });
    const outcome = await core.tester.test(id);
    expect(outcome.ok).toBe(false);
    expect(failure(outcome)).toBe('SESSION_REFUSED');
    expect(await attempts(PROD_ADMIN)).toBe(1);
  });

  it('concurrent tests of one org in one process send one login; the others are refused as running', async () => {
    const { id } = await addOrg(PROD_ADMIN, { password: 'Not-The-Password-1' });
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => core.tester.test(id)));
    expect(results.map(outcomeCode).sort()).toEqual(['INVALID_LOGIN', 'TEST_RUNNING', 'TEST_RUNNING', 'TEST_RUNNING']);
    expect(await attempts(PROD_ADMIN)).toBe(1);
  });

  it('tests and a proof from several processes at once send no more than the guard’s number of logins', async () => {
    // Each core is what one process builds (the app, an `orgkey test`, …): its own running tests,
    // the same settings file.
    const { id } = await addOrg(PROD_ADMIN, { password: 'Not-The-Password-1' });
    const others = [1, 2, 3].map(() => bootRealCore(dir, service));
    const results = await Promise.allSettled([
      core.tester.test(id),
      others[0]!.tester.test(id),
      others[1]!.tester.test(id),
      others[2]!.tokens.replaceToken(id, { pasted: 'AbCdEfGhIjKlMnOpQrStUvWx1' }).then((proof) => proof.outcome!),
    ]);
    const codes = results.map(outcomeCode);
    expect(await attempts(PROD_ADMIN)).toBeLessThanOrEqual(2);
    expect(codes.filter((code) => code === 'INVALID_LOGIN')).toHaveLength(await attempts(PROD_ADMIN));
    expect(codes.filter((code) => code !== 'INVALID_LOGIN')).toEqual(Array(4 - (await attempts(PROD_ADMIN))).fill('LOCKOUT_GUARD'));
    const settings = openConfSettings(dir).read();
    expect(settings.orgs[0]?.consecutiveFailures).toBe(await attempts(PROD_ADMIN));
    expect(settings.loginAttempts).toEqual([]);
  });

  it('does not count failures that are not failed logins', async () => {
    const { id } = await addOrg(PROD_ADMIN);
    await control.injectFaults({ path: '/services/Soap/u', count: 3, status: 503 });
    for (let i = 0; i < 3; i += 1) expect(failure(await core.tester.test(id))).toBe('SERVER_ERROR');
    expect(core.orgs.list()[0]?.consecutiveFailures).toBe(0);
  });
});

describe('test all', () => {
  it('tests every org at most N at a time; a slow or failing org does not hold up the rest', async () => {
    core.preferences.update({ testConcurrency: 2 });
    const good = await addOrg(PROD_ADMIN);
    const sandbox = await addOrg(SANDBOX_ADMIN);
    const bad = await addOrg(NO_API_USER);
    const slow = await addOrg(EXPIRED_USER, { customUrl: 'http://127.0.0.1:9' });
    const results = new Map<string, TestOutcome>();
    let inFlight = 0;
    let most = 0;
    const summary = await core.testAll.run({
      onProgress: (progress) => {
        if (progress.kind === 'org-started') most = Math.max(most, ++inFlight);
        if (progress.kind === 'org-result') {
          inFlight -= 1;
          results.set(progress.id, progress.outcome);
        }
      },
    });
    expect(most).toBe(2);
    expect(results.size).toBe(4);
    expect(results.get(good.id)!.ok).toBe(true);
    expect(results.get(sandbox.id)!.facts?.isSandbox).toBe(true);
    expect(failure(results.get(bad.id)!)).toBe('API_CURRENTLY_DISABLED');
    expect(failure(results.get(slow.id)!)).toBe('CONNECTION_REFUSED');
    expect(summary).toEqual({ total: 4, ok: 2, failed: 2, guarded: 0, errors: 0, notTested: 0, cancelled: false });
  });

  it('stops starting tests and cancels running ones when cancelled', async () => {
    core.preferences.update({ testConcurrency: 1 });
    await addOrg(PROD_ADMIN);
    await addOrg(SANDBOX_ADMIN);
    await control.injectFaults({ path: '/services/Soap/u', count: 5, latencyMs: 10_000 });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = core.testAll.run({
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.kind === 'org-result') seen.push(progress.outcome.failure?.code ?? 'OK');
        if (progress.kind === 'org-guarded' || progress.kind === 'org-error') seen.push(progress.error.code);
      },
    });
    setTimeout(() => controller.abort(), 200);
    expect(await run).toMatchObject({ total: 2, ok: 0, failed: 0, notTested: 2, cancelled: true });
    expect(seen).toEqual(['CANCELLED']);
  });
});
