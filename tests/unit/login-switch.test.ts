/**
 * Client-credentials and JWT orgs above the gateway: what adding one asks for, switching any login
 * method to any other with the old secrets kept until a test proves the new one, forgetting them,
 * access tokens for tools, and the words of each grant's failures. A scripted gateway answers in the
 * port's own types; the wire answers meet real jsforce and the fake org in the integration tests.
 */
import { describe, expect, it } from 'vitest';
import { MY_DOMAIN_REASON } from '../../shared/login-methods';
import type { OrgDraft } from '../../shared/api';
import { PASSWORD, rejection, scriptedCore, START, TOKEN, USERNAME } from '../support/scripted-core';
import { fails, succeeds, type Script } from '../support/scripted-gateway';
import { storedSecret, storeSecret } from '../support/org-secrets';

const KEY = '3MVG9ClientCredentialsKey00001';
const OTHER_KEY = '3MVG9BrowserLoginKey000000001';
const SECRET = 'cc-consumer-secret-1234';
const MY_DOMAIN = 'https://acme.my.salesforce.com';
const RUN_AS = 'integration@acme.com';

const ccDraft = (overrides: Partial<OrgDraft> = {}): Partial<OrgDraft> => ({
  auth: 'client-credentials',
  environment: 'custom',
  customUrl: MY_DOMAIN,
  username: '',
  password: '',
  token: '',
  clientId: KEY,
  clientSecret: SECRET,
  ...overrides,
});

/** A core with one client-credentials org in it. */
const ccCore = (answers: Script[] = [], overrides: Partial<OrgDraft> = {}) => scriptedCore(answers, { org: ccDraft(overrides) });

describe('adding a client-credentials org', () => {
  it('keeps the consumer secret in the keychain only, no username, and learns the run-as user from a test', async () => {
    const { core, id, secrets, settings, gateway, record } = await ccCore([succeeds({ userName: RUN_AS, via: 'client-credentials' })]);
    expect(record()).toMatchObject({ auth: 'client-credentials', username: '', clientId: KEY, loginUrl: MY_DOMAIN, hasToken: false });
    expect(await storedSecret(secrets, id, 'clientSecret')).toBe(SECRET);
    expect(JSON.stringify(settings.doc)).not.toContain(SECRET);
    const outcome = await core.tester.test(id);
    expect(gateway.checks[0]).toMatchObject({ loginUrl: MY_DOMAIN, clientCredentials: { clientId: KEY, clientSecret: SECRET } });
    expect(outcome).toMatchObject({ ok: true, via: 'client-credentials' });
    expect(record().username).toBe(RUN_AS);
  });

  it('needs a My Domain URL and says why, next to the environment or the URL typed', async () => {
    const { core } = await scriptedCore();
    const production = await rejection(core.orgs.add({ alias: 'CC', ...ccDraft({ environment: 'production' }) } as OrgDraft));
    expect(production.appError).toMatchObject({ code: 'INVALID_INPUT', field: 'environment' });
    expect(production.appError.message).toContain(MY_DOMAIN_REASON);
    const generic = await rejection(core.orgs.add({ alias: 'CC', ...ccDraft({ customUrl: 'https://test.salesforce.com' }) } as OrgDraft));
    expect(generic.appError).toMatchObject({ field: 'customUrl' });
    expect(generic.appError.message).toContain('request not supported on this domain');
    expect(core.orgs.list().map((org) => org.alias)).toEqual(['Prod']);
  });

  it('needs the key and its secret, and refuses a username, password or token it would never use', async () => {
    const { core } = await scriptedCore();
    const add = (overrides: Partial<OrgDraft>) => rejection(core.orgs.add({ alias: 'CC', ...ccDraft(overrides) } as OrgDraft));
    expect((await add({ clientId: '' })).appError.field).toBe('clientId');
    expect((await add({ clientSecret: '' })).appError.field).toBe('clientSecret');
    expect((await add({ username: 'someone@acme.com' })).appError).toMatchObject({ field: 'username', message: expect.stringContaining('run-as user') });
    expect((await add({ password: 'typed by mistake' })).appError.field).toBe('password');
    expect((await add({ token: TOKEN })).appError.field).toBe('token');
  });
});

