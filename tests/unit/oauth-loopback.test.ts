/**
 * The browser sign-in's loopback listener and PKCE values, over real sockets on 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { authorizeUrlFor } from '../../electron/core/oauth/browser-login';
import { listenForCallback } from '../../electron/core/oauth/loopback';
import { challengeOf, newPkce, newState } from '../../electron/core/oauth/pkce';
import type { OrgRecord } from '../../electron/core/settings/schema';
import { ERROR_CATALOG } from '../../shared/errors';
import { freePort } from '../support/ports';

const STATE = 'state-123';


async function listen(timeoutMs = 10_000) {
  return listenForCallback({ port: await freePort(), state: STATE, timeoutMs });
}

/** The callback as a browser sends it, to 127.0.0.1 (what `localhost` resolves to here). */
async function callback(redirectUri: string, query: Record<string, string>, path = '/oauth/callback') {
  const url = new URL(redirectUri);
  url.hostname = '127.0.0.1';
  url.pathname = path;
  url.search = new URLSearchParams(query).toString();
  const response = await fetch(url);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function settled(promise: Promise<string>): Promise<{ code?: string; error?: string; details?: string[] | undefined }> {
  return promise.then(
    (code) => ({ code }),
    (error: { appError?: { code: string; details?: string[] } }) => ({ error: error.appError?.code, details: error.appError?.details }),
  );
}

describe('the loopback callback listener', () => {
  it('takes the code from the one callback with the right state, answers a page that loads nothing, then closes', async () => {
    const listener = await listen();
    expect(listener.redirectUri).toMatch(/^http:\/\/localhost:\d+\/oauth\/callback$/);
    const answer = await callback(listener.redirectUri, { code: 'aPrx-code', state: STATE });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('return to OrgKey');
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await settled(listener.code)).toEqual({ code: 'aPrx-code' });
    // Exactly one callback: the port no longer answers.
    await expect(callback(listener.redirectUri, { code: 'again', state: STATE })).rejects.toThrow();
  });

  it('answers other paths with 404 and other methods with 405, and keeps waiting', async () => {
    const listener = await listen();
    expect((await callback(listener.redirectUri, {}, '/favicon.ico')).status).toBe(404);
    const url = new URL(listener.redirectUri);
    url.hostname = '127.0.0.1';
    url.search = new URLSearchParams({ code: 'posted', state: STATE }).toString();
    const posted = await fetch(url, { method: 'POST' });
    expect([posted.status, posted.headers.get('allow')]).toEqual([405, 'GET']);
    await callback(listener.redirectUri, { code: 'later', state: STATE });
    expect(await settled(listener.code)).toEqual({ code: 'later' });
  });

  it('turns away callbacks with another state or none with an error page, and keeps waiting for the right one', async () => {
    let refused = 0;
    const listener = await listenForCallback({ port: await freePort(), state: STATE, timeoutMs: 10_000, onRefused: () => (refused += 1) });
    // Any web page can request the loopback address: none of these may end the sign-in.
    const strays: Array<Record<string, string>> = [{ code: 'stolen', state: 'forged' }, { code: 'x' }, { error: 'access_denied', state: 'forged' }, { state: '' }];
    for (const query of strays) {
      const answer = await callback(listener.redirectUri, query);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('OrgKey is still waiting');
      expect(answer.text).not.toContain('stolen');
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'");
    }
    expect(refused).toBe(4);
    const answer = await callback(listener.redirectUri, { code: 'the-real-one', state: STATE });
    expect(answer.status).toBe(200);
    expect(await settled(listener.code)).toEqual({ code: 'the-real-one' });
    // Taken once: the port closed with it, so a replay reaches nothing.
    await expect(callback(listener.redirectUri, { code: 'the-real-one', state: STATE })).rejects.toThrow();
  });

  it('after only callbacks of another sign-in, a timeout says so (SIGN_IN_STATE_MISMATCH)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const listener = await listen(60_000);
      expect((await callback(listener.redirectUri, { code: 'old-tab', state: 'an-earlier-sign-in' })).status).toBe(400);
      // Still waiting: the port still answers.
      expect((await callback(listener.redirectUri, { code: 'another-tab', state: 'another-sign-in' })).status).toBe(400);
      vi.advanceTimersByTime(60_000);
      const outcome = await settled(listener.code);
      expect(outcome.error).toBe('SIGN_IN_STATE_MISMATCH');
      expect(ERROR_CATALOG.SIGN_IN_STATE_MISMATCH.message).toMatch(/came back only from a sign-in OrgKey did not start/);
      await expect(callback(listener.redirectUri, { code: 'x', state: STATE })).rejects.toThrow();
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports “Deny” as SIGN_IN_DENIED', async () => {
    const listener = await listen();
    const answer = await callback(listener.redirectUri, { error: 'access_denied', error_description: 'end-user denied authorization', state: STATE });
    expect(answer.text).toContain('denied');
    expect((await settled(listener.code)).error).toBe('SIGN_IN_DENIED');
  });

  it('names another Salesforce error code, but never echoes its free text or an odd code', async () => {
    const listener = await listen();
    await callback(listener.redirectUri, { error: 'invalid_scope', error_description: '<script>x</script>', state: STATE });
    expect(await settled(listener.code)).toEqual({ error: 'SIGN_IN_FAILED', details: ['Salesforce’s code: invalid_scope.'] });

    const odd = await listen();
    await callback(odd.redirectUri, { error: '<b>bad</b>', state: STATE });
    expect(await settled(odd.code)).toEqual({ error: 'SIGN_IN_FAILED', details: undefined });
  });

  it('says SIGN_IN_PORT_IN_USE, naming the port, when another program holds it', async () => {
    const port = await freePort();
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      await expect(listenForCallback({ port, state: STATE, timeoutMs: 1000 })).rejects.toMatchObject({
        appError: {
          code: 'SIGN_IN_PORT_IN_USE',
          message: `Another program holds port ${port} on this computer, so OrgKey cannot receive the sign-in on http://localhost:${port}/oauth/callback.`,
          remedy: expect.stringContaining('Edit → Callback port'),
        },
      });
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('gives up after its timeout, and on cancel, freeing the port each time', async () => {
    const timed = await listen(50);
    expect((await settled(timed.code)).error).toBe('SIGN_IN_TIMEOUT');
    const cancelled = await listen();
    cancelled.cancel();
    expect((await settled(cancelled.code)).error).toBe('SIGN_IN_CANCELLED');
    const port = Number(new URL(cancelled.redirectUri).port);
    const again = await listenForCallback({ port, state: STATE, timeoutMs: 1000 });
    again.cancel();
  });
});

describe('PKCE and the authorize URL', () => {
  it('makes a 43-character verifier whose S256 challenge is base64url(SHA-256), fresh each time', () => {
    const one = newPkce();
    expect(one.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(one.challenge).toBe(createHash('sha256').update(one.verifier).digest('base64url'));
    expect(one.method).toBe('S256');
    expect(newPkce().verifier).not.toBe(one.verifier);
    expect(newState()).not.toBe(newState());
    // RFC 7636 appendix B.
    expect(challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('asks the org’s own login host, with PKCE, state, the scopes and the username as a hint', () => {
    const record = { loginUrl: 'https://acme.my.salesforce.com', clientId: '3MVG9abcdefghijklmnopqrstu', username: 'admin@acme.com' } as OrgRecord;
    const url = new URL(authorizeUrlFor(record, 'http://localhost:1717/oauth/callback', 'st', 'ch'));
    expect(url.origin + url.pathname).toBe('https://acme.my.salesforce.com/services/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: '3MVG9abcdefghijklmnopqrstu',
      redirect_uri: 'http://localhost:1717/oauth/callback',
      scope: 'api id refresh_token',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      login_hint: 'admin@acme.com',
    });
  });
});
