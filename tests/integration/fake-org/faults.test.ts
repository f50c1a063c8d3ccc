/**
 * Fault injection: each kind (latency, status, malformed / HTML / empty body, dropped connection)
 * as a client meets it, scoped by path and count. Latency is measured, never slept for.
 */
import jsforce from 'jsforce';
import { describe, expect, it, vi } from 'vitest';
import { fakeOrgControl, startFakeOrg } from '../../../e2e/fake-org';
import { API_VERSION, PROD_ADMIN, jsforceLoginEnvelope, postSoap, rejection, useFakeOrg } from './support';

const fake = useFakeOrg();
const SOAP_PATH = `/services/Soap/u/${API_VERSION}`;

function soapLogin() {
  const admin = fake.user(PROD_ADMIN);
  return new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login(PROD_ADMIN, admin.password + admin.token);
}

function oauthLogin() {
  const admin = fake.user(PROD_ADMIN);
  const app = fake.org.state.snapshot().orgs.find((org) => org.id === admin.orgId)?.connectedApp;
  const conn = new jsforce.Connection({ oauth2: { loginUrl: fake.loginUrl, clientId: app?.clientId, clientSecret: app?.clientSecret }, version: API_VERSION });
  return conn.login(PROD_ADMIN, admin.password + admin.token);
}

describe('fault injection', () => {
  it('delays a response by latencyMs and then answers normally', async () => {
    await fake.control.injectFaults({ path: SOAP_PATH, count: 1, latencyMs: 300 });
    const started = performance.now();
    await expect(soapLogin()).resolves.toBeTruthy();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers with a status and an empty body', async () => {
    await fake.control.injectFaults({ path: SOAP_PATH, count: 1, status: 503 });
    const admin = fake.user(PROD_ADMIN);
    const response = await postSoap(`${fake.loginUrl}${SOAP_PATH}`, jsforceLoginEnvelope(PROD_ADMIN, admin.password + admin.token));
    expect([response.status, response.text]).toEqual([503, '']);
  });

  it('serves a truncated SOAP body that jsforce cannot read a session from', async () => {
    await fake.control.injectFaults({ path: SOAP_PATH, count: 1, body: 'malformed' });
    expect((await rejection(soapLogin())).message).toBe('could not extract session information from login response');
  });

  it('serves truncated JSON on OAuth, which jsforce reports as ERROR_HTTP_<status>', async () => {
    await fake.control.injectFaults({ path: '/services/oauth2/token', count: 1, status: 500, body: 'malformed' });
    const error = await rejection(oauthLogin());
    expect([error.name, error.message]).toEqual(['ERROR_HTTP_500', '{"access_token":"00D']);
  });

  it('serves an HTML page instead of the API', async () => {
    await fake.control.injectFaults({ path: SOAP_PATH, count: 1, status: 503, body: 'html' });
    const error = await rejection(soapLogin());
    expect(error.message).toMatch(/^<!DOCTYPE html>.*Service Unavailable/);
  });

  it('serves an empty 200 that jsforce cannot read a session from', async () => {
    await fake.control.injectFaults({ path: SOAP_PATH, count: 1, body: 'empty' });
    expect((await rejection(soapLogin())).message).toBe('could not extract session information from login response');
  });

  it('refuses a REST request as Salesforce refuses a session it does not accept', async () => {
    await fake.control.injectFaults({ path: '/services/data/v64.0/limits', count: 1, body: 'invalid-session' });
    const response = await fetch(`${fake.loginUrl}/services/data/v64.0/limits`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('drops the connection without an answer', async () => {
    await fake.control.injectFaults({ path: SOAP_PATH, count: 1, drop: true });
    await expect(soapLogin()).rejects.toThrow();
  });

  it('misbehaves exactly count times, and only under its path', async () => {
    const faults = await fake.control.injectFaults({ path: '/services/oauth2/token', count: 2, status: 500, body: 'malformed' });
    expect(faults).toEqual([{ path: '/services/oauth2/token', remaining: 2, latencyMs: 0, status: 500, body: 'malformed', drop: false }]);
    await expect(soapLogin()).resolves.toBeTruthy();
    await rejection(oauthLogin());
    expect((await fake.control.state()).faults).toMatchObject([{ remaining: 1 }]);
    await rejection(oauthLogin());
    await expect(oauthLogin()).resolves.toBeTruthy();
    expect((await fake.control.state()).faults).toEqual([]);
  });

  it('applies a fault without a path to any request, but never to the control API', async () => {
    await fake.control.injectFaults({ count: 1, drop: true });
    await expect(fake.control.state()).resolves.toMatchObject({ faults: [{ path: null }] });
    await expect(soapLogin()).rejects.toThrow();
  });

  it('lets close() finish while a request is held by injected latency', async () => {
    const held = await startFakeOrg();
    await fakeOrgControl(held.loginUrl).injectFaults({ count: 1, latencyMs: 60_000 });
    const pending = fetch(`${held.loginUrl}/services/data/`);
    // The fault is consumed when the server receives the request: wait for that, not for time.
    await vi.waitFor(async () => expect((await fakeOrgControl(held.loginUrl).state()).faults).toEqual([]));
    await held.close();
    await expect(pending).rejects.toThrow();
  });
});

describe('a distant network (startFakeOrg latencyMs) and the request counter', () => {
  it('delays every Salesforce request and counts them, not control API calls', async () => {
    const slow = await startFakeOrg({ latencyMs: 250 });
    try {
      const control = fakeOrgControl(slow.loginUrl);
      const admin = slow.state.user(PROD_ADMIN);
      await control.state();
      expect(slow.requests()).toBe(0);

      const conn = new jsforce.Connection({ loginUrl: slow.loginUrl, version: API_VERSION });
      const loginStarted = performance.now();
      await conn.login(PROD_ADMIN, admin.password + admin.token);
      expect(performance.now() - loginStarted).toBeGreaterThanOrEqual(240);
      await conn.identity();
      expect(slow.requests()).toBe(2);
    } finally {
      await slow.close();
    }
  });
});