describe('adding a JWT org', () => {
  it('makes a key pair: the key in the keychain, the certificate’s metadata in the record', async () => {
    const { core, secrets, settings, keysMade } = await scriptedCore();
    const { org } = await core.orgs.add({ alias: 'JWT', environment: 'production', auth: 'jwt', username: USERNAME, password: '', clientId: KEY });
    expect(keysMade).toEqual([org.id]);
    expect(org).toMatchObject({ auth: 'jwt', username: USERNAME, clientId: KEY, certificate: { subject: 'CN=OrgKey JWT' } });
    const key = await storedSecret(secrets, org.id, 'privateKey');
    expect(key).toContain('PRIVATE KEY');
    expect(JSON.stringify(settings.doc)).not.toContain(key!.split('\n')[1]!);
  });

  it('needs a username and a key, and no password or consumer secret', async () => {
    const { core, keysMade } = await scriptedCore();
    const add = (overrides: Partial<OrgDraft>) => rejection(core.orgs.add({ alias: 'JWT', environment: 'production', auth: 'jwt', username: USERNAME, password: '', clientId: KEY, ...overrides }));
    expect((await add({ username: '' })).appError.field).toBe('username');
    expect((await add({ clientId: '' })).appError.field).toBe('clientId');
    expect((await add({ password: PASSWORD })).appError.field).toBe('password');
    expect((await add({ clientSecret: SECRET })).appError.field).toBe('clientSecret');
    expect(keysMade).toEqual([]);
  });
});

describe('switching how an org logs in', () => {
  const prove = (record: () => { previousSecrets?: { provedAt?: string } }) => record().previousSecrets?.provedAt;

  it('password → client credentials: the password and token stay until a test proves the switch, then can be deleted', async () => {
    const { core, id, secrets, record } = await scriptedCore([fails('CC_FLOW_NOT_READY'), succeeds({ userName: RUN_AS, via: 'client-credentials' })]);
    const { org } = await core.orgs.update(id, { auth: 'client-credentials', environment: 'custom', customUrl: MY_DOMAIN, clientId: KEY, clientSecret: SECRET });
    expect(org).toMatchObject({ auth: 'client-credentials', username: '', previousSecrets: { auth: 'password', kinds: ['password', 'token'], since: START.toISOString(), username: USERNAME } });
    expect((await rejection(core.orgs.forgetPreviousSecrets(id))).appError.code).toBe('SWITCH_NOT_PROVED');

    // A failed test proves nothing; the next, working one does.
    expect((await core.tester.test(id)).ok).toBe(false);
    expect(prove(record)).toBeUndefined();
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(prove(record)).toBe(START.toISOString());
    expect(await storedSecret(secrets, id, 'password')).toBe(PASSWORD);

    const { org: forgotten } = await core.orgs.forgetPreviousSecrets(id);
    expect(forgotten.previousSecrets).toBeUndefined();
    expect(await storedSecret(secrets, id, 'password')).toBeNull();
    expect(await storedSecret(secrets, id, 'token')).toBeNull();
    expect(await storedSecret(secrets, id, 'clientSecret')).toBe(SECRET);
  });

  it('password → client credentials needs the My Domain and the secret, and a refused switch changes nothing', async () => {
    const { core, id, record } = await scriptedCore();
    const before = JSON.stringify(record());
    expect((await rejection(core.orgs.update(id, { auth: 'client-credentials', clientId: KEY, clientSecret: SECRET }))).appError.field).toBe('environment');
    expect((await rejection(core.orgs.update(id, { auth: 'client-credentials', environment: 'custom', customUrl: MY_DOMAIN, clientId: KEY }))).appError.field).toBe('clientSecret');
    expect(JSON.stringify(record())).toBe(before);
  });

  it('password → JWT makes a key, and switching back reuses the kept password without a new key', async () => {
    const { core, id, secrets, keysMade, record } = await scriptedCore([succeeds({ via: 'jwt' })]);
    const { org } = await core.orgs.update(id, { auth: 'jwt', clientId: KEY });
    expect(keysMade).toEqual([id]);
    expect(org).toMatchObject({ auth: 'jwt', username: USERNAME, certificate: { fingerprint: 'AB:CD:1' }, previousSecrets: { auth: 'password', kinds: ['password', 'token'] } });
    await core.tester.test(id);
    expect(prove(record)).toBe(START.toISOString());

    const back = await core.orgs.update(id, { auth: 'password' });
    expect(back.org).toMatchObject({ auth: 'password', username: USERNAME, previousSecrets: { auth: 'jwt', kinds: ['privateKey'] } });
    expect(back.org.clientId).toBeUndefined();
    expect(await storedSecret(secrets, id, 'password')).toBe(PASSWORD);
    // And to JWT again: the kept key serves, no new one is made.
    await core.orgs.update(id, { auth: 'jwt', clientId: KEY });
    expect(keysMade).toEqual([id]);
  });

  it('JWT → password takes the password kept from before, and keeps the key until the password is proved', async () => {
    const { core, id, secrets, record } = await scriptedCore([succeeds()]);
    await core.orgs.update(id, { auth: 'jwt', clientId: KEY });
    await core.orgs.update(id, { auth: 'password' });
    expect(record().previousSecrets).toMatchObject({ auth: 'jwt', kinds: ['privateKey'], clientId: KEY });
    expect((await rejection(core.orgs.forgetPreviousSecrets(id))).appError.code).toBe('SWITCH_NOT_PROVED');
    await core.tester.test(id);
    await core.orgs.forgetPreviousSecrets(id);
    expect(await storedSecret(secrets, id, 'privateKey')).toBeNull();
    expect(await storedSecret(secrets, id, 'password')).toBe(PASSWORD);
  });

  it('a JWT org never added with a password cannot switch to one', async () => {
    const { core, id } = await scriptedCore([], { org: { auth: 'jwt', username: USERNAME, password: '', token: '', clientId: KEY } });
    expect((await rejection(core.orgs.update(id, { auth: 'password' }))).appError.field).toBe('auth');
  });

  it('browser → client credentials keeps the sign-in unrevoked until forgotten, then revokes it at Salesforce first', async () => {
    const { core, id, secrets, gateway, settings } = await scriptedCore([succeeds({ via: 'client-credentials', userName: RUN_AS })], {
      org: { auth: 'browser', username: '', password: '', token: '', clientId: OTHER_KEY, environment: 'custom', customUrl: MY_DOMAIN },
    });
    await storeSecret(secrets, id, 'refreshToken', 'refresh-token-of-the-sign-in');
    settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, signedInAt: START.toISOString(), username: USERNAME })) }));

    const { org } = await core.orgs.update(id, { auth: 'client-credentials', clientId: KEY, clientSecret: SECRET });
    expect(org.signedInAt).toBeUndefined();
    expect(org.previousSecrets).toMatchObject({ auth: 'browser', kinds: ['refreshToken'], clientId: OTHER_KEY, signedInAt: START.toISOString() });
    expect(gateway.revocations).toEqual([]);
    expect(await storedSecret(secrets, id, 'refreshToken')).toBe('refresh-token-of-the-sign-in');

    await core.tester.test(id);
    await core.orgs.forgetPreviousSecrets(id);
    expect(gateway.revocations).toEqual([{ loginUrl: MY_DOMAIN, clientId: OTHER_KEY, token: 'refresh-token-of-the-sign-in' }]);
    expect(await storedSecret(secrets, id, 'refreshToken')).toBeNull();
  });

  it('browser → client credentials → browser again through the same app is signed in again with the kept sign-in', async () => {
    const { core, id, secrets, gateway, settings } = await scriptedCore([], {
      org: { auth: 'browser', username: '', password: '', token: '', clientId: OTHER_KEY, environment: 'custom', customUrl: MY_DOMAIN },
    });
    await storeSecret(secrets, id, 'refreshToken', 'kept-refresh-token');
    settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, signedInAt: START.toISOString() })) }));
    await core.orgs.update(id, { auth: 'client-credentials', clientId: KEY, clientSecret: SECRET });
    const back = await core.orgs.update(id, { auth: 'browser' });
    expect(back.org).toMatchObject({ auth: 'browser', clientId: OTHER_KEY, signedInAt: START.toISOString() });
    expect(gateway.revocations).toEqual([]);
  });

  it('client credentials → browser keeps the app when no other key is given, and the secret that app may require', async () => {
    const { core, id, secrets } = await ccCore();
    const { org } = await core.orgs.update(id, { auth: 'browser' });
    expect(org).toMatchObject({ auth: 'browser', clientId: KEY, callbackPort: 18717 });
    expect(org.signedInAt).toBeUndefined();
    // The same External Client App's secret: browser login sends it, so it is the new method's too.
    expect(org.previousSecrets).toBeUndefined();
    expect(await storedSecret(secrets, id, 'clientSecret')).toBe(SECRET);
  });

  it('client credentials → browser through another app: the old app’s secret is deleted, never sent to the new one', async () => {
    const { core, id, secrets } = await ccCore();
    await core.orgs.update(id, { auth: 'browser', clientId: OTHER_KEY });
    expect(await storedSecret(secrets, id, 'clientSecret')).toBeNull();
  });
});

