/**
 * Browser login and SOAP-login readiness in the core, on real parts: the OS keychain, a real
 * settings file, real jsforce, the loopback listener on a real port, and the fake org's authorize
 * pages walked by a minimal browser (tests/support/fake-browser.ts).
 */
import net from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { keytarSecretStore } from '../../electron/core/secrets/keytar-store';
import type { SignInStart } from '../../shared/domain';
import { useCoreSuite, type CoreSuite } from '../support/core';
import { fakeBrowser } from '../support/fake-browser';
import { credentials, PROD_ADMIN, type Control } from '../support/fake-org';
import { freePort } from '../support/ports';
import { storedSecret, storeSecret } from '../support/org-secrets';

let opened: string[];
const suite = useCoreSuite('browser-login', () => {
  opened = [];
  return { opener: { open: async (url) => void opened.push(url) } };
});
let fake: CoreSuite['fake'];
let control: Control;
let core: Core;
let service: string;
beforeEach(() => ({ fake, control, core, service } = suite));

/** The production org's External Client App, its callback set to a free port; a browser org using it. */
async function browserOrg(options: { requireSecret?: boolean; withSecret?: boolean } = {}) {
  const { orgId } = await credentials(control, PROD_ADMIN);
  const app = (await control.state()).orgs.find((org) => org.id === orgId)!.externalClientApps[0]!;
  const port = await freePort();
  await control.patchApp(app.clientId, { callbackUrls: [`http://localhost:${port}/oauth/callback`], requireSecret: !!options.requireSecret });
  const { org } = await core.orgs.add({
    alias: 'Acme browser',
    environment: 'custom',
    customUrl: fake.org.loginUrl,
    auth: 'browser',
    username: '',
    password: '',
    clientId: app.clientId,
    ...(options.withSecret ? { clientSecret: app.clientSecret } : {}),
    callbackPort: port,
  });
  return { id: org.id, app, orgId, port };
}

async function signIn(id: string, decision: 'Allow' | 'Deny' = 'Allow', started?: SignInStart) {
  const start = started ?? (await core.signIn.start(id));
  const { password } = await credentials(control, PROD_ADMIN);
  const page = await fakeBrowser().signIn(start.authorizeUrl, { username: PROD_ADMIN, password, decision });
  const result = await core.signIn.finish(id).then(
    (value) => ({ ok: true as const, value }),
    (error: { appError: { code: string } }) => ({ ok: false as const, code: error.appError.code }),
  );
  return { start, page, result };
}

const stored = (id: string) => storedSecret(keytarSecretStore(service), id, 'refreshToken');

