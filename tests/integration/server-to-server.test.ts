/**
 * Client-credentials and JWT orgs on the real keychain, settings file and jsforce against the fake
 * org: a test that shows the run-as user, each refusal diagnosed, access tokens used on the REST
 * API, and a password org switched to client credentials with its old secrets kept until proved.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { keytarSecretStore } from '../../electron/core/secrets/keytar-store';
import { useCoreSuite, type CoreSuite } from '../support/core';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../support/fake-org';
import { readAllFiles } from '../support/temp';
import { storedSecret, storeSecret } from '../support/org-secrets';

const suite = useCoreSuite('server-to-server');
let fake: CoreSuite['fake'];
let control: Control;
let core: Core;
let service: string;
let dir: string;
beforeEach(() => ({ fake, control, core, service, dir } = suite));

/** The org of `username`: its My Domain and its External Client App (key and secret). */
async function orgOf(username: string) {
  const { orgId } = await credentials(control, username);
  const org = (await control.state()).orgs.find((candidate) => candidate.id === orgId)!;
  return { myDomainUrl: org.myDomainUrl, app: org.externalClientApps[0]! };
}

/** A client-credentials org for the production org's app, its Run As user set unless `runAs` is null. */
async function ccOrg(options: { runAs?: string | null; secret?: string; clientId?: string; url?: string } = {}) {
  const { myDomainUrl, app } = await orgOf(PROD_ADMIN);
  await control.patchApp(app.clientId, { clientCredentialsUser: options.runAs === undefined ? PROD_ADMIN : options.runAs });
  const { org } = await core.orgs.add({
    alias: 'Integration',
    environment: 'custom',
    customUrl: options.url ?? myDomainUrl,
    auth: 'client-credentials',
    username: '',
    password: '',
    clientId: options.clientId ?? app.clientId,
    clientSecret: options.secret ?? app.clientSecret,
  });
  return { org, app, myDomainUrl };
}

const limitsWith = (instanceUrl: string, accessToken: string) => fetch(`${instanceUrl}/services/data/v64.0/limits`, { headers: { Authorization: `Bearer ${accessToken}` } });

