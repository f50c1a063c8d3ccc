/**
 * Opening an org in the browser on real parts: a login with real jsforce and the keychain, the fake
 * org's single-use frontdoor URL handed to a recording opener, and that URL used as a browser would.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { allowListedOpener } from '../../electron/core/external-opener';
import type { OrgKeyError } from '../../electron/core/errors';
import { useCoreSuite, type CoreSuite } from '../support/core';
import { credentials, PROD_ADMIN, type Control } from '../support/fake-org';

const opened: string[] = [];
// The core's own allow-list in front of a recorder: the single-use URL must pass the host check.
const suite = useCoreSuite('open', () => {
  opened.length = 0;
  return { opener: allowListedOpener(async (url) => void opened.push(url)) };
});
let fake: CoreSuite['fake'];
let control: Control;
let core: Core;
beforeEach(() => ({ fake, control, core } = suite));

async function addProdOrg() {
  const creds = await credentials(control, PROD_ADMIN);
  const { org } = await core.orgs.add({ alias: 'Prod', environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password, token: creds.token });
  return org.id;
}

const visit = async (url: string) => {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, text: await response.text() };
};

describe('Open in browser', () => {
  it('opens a single-use frontdoor URL that logs the browser in once, never a session id', async () => {
    const id = await addProdOrg();
    expect(await core.browser.open(id)).toEqual({ ok: true, kind: 'single-use' });
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]!);
    expect(url.pathname).toBe('/secur/frontdoor.jsp');
    expect(url.searchParams.has('otp')).toBe(true);
    expect(url.searchParams.has('sid')).toBe(false);
    const first = await visit(url.toString());
    expect(first.status).toBe(200);
    expect(first.text).toContain(`(${PROD_ADMIN})`);
    expect((await visit(url.toString())).status).toBe(401);
    // One login, counted like any other.
    expect(await control.loginHistory(PROD_ADMIN)).toHaveLength(1);
  });

  it('lands on the path asked for', async () => {
    const id = await addProdOrg();
    const found = await core.browser.address(id, { path: '/lightning/setup/SetupOneHome/home' });
    expect(found).toMatchObject({ ok: true, kind: 'single-use' });
    const url = (found as { url: string }).url;
    expect(new URL(url).searchParams.get('startURL')).toBe('/lightning/setup/SetupOneHome/home');
    expect((await visit(url)).text).toContain('Opened <code>/lightning/setup/SetupOneHome/home</code>');
    expect(opened).toEqual([]);
  });

  it('refuses a path that is not one, before logging in', async () => {
    const id = await addProdOrg();
    const error = (await core.browser.open(id, { path: 'lightning/setup' }).catch((e: unknown) => e)) as OrgKeyError;
    expect(error.appError).toMatchObject({ code: 'INVALID_INPUT', field: 'path', message: expect.stringContaining('starts with /') });
    expect(await control.loginHistory(PROD_ADMIN)).toHaveLength(0);
  });

  it('opens the org’s login page and says why when Salesforce gives no single-use URL', async () => {
    const id = await addProdOrg();
    await control.injectFaults({ path: '/services/oauth2/singleaccess', status: 403, count: 1 });
    const answer = await core.browser.open(id, { path: '/lightning/setup/SetupOneHome/home' });
    expect(answer).toMatchObject({ ok: true, kind: 'login-page', reason: expect.stringContaining('HTTP 403') });
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]!);
    expect(url.origin).toBe(new URL(fake.org.loginUrl).origin);
    expect(url.searchParams.get('startURL')).toBe('/lightning/setup/SetupOneHome/home');
    expect(url.searchParams.has('otp') || url.searchParams.has('sid')).toBe(false);
  });

  it('stops at the lockout guard after failed logins, and goes on with confirmRetry', async () => {
    const id = await addProdOrg();
    await control.setPassword(PROD_ADMIN, 'Changed-Elsewhere-2027');
    expect((await core.browser.open(id)).ok).toBe(false);
    expect((await core.browser.open(id)).ok).toBe(false);
    const error = (await core.browser.open(id).catch((e: unknown) => e)) as OrgKeyError;
    expect(error.appError.code).toBe('LOCKOUT_GUARD');
    expect(await control.loginHistory(PROD_ADMIN)).toHaveLength(2);
    expect(await core.browser.open(id, { confirmRetry: true })).toMatchObject({ ok: false, outcome: { failure: { code: expect.any(String) } } });
    expect(await control.loginHistory(PROD_ADMIN)).toHaveLength(3);
    expect(opened).toEqual([]);
  });
});
