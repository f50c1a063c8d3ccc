/**
 * Testing an org's stored secrets, above the Salesforce gateway: what a login is sent, what its
 * answer is kept as, the warnings after a success, the words of a failure, cancelling, and what
 * happens without secrets. A scripted gateway answers in the port's own types; how jsforce's errors
 * are classified is tested against the fake org (tests/integration/connection-test.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../shared/domain';
import { PASSWORD, scriptedCore, START, TOKEN } from '../support/scripted-core';
import { fails, held, succeeds, type Script } from '../support/scripted-gateway';
import { storedSecret, storeSecret } from '../support/org-secrets';

const CLIENT_ID = '3MVG9AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('a test of the stored secrets', () => {
  it('sends the password with the token appended, within the test timeout, and keeps a success as the org’s last test', async () => {
    const { core, gateway, id, record } = await scriptedCore([succeeds({ orgId: '00D000000000042EAA' })], { record: { consecutiveFailures: 1 } });
    const outcome = await core.tester.test(id);
    expect(gateway.checks).toEqual([
      expect.objectContaining({ loginUrl: 'https://login.salesforce.com', username: 'admin@acme.com', secret: PASSWORD + TOKEN, timeoutMs: DEFAULT_PREFERENCES.testTimeoutSeconds * 1000 }),
    ]);
    expect(gateway.checks[0]).not.toHaveProperty('oauth');
    expect(outcome).toMatchObject({ ok: true, via: 'soap', usedToken: true, testedAt: START.toISOString(), tokenAsOf: record().tokenUpdatedAt, warnings: [] });
    expect(outcome.facts).toMatchObject({ orgId: '00D000000000042EAA', orgName: 'Acme', apiRequestsRemaining: 14_990 });
    expect(record()).toMatchObject({ lastTest: outcome, lastSuccessOrgId: '00D000000000042EAA', consecutiveFailures: 0, soapLogin: { allowed: true, at: START.toISOString() } });
  });

  it('logs in through the OAuth username-password flow when the org has a consumer key and secret', async () => {
    const { core, gateway, id } = await scriptedCore([succeeds({ via: 'oauth' })], { org: { clientId: CLIENT_ID, clientSecret: 'S3cret-consumer' } });
    expect((await core.tester.test(id)).via).toBe('oauth');
    expect(gateway.checks[0]).toMatchObject({ oauth: { clientId: CLIENT_ID, clientSecret: 'S3cret-consumer' } });
  });

  it('keeps a failure as the last test too, with the org’s SOAP login() refusal noted', async () => {
    const { core, id, record } = await scriptedCore([fails('SOAP_LOGIN_UNAVAILABLE', { salesforceCode: 'INVALID_OPERATION' })]);
    const outcome = await core.tester.test(id);
    expect(outcome.failure?.code).toBe('SOAP_LOGIN_UNAVAILABLE');
    expect(record()).toMatchObject({ lastTest: outcome, soapLogin: { allowed: false, at: START.toISOString() } });
    expect(record().lastSuccessOrgId).toBeUndefined();
  });

  it('the gateway’s fault reaches the caller, and the org keeps its last result', async () => {
    const { core, id, record, settings } = await scriptedCore([new Error('gateway broke')]);
    await expect(core.tester.test(id)).rejects.toThrow('gateway broke');
    expect(record().lastTest).toBeUndefined();
    expect(settings.doc.loginAttempts).toEqual([]);
  });
});

describe('sanity warnings after a success', () => {
  it('a sandbox added as production, and a production org added as a sandbox', async () => {
    const asProduction = await scriptedCore([succeeds({ isSandbox: true })]);
    expect((await asProduction.core.tester.test(asProduction.id)).warnings).toEqual([expect.objectContaining({ code: 'SANDBOX_MISMATCH', message: expect.stringContaining('is a sandbox, but it was added as production') })]);
    const asSandbox = await scriptedCore([succeeds({ isSandbox: false })], { org: { environment: 'sandbox' } });
    expect((await asSandbox.core.tester.test(asSandbox.id)).warnings).toEqual([expect.objectContaining({ code: 'SANDBOX_MISMATCH', message: expect.stringContaining('added as a sandbox') })]);
  });

  it('a My Domain login host names the kind of org: a sandbox host answered by production is a mismatch, a custom host says nothing', async () => {
    const sandboxHost = await scriptedCore([succeeds({ isSandbox: false })], { org: { environment: 'custom', customUrl: 'https://acme--uat.sandbox.my.salesforce.com' } });
    expect((await sandboxHost.core.tester.test(sandboxHost.id)).warnings.map((w) => w.code)).toEqual(['SANDBOX_MISMATCH']);
    const customHost = await scriptedCore([succeeds({ isSandbox: true })], { org: { environment: 'custom', customUrl: 'https://sso.example.com' } });
    expect((await customHost.core.tester.test(customHost.id)).warnings).toEqual([]);
  });

  it('a production org of a different org id than the last success', async () => {
    const { core, id } = await scriptedCore([succeeds({ orgId: '00D000000000001EAA' }), succeeds({ orgId: '00D000000000002EAA' })]);
    expect((await core.tester.test(id)).warnings).toEqual([]);
    expect((await core.tester.test(id)).warnings).toEqual([expect.objectContaining({ code: 'ORG_ID_CHANGED', message: expect.stringContaining('from 00D000000000001EAA to 00D000000000002EAA') })]);
  });

  it('no token was needed on a trusted network', async () => {
    const { core, gateway, id } = await scriptedCore([succeeds()], { org: { token: '' } });
    const outcome = await core.tester.test(id);
    expect(gateway.checks[0]?.secret).toBe(PASSWORD);
    expect(outcome).toMatchObject({ ok: true, usedToken: false });
    expect(outcome.warnings.map((w) => w.code)).toEqual(['TOKEN_NOT_NEEDED']);
  });

  it('API requests left that Salesforce would not report say why', async () => {
    const { core, id } = await scriptedCore([succeeds({ apiRequestsRemaining: null, apiRequestsMax: null, limitsRefusal: 'API_DISABLED_FOR_ORG' })]);
    expect((await core.tester.test(id)).facts?.apiRequestsUnavailable).toMatch(/^this user lacks “View Setup and Configuration”/);
  });
});

describe('the words of a failure the gateway reports', () => {
  it('a refused token: the causes that fit, with the lockout warning from the second failure on', async () => {
    const { core, id } = await scriptedCore([fails('INVALID_LOGIN')], { record: { consecutiveFailures: 1 } });
    const { failure } = await core.tester.test(id);
    expect(failure?.code).toBe('INVALID_LOGIN');
    expect(failure?.hints.join(' ')).toMatch(/voids the previous token.*case-sensitive.*This is failure 2 in a row: the user may now be locked out/s);
  });

  it('a token older than the last password change is named first', async () => {
    const { core, id } = await scriptedCore([fails('INVALID_LOGIN')], { record: { tokenUpdatedAt: '2026-01-01T00:00:00.000Z', passwordUpdatedAt: '2026-02-01T00:00:00.000Z' } });
    expect((await core.tester.test(id)).failure?.hints[0]).toMatch(/older than the last password change/);
  });

  it('Salesforce’s code is shown for a refusal OrgKey has no words of its own for, and the HTTP status for a server error', async () => {
    const { core, id } = await scriptedCore([fails('LOGIN_REFUSED', { salesforceCode: 'SOME_NEW_FAULT' }), fails('SERVER_ERROR', { httpStatus: 503 })]);
    expect((await core.tester.test(id)).failure?.hints).toEqual(['Salesforce’s code: SOME_NEW_FAULT.']);
    expect((await core.tester.test(id)).failure?.hints).toEqual(['HTTP status 503.']);
  });

  it('a timeout says how long OrgKey waited', async () => {
    const { core, id } = await scriptedCore([fails('TIMEOUT')]);
    expect((await core.tester.test(id)).failure?.hints).toEqual([`OrgKey waited ${DEFAULT_PREFERENCES.testTimeoutSeconds} seconds.`]);
  });
});

describe('a browser-login org', () => {
  const browserOrg = (...answers: Script[]) => scriptedCore(answers, { org: { auth: 'browser', username: '', password: '', token: '', clientId: CLIENT_ID } });

  it('logs in with its refresh token, and keeps the rotated one Salesforce hands back before the session is used', async () => {
    const { core, gateway, id, secrets } = await browserOrg(async (request) => {
      await request.refresh!.onRotated('rotated-refresh-token');
      return succeeds({ via: 'browser' });
    });
    await storeSecret(secrets, id, 'refreshToken', 'first-refresh-token');
    const outcome = await core.tester.test(id);
    expect(gateway.checks[0]?.refresh).toMatchObject({ clientId: CLIENT_ID, refreshToken: 'first-refresh-token' });
    expect(gateway.checks[0]?.refresh).not.toHaveProperty('clientSecret');
    expect(outcome).toMatchObject({ ok: true, via: 'browser', warnings: [] });
    expect(await storedSecret(secrets, id, 'refreshToken')).toBe('rotated-refresh-token');
  });

  it('a refused grant means signing in again, naming an inactive user; an app that wants its secret says so', async () => {
    const { core, id, secrets, record } = await browserOrg(fails('OAUTH_INVALID_GRANT', { inactiveUser: true }), fails('OAUTH_INVALID_CLIENT'));
    await storeSecret(secrets, id, 'refreshToken', 'first-refresh-token');
    expect((await core.tester.test(id)).failure).toMatchObject({ code: 'OAUTH_SIGN_IN_AGAIN', hints: [expect.stringContaining('inactive or frozen')] });
    expect(record().consecutiveFailures).toBe(0);
    expect((await core.tester.test(id)).failure?.code).toBe('OAUTH_SECRET_REQUIRED');
  });

  it('without a sign-in, says so and sends nothing', async () => {
    const { core, gateway, id, record } = await browserOrg();
    const outcome = await core.tester.test(id);
    expect(outcome).toMatchObject({ ok: false, via: 'browser', latencyMs: 0, failure: { code: 'NOT_SIGNED_IN' } });
    expect(gateway.checks).toEqual([]);
    expect(record().lastTest).toEqual(outcome);
  });
});

describe('missing secrets', () => {
  it('no password in the keychain: SECRET_MISSING, nothing sent, nothing counted, kept as the last test', async () => {
    const { core, gateway, id, secrets, record } = await scriptedCore([], { record: { consecutiveFailures: 1 } });
    await storeSecret(secrets, id, 'password', null);
    const outcome = await core.tester.test(id);
    expect(outcome).toMatchObject({ ok: false, latencyMs: 0, failure: { code: 'SECRET_MISSING', message: 'OrgKey has no password for this org in the keychain.' } });
    expect(gateway.checks).toEqual([]);
    expect(record()).toMatchObject({ consecutiveFailures: 1, lastTest: outcome });
  });

  it('a consumer key without its secret: SECRET_MISSING for the consumer secret', async () => {
    const { core, gateway, id, secrets } = await scriptedCore([], { org: { clientId: CLIENT_ID, clientSecret: 'S3cret-consumer' } });
    await storeSecret(secrets, id, 'clientSecret', null);
    expect((await core.tester.test(id)).failure).toMatchObject({ code: 'SECRET_MISSING', remedy: 'Edit the org and enter its consumer secret again.' });
    expect(gateway.checks).toEqual([]);
  });
});

describe('cancelling', () => {
  it('stops the test under way: CANCELLED, not counted, and the org keeps its last result', async () => {
    const slow = held();
    const { core, id, record, settings } = await scriptedCore([succeeds(), slow.script], { record: { consecutiveFailures: 1 } });
    const before = await core.tester.test(id);
    settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, consecutiveFailures: 1 })) }));
    const running = core.tester.test(id);
    await slow.sent;
    expect(core.tester.cancel(id)).toBe(true);
    expect((await running).failure?.code).toBe('CANCELLED');
    expect(record()).toMatchObject({ consecutiveFailures: 1, lastTest: before });
    expect(settings.doc.loginAttempts).toEqual([]);
    expect(core.tester.cancel(id)).toBe(false);
  });

  it('through the caller’s signal too, even one aborted before the test began', async () => {
    const { core, id } = await scriptedCore([held().script]);
    const controller = new AbortController();
    controller.abort();
    expect((await core.tester.test(id, { signal: controller.signal })).failure?.code).toBe('CANCELLED');
  });
});
