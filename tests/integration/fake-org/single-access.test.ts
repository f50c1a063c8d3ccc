/**
 * The UI Bridge API: `/services/oauth2/singleaccess` trades an access token for a single-use
 * frontdoor URL that logs the browser in once, and only for a short time.
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { API_VERSION, PROD_ADMIN, useFakeOrg } from './support';

const fake = useFakeOrg();

async function accessToken(username = PROD_ADMIN): Promise<string> {
  const user = fake.user(username);
  const conn = new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION });
  await conn.login(username, user.password + user.token);
  return conn.accessToken ?? '';
}

async function singleAccess(token: string, how: 'GET' | 'POST', redirect?: string) {
  const query = how === 'GET' && redirect !== undefined ? `?redirect_uri=${encodeURIComponent(redirect)}` : '';
  const response = await fetch(`${fake.loginUrl}/services/oauth2/singleaccess${query}`, {
    method: how,
    headers: { Authorization: `Bearer ${token}`, ...(how === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
    ...(how === 'POST' && redirect !== undefined ? { body: new URLSearchParams({ redirect_uri: redirect }).toString() } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function page(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

describe('singleaccess', () => {
  it.each(['GET', 'POST'] as const)('answers a %s with a frontdoor_uri whose code logs in once', async (how) => {
    const { status, body } = await singleAccess(await accessToken(), how);
    expect(status).toBe(200);
    const uri = new URL(body.frontdoor_uri!);
    expect(`${uri.origin}${uri.pathname}`).toBe(`${fake.loginUrl}/secur/frontdoor.jsp`);
    expect(uri.searchParams.get('otp')).toMatch(/^00D\w{15}!/);
    expect(uri.searchParams.has('sid')).toBe(false);
    const first = await page(uri.toString());
    expect(first.status).toBe(200);
    expect(first.text).toContain(`(${PROD_ADMIN})`);
    const second = await page(uri.toString());
    expect(second.status).toBe(401);
    expect(second.text).not.toContain(PROD_ADMIN);
  });

  it('carries redirect_uri as startURL, and the frontdoor opens that page', async () => {
    const { body } = await singleAccess(await accessToken(), 'POST', '/lightning/setup/SetupOneHome/home');
    const uri = new URL(body.frontdoor_uri!);
    expect(uri.searchParams.get('startURL')).toBe('/lightning/setup/SetupOneHome/home');
    expect((await page(uri.toString())).text).toContain('Opened <code>/lightning/setup/SetupOneHome/home</code>');
  });

  it('refuses a redirect_uri that is not a path in the org', async () => {
    const { status } = await singleAccess(await accessToken(), 'GET', 'https://evil.example/');
    expect(status).toBe(400);
  });

  it('answers 403 to an unknown or logged-out token', async () => {
    expect((await singleAccess('00Dbogus!token', 'GET')).status).toBe(403);
    const token = await accessToken();
    await fetch(`${fake.loginUrl}/services/oauth2/revoke?token=${encodeURIComponent(token)}`);
    expect((await singleAccess(token, 'POST')).status).toBe(403);
  });

  it('lets a code expire unused after a short time', async () => {
    const { body } = await singleAccess(await accessToken(), 'GET');
    await fake.control.advanceClock(2);
    expect((await page(body.frontdoor_uri!)).status).toBe(401);
  });
});
