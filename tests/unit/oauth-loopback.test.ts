/**
 * The browser sign-in's loopback listener and PKCE values, over real sockets on 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { authorizeUrlFor } from '../../electron/core/oauth/browser-login';
import { listenForCallback } from '../../electron/core/oauth/loopback';
import { challengeOf, newPkce, newState } from '../../electron/core/oauth/pkce';
import type { OrgRecord } from '../../electron/core/settings/schema';
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

  it('answers other paths with 404 and keeps waiting', async () => {
    const listener = await listen();
    expect((await callback(listener.redirectUri, {}, '/favicon.ico')).status).toBe(404);
    await callback(listener.redirectUri, { code: 'later', state: STATE });
    expect(await settled(listener.code)).toEqual({ code: 'later' });
  });

  it('refuses a callback with another state, ends the sign-in and keeps no code', async () => {
    const listener = await listen();
    const answer = await callback(listener.redirectUri, { code: 'stolen', state: 'forged' });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('refused');
    expect(await settled(listener.code)).toEqual({ error: 'SIGN_IN_STATE_MISMATCH', details: undefined });
  });

  it('treats a callback without state as not OrgKey’s', async () => {
    const listener = await listen();
    await callback(listener.redirectUri, { code: 'x' });
    expect((await settled(listener.code)).error).toBe('SIGN_IN_STATE_MISMATCH');
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

  it('says SIGN_IN_PORT_IN_USE when another program holds the port', async () => {
    const port = await freePort();
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      await expect(listenForCallback({ port, state: STATE, timeoutMs: 1000 })).rejects.toMatchObject({ appError: { code: 'SIGN_IN_PORT_IN_USE' } });
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