describe('signing in with the browser', () => {
  it('opens the authorize page with PKCE and state, keeps only the refresh token, and tests with it (SOAP login off)', async () => {
    const { id, orgId, port } = await browserOrg();
    await control.patchOrg(orgId, { soapLoginEnabled: false });
    const { start, page, result } = await signIn(id);

    expect(opened).toEqual([start.authorizeUrl]);
    expect(start.callbackUrl).toBe(`http://localhost:${port}/oauth/callback`);
    const query = new URL(start.authorizeUrl).searchParams;
    expect(query.get('code_challenge_method')).toBe('S256');
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.redirectedTo).toContain(`state=${encodeURIComponent(query.get('state')!)}`);
    expect(page.status).toBe(200);

    expect(result).toMatchObject({ ok: true, value: { username: PROD_ADMIN } });
    const refreshToken = await stored(id);
    expect((await control.state()).refreshTokens.filter((token) => !token.revoked).map((token) => token.token)).toContain(refreshToken);
    const org = core.orgs.list()[0]!;
    expect(org).toMatchObject({ auth: 'browser', username: PROD_ADMIN });
    expect(org.signedInAt).toBeTruthy();

    const outcome = await core.tester.test(id);
    expect(outcome).toMatchObject({ ok: true, via: 'browser', usedToken: false, facts: { orgId } });
    expect(outcome.warnings).toEqual([]);
    // The test ended its own session but kept the grant.
    expect(await stored(id)).toBe(refreshToken);
    expect((await core.tester.test(id)).ok).toBe(true);
  });

  it('stores nothing when the admin presses Deny', async () => {
    const { id } = await browserOrg();
    const { result } = await signIn(id, 'Deny');
    expect(result).toEqual({ ok: false, code: 'SIGN_IN_DENIED' });
    expect(await stored(id)).toBeNull();
    expect(core.orgs.list()[0]!.signedInAt).toBeUndefined();
    const outcome = await core.tester.test(id);
    expect(outcome.failure?.code).toBe('NOT_SIGNED_IN');
    // Kept like any result, so the list shows it after a reload; no login was tried, so no lockout count.
    expect(core.orgs.list()[0]).toMatchObject({ lastTest: { ok: false, failure: { code: 'NOT_SIGNED_IN' } }, consecutiveFailures: 0 });
  });

  it('turns away a callback with another state (any page can send one), and the waiting sign-in still completes', async () => {
    const { id, port } = await browserOrg();
    const start = await core.signIn.start(id);
    const forged = new URL(start.callbackUrl);
    forged.search = new URLSearchParams({ code: 'stolen-code', state: 'not-ours' }).toString();
    const refused = await fetch(forged);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('OrgKey is still waiting');
    forged.search = new URLSearchParams({ error: 'access_denied' }).toString();
    expect((await fetch(forged)).status).toBe(400);

    const { page, result } = await signIn(id, 'Allow', start);
    expect(result).toMatchObject({ ok: true, value: { username: PROD_ADMIN } });
    expect(await stored(id)).toBeTruthy();
    // The right callback counts once: the port is closed, free for the next sign-in.
    await expect(fetch(page.redirectedTo!)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    const again = net.createServer();
    await new Promise<void>((resolve, reject) => again.once('error', reject).listen({ port, host: '127.0.0.1', exclusive: true }, resolve));
    await new Promise((resolve) => again.close(resolve));
  });

  it('a revoked or replayed grant makes the test say “sign in again”, without counting toward lockout', async () => {
    const { id } = await browserOrg();
    const { page } = await signIn(id);
    // Replaying the code: the fake org refuses it and revokes what it issued (RFC 6749 §4.1.2).
    const code = new URL(page.redirectedTo!).searchParams.get('code')!;
    const replay = await fetch(`${fake.org.loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: core.orgs.list()[0]!.clientId!, redirect_uri: page.redirectedTo!.split('?')[0]! }).toString(),
    });
    expect(replay.status).toBe(400);
    const outcome = await core.tester.test(id);
    expect(outcome.failure).toMatchObject({ code: 'OAUTH_SIGN_IN_AGAIN', remedy: 'Sign in again with the browser.' });
    expect(core.orgs.list()[0]!.consecutiveFailures).toBe(0);

    // Signing in again works and replaces the grant; an admin's revocation is the same story.
    expect((await signIn(id)).result.ok).toBe(true);
    expect((await core.tester.test(id)).ok).toBe(true);
    await control.revokeRefreshTokens(PROD_ADMIN);
    expect((await core.tester.test(id)).failure?.code).toBe('OAUTH_SIGN_IN_AGAIN');
  });

  it('signs out by revoking the refresh token at Salesforce, and removing an org does too', async () => {
    const { id } = await browserOrg();
    await signIn(id);
    const token = await stored(id);
    expect(await core.signIn.signOut(id)).toEqual({ revoked: true });
    expect(await stored(id)).toBeNull();
    expect((await control.state()).refreshTokens.find((entry) => entry.token === token)?.revoked).toBe(true);
    expect(core.orgs.list()[0]!.signedInAt).toBeUndefined();

    await signIn(id);
    const second = await stored(id);
    await core.orgs.remove(id);
    expect((await control.state()).refreshTokens.find((entry) => entry.token === second)?.revoked).toBe(true);
    expect(await stored(id)).toBeNull();
  });

  it('an app that requires its secret refuses the code without it, and signs in with it', async () => {
    const without = await browserOrg({ requireSecret: true });
    expect((await signIn(without.id)).result).toEqual({ ok: false, code: 'SIGN_IN_REJECTED' });
    await core.orgs.remove(without.id);
    const withSecret = await browserOrg({ requireSecret: true, withSecret: true });
    expect((await signIn(withSecret.id)).result.ok).toBe(true);
    expect((await core.tester.test(withSecret.id)).ok).toBe(true);
  });

  it('says the port is in use, and which, instead of waiting on a callback it can never get', async () => {
    const { id, port } = await browserOrg();
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      await expect(core.signIn.start(id)).rejects.toMatchObject({
        appError: { code: 'SIGN_IN_PORT_IN_USE', message: expect.stringContaining(`Another program holds port ${port}`), remedy: expect.stringContaining('Edit → Callback port') },
      });
      expect(opened).toEqual([]);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

describe('refresh tokens', () => {
  const live = async (clientId: string) => (await control.state()).refreshTokens.filter((entry) => entry.clientId === clientId && !entry.revoked).map((entry) => entry.token);

  it('with rotation, each test keeps the new token first: the spent one is refused, and the next test works', async () => {
    const { id, app } = await browserOrg();
    await signIn(id);
    const first = (await stored(id))!;
    await control.patchApp(app.clientId, { rotateRefreshTokens: true });

    expect((await core.tester.test(id)).ok).toBe(true);
    const second = (await stored(id))!;
    expect(second).not.toBe(first);
    expect(await live(app.clientId)).toEqual([second]);
    expect((await control.state()).refreshTokens.find((entry) => entry.token === first)).toMatchObject({ revoked: true, rotated: true });

    expect((await core.tester.test(id)).ok).toBe(true);
    const third = (await stored(id))!;
    expect(third).not.toBe(second);
    expect(await live(app.clientId)).toEqual([third]);

    // A spent token is refused — and, as after a crash between the answer and the keychain write,
    // presenting it again revokes the grant it was replaced by: the org then needs a new sign-in.
    await storeSecret(keytarSecretStore(service), id, 'refreshToken', second);
    const outcome = await core.tester.test(id);
    expect(outcome.failure?.code).toBe('OAUTH_SIGN_IN_AGAIN');
    expect(await live(app.clientId)).toEqual([]);
    expect((await signIn(id)).result.ok).toBe(true);
    expect((await core.tester.test(id)).ok).toBe(true);
  });

  it('with rotation, a refresh jsforce makes by itself mid-test (an expired session) keeps its new token too', async () => {
    const { id, app } = await browserOrg();
    await signIn(id);
    await control.patchApp(app.clientId, { rotateRefreshTokens: true });
    // The session from the test's own refresh meets a 401 on one read: jsforce refreshes again and retries.
    await control.injectFaults({ path: '/services/data/v64.0/limits', status: 401, count: 1 });
    expect((await core.tester.test(id)).ok).toBe(true);
    expect((await control.state()).faults).toEqual([]);
    const kept = await stored(id);
    expect(await live(app.clientId)).toEqual([kept]);
    expect((await control.state()).refreshTokens.filter((entry) => entry.clientId === app.clientId && entry.rotated)).toHaveLength(2);
    expect((await core.tester.test(id)).ok).toBe(true);
  });

  it('an app that requires its secret for the refresh token flow: the test says to give OrgKey the secret, and works with it', async () => {
    const { id, app } = await browserOrg();
    await signIn(id);
    await control.patchApp(app.clientId, { requireSecretForRefresh: true });
    const refused = await core.tester.test(id);
    expect(refused.failure).toMatchObject({
      code: 'OAUTH_SECRET_REQUIRED',
      message: expect.stringContaining('“Require secret for Refresh Token Flow”'),
      remedy: expect.stringMatching(/enter the app’s consumer secret, or turn off “Require secret for Refresh Token Flow”/),
    });
    expect(core.orgs.list()[0]!.consecutiveFailures).toBe(0);

    // The sign-in is kept: with the secret stored, the same refresh token works.
    await core.orgs.update(id, { clientSecret: app.clientSecret });
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(core.orgs.list()[0]!.signedInAt).toBeTruthy();
  });
});

describe('SOAP login() readiness', () => {
  it('records whether the org still allows SOAP login, from each password test', async () => {
    const creds = await credentials(control, PROD_ADMIN);
    const { org } = await core.orgs.add({ alias: 'Acme', environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password, token: creds.token });
    expect(core.orgs.list()[0]!.soapLogin).toBeUndefined();

    await control.patchOrg(creds.orgId, { soapLoginEnabled: false });
    const refused = await core.tester.test(org.id);
    expect(refused.failure?.code).toBe('SOAP_LOGIN_UNAVAILABLE');
    expect(refused.failure?.remedy).toContain('Browser login');
    expect(core.orgs.list()[0]!.soapLogin).toEqual({ allowed: false, at: refused.testedAt });

    await control.patchOrg(creds.orgId, { soapLoginEnabled: true });
    const worked = await core.tester.test(org.id);
    expect(core.orgs.list()[0]!.soapLogin).toEqual({ allowed: true, at: worked.testedAt });

    // A failure that says nothing about SOAP login leaves what was known.
    await control.setPassword(PROD_ADMIN, 'Changed-Pass-99');
    expect((await core.tester.test(org.id)).failure?.code).toBe('INVALID_LOGIN');
    expect(core.orgs.list()[0]!.soapLogin).toEqual({ allowed: true, at: worked.testedAt });
  });

  it('switching a password org to browser login keeps its password, and back again', async () => {
    const creds = await credentials(control, PROD_ADMIN);
    const { org } = await core.orgs.add({ alias: 'Acme', environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password, token: creds.token });
    const app = (await control.state()).orgs.find((o) => o.id === creds.orgId)!.externalClientApps[0]!;
    const port = await freePort();
    await control.patchApp(app.clientId, { callbackUrls: [`http://localhost:${port}/oauth/callback`] });
    const switched = await core.orgs.update(org.id, { auth: 'browser', clientId: app.clientId, callbackPort: port });
    expect(switched.org).toMatchObject({ auth: 'browser', clientId: app.clientId, callbackPort: port });
    expect((await signIn(org.id)).result.ok).toBe(true);
    const token = await stored(org.id);

    const back = await core.orgs.update(org.id, { auth: 'password', clientId: '' });
    expect(back.org.auth).toBe('password');
    expect(back.org.signedInAt).toBeUndefined();
    // The sign-in stays (unrevoked) until a password test proves the switch back; then it may go.
    expect(await stored(org.id)).toBe(token);
    expect((await control.state()).refreshTokens.find((entry) => entry.token === token)?.revoked).toBe(false);
    expect((await core.tester.test(org.id)).ok).toBe(true);
    await core.orgs.forgetPreviousSecrets(org.id);
    expect(await stored(org.id)).toBeNull();
    expect((await control.state()).refreshTokens.find((entry) => entry.token === token)?.revoked).toBe(true);
  });
});