describe('a client-credentials org', () => {
  it('tests as the app’s Run As user, learnt and kept as the org’s username', async () => {
    const { org, app } = await ccOrg();
    const outcome = await core.tester.test(org.id);
    expect(outcome).toMatchObject({ ok: true, via: 'client-credentials', facts: { userName: PROD_ADMIN } });
    expect(core.orgs.list()[0]).toMatchObject({ username: PROD_ADMIN, auth: 'client-credentials' });
    for (const { file, text } of readAllFiles(dir)) expect(text, file).not.toContain(app.clientSecret);
  });

  it.each([
    ['no Run As user (or the flow not enabled)', { runAs: null }, 'CC_FLOW_NOT_READY'],
    ['a wrong consumer secret', { secret: 'not-the-secret' }, 'OAUTH_INVALID_CLIENT'],
    ['an unknown consumer key', { clientId: '3MVG9NoSuchAppAnywhere000001' }, 'OAUTH_INVALID_CLIENT_ID'],
  ] as const)('diagnoses %s, and never counts it toward the lockout guard', async (_label, options, code) => {
    const { org } = await ccOrg(options);
    for (let i = 0; i < 3; i += 1) expect((await core.tester.test(org.id)).failure?.code).toBe(code);
    expect(core.orgs.list()[0]!.consecutiveFailures).toBe(0);
  });

  it('diagnoses the generic login host: Salesforce serves the grant only on the My Domain', async () => {
    const { org } = await ccOrg({ url: fake.org.loginUrl });
    const outcome = await core.tester.test(org.id);
    expect(outcome.failure).toMatchObject({ code: 'CC_WRONG_HOST', remedy: expect.stringContaining('My Domain URL') });
  });

  it('hands a fresh access token that works on the org’s REST API, and logs it nowhere', async () => {
    const { org, myDomainUrl } = await ccOrg();
    const answer = await core.accessTokens.issue(org.id);
    if (!answer.ok) throw new Error(`no session: ${answer.outcome.failure?.code}`);
    expect(answer.session).toMatchObject({ instanceUrl: myDomainUrl, userName: PROD_ADMIN, expiresAt: null });
    const response = await limitsWith(answer.session.instanceUrl, answer.session.accessToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('DailyApiRequests');
    for (const { file, text } of readAllFiles(dir)) expect(text, file).not.toContain(answer.session.accessToken);
  });
});

describe('a password org’s access token', () => {
  it('is a session of the password login, good on the REST API; a wrong password counts toward the guard', async () => {
    const creds = await credentials(control, SANDBOX_ADMIN);
    const { myDomainUrl } = await orgOf(SANDBOX_ADMIN);
    const { org } = await core.orgs.add({ alias: 'UAT', environment: 'custom', customUrl: myDomainUrl, username: SANDBOX_ADMIN, password: creds.password, token: creds.token });
    const answer = await core.accessTokens.issue(org.id);
    if (!answer.ok) throw new Error(`no session: ${answer.outcome.failure?.code}`);
    expect(answer.session.userName).toBe(SANDBOX_ADMIN);
    expect((await limitsWith(answer.session.instanceUrl, answer.session.accessToken)).status).toBe(200);

    await storeSecret(keytarSecretStore(service), org.id, 'password', 'wrong-password-1');
    expect(await core.accessTokens.issue(org.id)).toMatchObject({ ok: false, outcome: { failure: { code: 'INVALID_LOGIN' } } });
    expect(core.orgs.list()[0]!.consecutiveFailures).toBe(1);
  });
});

describe('switching a password org to client credentials', () => {
  it('keeps the password and token until a test proves the switch, then deletes them on request', async () => {
    const creds = await credentials(control, PROD_ADMIN);
    const { myDomainUrl, app } = await orgOf(PROD_ADMIN);
    const keychain = keytarSecretStore(service);
    const { org } = await core.orgs.add({ alias: 'Prod', environment: 'production', username: PROD_ADMIN, password: creds.password, token: creds.token });

    const switched = await core.orgs.update(org.id, { auth: 'client-credentials', environment: 'custom', customUrl: myDomainUrl, clientId: app.clientId, clientSecret: app.clientSecret });
    expect(switched.org.previousSecrets).toMatchObject({ auth: 'password', kinds: ['password', 'token'] });
    await expect(core.orgs.forgetPreviousSecrets(org.id)).rejects.toMatchObject({ appError: { code: 'SWITCH_NOT_PROVED' } });

    // The app has no Run As user yet: the test fails and proves nothing.
    expect((await core.tester.test(org.id)).failure?.code).toBe('CC_FLOW_NOT_READY');
    expect(core.orgs.list()[0]!.previousSecrets?.provedAt).toBeUndefined();
    await control.patchApp(app.clientId, { clientCredentialsUser: PROD_ADMIN });
    expect((await core.tester.test(org.id)).ok).toBe(true);
    expect(core.orgs.list()[0]!.previousSecrets?.provedAt).toBeDefined();
    expect(await storedSecret(keychain, org.id, 'password')).toBe(creds.password);

    const { org: forgotten } = await core.orgs.forgetPreviousSecrets(org.id);
    expect(forgotten.previousSecrets).toBeUndefined();
    expect(await storedSecret(keychain, org.id, 'password')).toBeNull();
    expect(await storedSecret(keychain, org.id, 'token')).toBeNull();
    expect((await core.tester.test(org.id)).ok).toBe(true);
  });
});

describe('a JWT org', () => {
  it('is refused until its certificate is in the app and the user pre-approved, then logs in and hands a token', async () => {
    const { app, myDomainUrl } = await orgOf(PROD_ADMIN);
    const { org } = await core.orgs.add({ alias: 'Nightly', environment: 'custom', customUrl: myDomainUrl, auth: 'jwt', username: PROD_ADMIN, password: '', clientId: app.clientId });
    expect((await core.tester.test(org.id)).failure?.code).toBe('JWT_INVALID_ASSERTION');
    const { current } = core.certificates.get(org.id);
    await control.patchApp(app.clientId, { certificate: current!.pem, preAuthorizedUsers: [] });
    expect((await core.tester.test(org.id)).failure?.code).toBe('JWT_USER_NOT_APPROVED');
    await control.patchApp(app.clientId, { preAuthorizedUsers: [PROD_ADMIN] });
    expect((await core.tester.test(org.id)).ok).toBe(true);
    const answer = await core.accessTokens.issue(org.id);
    if (!answer.ok) throw new Error(`no session: ${answer.outcome.failure?.code}`);
    expect((await limitsWith(answer.session.instanceUrl, answer.session.accessToken)).status).toBe(200);
    expect(core.orgs.list()[0]!.consecutiveFailures).toBe(0);
  });

  /** A JWT org of `username` whose certificate is in the app and the user pre-approved. */
  async function readyJwtOrg(username: string) {
    const { app, myDomainUrl } = await orgOf(username);
    const { org } = await core.orgs.add({ alias: 'Nightly', environment: 'custom', customUrl: myDomainUrl, auth: 'jwt', username, password: '', clientId: app.clientId });
    await control.patchApp(app.clientId, { certificate: core.certificates.get(org.id).current!.pem, preAuthorizedUsers: [username] });
    return org;
  }

  it('diagnoses a wrong audience: a sandbox whose host does not say so gets the production audience', async () => {
    const org = await readyJwtOrg(SANDBOX_ADMIN);
    const outcome = await core.tester.test(org.id);
    expect(outcome.failure).toMatchObject({ code: 'JWT_WRONG_AUDIENCE', remedy: expect.stringContaining('Sandbox') });
  });

  it('diagnoses clock skew: an assertion expired on arrival says to check the machine’s clock', async () => {
    const org = await readyJwtOrg(PROD_ADMIN);
    expect((await core.tester.test(org.id)).ok).toBe(true);
    await control.advanceClock(10);
    const outcome = await core.tester.test(org.id);
    expect(outcome.failure).toMatchObject({ code: 'JWT_EXPIRED', remedy: expect.stringContaining('machine’s clock') });
    expect(core.orgs.list()[0]!.consecutiveFailures).toBe(0);
  });
});
