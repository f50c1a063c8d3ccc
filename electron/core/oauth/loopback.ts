/**
 * The loopback listener of a browser sign-in (RFC 8252 §7.3): `http://localhost:<port>/oauth/callback`.
 *
 * It listens on the loopback addresses only and waits for the one callback that carries the
 * `state` OrgKey sent: its code (or Salesforce's error, such as access_denied) settles the sign-in,
 * then the port closes. Anything else is answered with an error page and the wait goes on, because
 * any web page in the browser can request this address: a wrong or missing state (an old tab,
 * another page), another path (browsers ask for /favicon.ico) or another method must not be able to
 * end a sign-in the admin is still completing. Only the timeout or Cancel end it otherwise.
 * Its pages load nothing and send no referrer, so the code goes nowhere else.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLBACK_PATH, callbackUrlFor } from '../../../shared/domain';
import { OrgKeyError } from '../errors';

export interface CallbackListener {
  /** The redirect_uri to send: `http://localhost:<port>/oauth/callback`. */
  readonly redirectUri: string;
  /** Settles once: the authorization code, or an OrgKeyError (SIGN_IN_…). */
  readonly code: Promise<string>;
  /** Stop waiting (the sign-in was cancelled); a no-op once settled. */
  cancel(): void;
}

export interface ListenOptions {
  port: number;
  state: string;
  timeoutMs: number;
  /** Told each time a callback with another (or no) state was turned away; the wait goes on. */
  onRefused?: () => void;
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  Connection: 'close',
};

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
}

const PAGES = {
  received: page('Signed in — return to OrgKey', 'OrgKey received the sign-in. You can close this tab and go back to OrgKey.'),
  denied: page('Sign-in denied', 'Access was denied, so OrgKey stored nothing. You can close this tab.'),
  failed: page('Sign-in failed', 'Salesforce ended the sign-in with an error. OrgKey shows what to do; you can close this tab.'),
  mismatch: page(
    'Not this sign-in',
    'This answer does not belong to the sign-in OrgKey is waiting for, so OrgKey ignored it. OrgKey is still waiting: finish the sign-in in the tab OrgKey opened.',
  ),
  used: page('Sign-in already received', 'OrgKey has already received this sign-in and takes it only once. You can close this tab.'),
  notFound: page('Not found', 'Nothing here.'),
};

/** Listen on 127.0.0.1 and, where the system has it, ::1 (browsers may resolve localhost to either). */
async function listenAll(server: http.Server[], port: number): Promise<void> {
  const listen = (target: http.Server, host: string) =>
    new Promise<void>((resolve, reject) => {
      target.once('error', reject);
      target.listen({ port, host, exclusive: true }, () => {
        target.off('error', reject);
        resolve();
      });
    });
  await listen(server[0]!, '127.0.0.1');
  try {
    await listen(server[1]!, '::1');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No IPv6 loopback here: browsers then use 127.0.0.1. Anything else (someone else holds ::1) is unsafe.
    if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') throw error;
    server.pop();
  }
}

export async function listenForCallback(options: ListenOptions): Promise<CallbackListener> {
  let settle!: { resolve(code: string): void; reject(error: OrgKeyError): void };
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A rejection nobody awaited yet (cancel before finish) must not crash the process.
  code.catch(() => undefined);
  let settled = false;
  /** Callbacks turned away for their state: a timeout after them says so. */
  let refused = 0;

  const answer = (res: http.ServerResponse, status: number, body: string): void => {
    res.writeHead(status, PAGE_HEADERS).end(body);
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== CALLBACK_PATH) return answer(res, 404, PAGES.notFound);
    // Salesforce redirects the browser with a GET; anything else (a form post, a CORS preflight) is not it.
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return answer(res, 405, PAGES.notFound);
    }
    const params = url.searchParams;
    const state = params.get('state');
    if (!state || state !== options.state) {
      refused += 1;
      options.onRefused?.();
      return answer(res, 400, PAGES.mismatch);
    }
    // The right callback again (a reload, a replay) in the moment before the port closes: taken once only.
    if (settled) return answer(res, 400, PAGES.used);
    let outcome: { page: string; done(): void };
    if (params.get('error')) {
      const error = params.get('error')!;
      outcome =
        error === 'access_denied'
          ? { page: PAGES.denied, done: () => settle.reject(new OrgKeyError('SIGN_IN_DENIED')) }
          : {
              page: PAGES.failed,
              // The error code is shown only if it looks like one; the free-text description never is.
              done: () => settle.reject(new OrgKeyError('SIGN_IN_FAILED', /^[a-z_]{3,60}$/.test(error) ? { details: [`Salesforce’s code: ${error}.`] } : {})),
            };
    } else if (params.get('code')) {
      const value = params.get('code')!;
      outcome = { page: PAGES.received, done: () => settle.resolve(value) };
    } else {
      outcome = { page: PAGES.failed, done: () => settle.reject(new OrgKeyError('SIGN_IN_FAILED')) };
    }
    finish(outcome.done);
    answer(res, outcome.page === PAGES.received ? 200 : 400, outcome.page);
  };

  const servers = [http.createServer(handler), http.createServer(handler)];
  try {
    await listenAll(servers, options.port);
  } catch (error) {
    for (const server of servers) server.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || (error as NodeJS.ErrnoException).code === 'EACCES') {
      throw new OrgKeyError(
        'SIGN_IN_PORT_IN_USE',
        { message: `Another program holds port ${options.port} on this computer, so OrgKey cannot receive the sign-in on ${callbackUrlFor(options.port)}.` },
        { cause: error },
      );
    }
    throw error;
  }
  // Timed out after only callbacks of another sign-in: say so, rather than that nothing came back.
  const timer = setTimeout(() => finish(() => settle.reject(new OrgKeyError(refused > 0 ? 'SIGN_IN_STATE_MISMATCH' : 'SIGN_IN_TIMEOUT'))), options.timeoutMs);

  function finish(done: () => void): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    done();
    // Stop accepting at once; the answer being written still goes out, then every socket closes.
    for (const server of servers) {
      server.close();
      setImmediate(() => server.closeAllConnections());
    }
  }

  const port = (servers[0]!.address() as AddressInfo).port;
  return {
    redirectUri: callbackUrlFor(port),
    code,
    cancel: () => finish(() => settle.reject(new OrgKeyError('SIGN_IN_CANCELLED'))),
  };
}