describe('access tokens for tools', () => {
  it('log in with the org’s method and hand the session over; nothing of it is stored', async () => {
    const { core, id, settings, gateway, record } = await ccCore([succeeds({ via: 'client-credentials', userName: RUN_AS, instanceUrl: MY_DOMAIN })]);
    const answer = await core.accessTokens.issue(id);
    expect(answer).toMatchObject({ ok: true, session: { instanceUrl: MY_DOMAIN, userName: RUN_AS, expiresAt: null, via: 'client-credentials' } });
    expect(gateway.checks[0]).toMatchObject({ clientCredentials: { clientId: KEY } });
    const token = answer.ok ? answer.session.accessToken : '';
    expect(JSON.stringify(settings.doc)).not.toContain(token);
    expect(record().lastTest).toBeUndefined();
    expect(settings.doc.loginAttempts).toEqual([]);
  });

  it('go through the lockout guard for a password org: a refused password counts, and the guard then holds', async () => {
    const { core, id, record } = await scriptedCore([fails('INVALID_LOGIN'), fails('INVALID_LOGIN')]);
    expect(await core.accessTokens.issue(id)).toMatchObject({ ok: false, outcome: { failure: { code: 'INVALID_LOGIN' } } });
    await core.accessTokens.issue(id);
    expect(record().consecutiveFailures).toBe(2);
    expect((await rejection(core.accessTokens.issue(id))).appError.code).toBe('LOCKOUT_GUARD');
  });

  it('never count a client-credentials refusal toward the lockout guard', async () => {
    const { core, id, record } = await ccCore([fails('OAUTH_INVALID_CLIENT'), fails('OAUTH_INVALID_CLIENT'), fails('OAUTH_INVALID_CLIENT')]);
    for (let i = 0; i < 3; i += 1) expect((await core.accessTokens.issue(id)).ok).toBe(false);
    expect(record().consecutiveFailures).toBe(0);
  });

  it('are copied to the clipboard in the main process, and a refused login says why', async () => {
    const { settings, secrets } = await scriptedCore();
    const board = { text: '' };
    const { createCore } = await import('../../electron/core');
    const { scriptedGateway } = await import('../support/scripted-gateway');
    const gateway = scriptedGateway([succeeds({ via: 'soap' }), fails('INVALID_LOGIN')]);
    const core = createCore(
      { settings, secrets, clock: { now: () => START }, salesforce: gateway, clipboard: { writeSecret: async (t) => void (board.text = t), readText: async () => board.text, clear: async () => void (board.text = '') } },
      { host: 'browser', version: 'test' },
    );
    const id = settings.doc.orgs[0]!.id;
    const state = await core.clipboard.copy(id, 'accessToken');
    expect(state).toMatchObject({ orgId: id, what: 'accessToken' });
    expect(JSON.stringify(state)).not.toContain(board.text);
    expect(board.text).toMatch(/scripted-session/);
    const refused = await rejection(core.clipboard.copy(id, 'accessToken'));
    expect(refused.appError).toMatchObject({ code: 'LOGIN_FAILED', details: ['INVALID_LOGIN'] });
    expect(board.text).toMatch(/scripted-session/);
  });
});

describe('the words of a client-credentials or JWT failure', () => {
  const failing = async (via: 'client-credentials' | 'jwt', answer: Script) => {
    const org: Partial<OrgDraft> = via === 'jwt' ? { auth: 'jwt', username: USERNAME, password: '', token: '', clientId: KEY } : ccDraft();
    const { core, id, record } = await scriptedCore([answer], { org });
    const outcome = await core.tester.test(id);
    expect(record().consecutiveFailures).toBe(0);
    return outcome.failure!;
  };

  it.each([
    ['client-credentials', 'no client credentials user enabled', 'CC_FLOW_NOT_READY', /Run As/],
    ['client-credentials', 'request not supported on this domain', 'CC_WRONG_HOST', /My Domain/],
    ['jwt', 'invalid assertion', 'JWT_INVALID_ASSERTION', /certificate/],
    ['jwt', 'audience is invalid', 'JWT_WRONG_AUDIENCE', /test\.salesforce\.com/],
    ['jwt', 'expired authorization code', 'JWT_EXPIRED', /clock/],
  ] as const)('%s: “%s” is %s, and counts toward no lockout', async (via, description, code, words) => {
    const failure = await failing(via, fails('OAUTH_INVALID_GRANT', { description }));
    expect(failure.code).toBe(code);
    expect(`${failure.message} ${failure.remedy}`).toMatch(words);
  });

  it('CC_FLOW_NOT_READY names both checks: the flow enabled and a Run As user', async () => {
    const failure = await failing('client-credentials', fails('OAUTH_INVALID_GRANT', { description: 'no client credentials user enabled' }));
    expect(failure.remedy).toContain('Enable Client Credentials Flow');
    expect(failure.remedy).toContain('Run As (Username)');
  });

  it('a JWT user not pre-approved is told so; a wrong secret or unknown key keeps its code; no answer blames a password', async () => {
    expect((await failing('jwt', fails('OAUTH_USER_NOT_APPROVED'))).code).toBe('JWT_USER_NOT_APPROVED');
    expect((await failing('client-credentials', fails('OAUTH_INVALID_CLIENT'))).code).toBe('OAUTH_INVALID_CLIENT');
    expect((await failing('jwt', fails('OAUTH_INVALID_CLIENT_ID'))).code).toBe('OAUTH_INVALID_CLIENT_ID');
    const other = await failing('client-credentials', fails('OAUTH_INVALID_GRANT'));
    expect(other.code).toBe('OAUTH_ERROR');
    expect(`${other.message} ${other.remedy} ${other.hints.join(' ')}`).not.toMatch(/password/i);
  });
});
