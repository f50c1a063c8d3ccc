/**
 * The HTTP server: every request is routed to the control API, a queued fault, or one of the
 * Salesforce surfaces (SOAP, OAuth with its login and consent pages, identity, REST).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { authorizeRoutes } from './authorize';
import { handleControl, isControlPath } from './control';
import { misbehave } from './faults';
import { HttpError, matchRoute, normalisePath, readBody, send, sendJson, CONTENT_TYPE, type RequestContext, type Route } from './http';
import { identityRoutes } from './identity';
import { metadataRoutes } from './metadata';
import { normalisePeer } from './network';
import { oauthRoutes } from './oauth';
import { restRoutes } from './rest';
import { singleAccessRoutes } from './single-access';
import { soapRoutes } from './soap';
import { type FakeOrgState } from './state';

const SALESFORCE_ROUTES: Route[] = [...soapRoutes, ...oauthRoutes, ...authorizeRoutes, ...identityRoutes, ...singleAccessRoutes, ...restRoutes, ...metadataRoutes];

export interface RunningServer {
  baseUrl: string;
  /** Each org's My Domain URL, by 15-character org id. */
  myDomainUrls: Map<string, string>;
  /** Salesforce requests answered so far on every listener (control API calls not counted). */
  requests(): number;
  close(): Promise<void>;
}

/** What every listener shares. */
interface Shared {
  state: FakeOrgState;
  shutdown: AbortSignal;
  latencyMs: number;
  counter: { requests: number };
}

/**
 * Listens on `host:port` (the generic login host, like login.salesforce.com) and on one more free
 * port of `host` per org (its My Domain), and serves `state` on all of them until closed.
 */
export async function listen(state: FakeOrgState, host: string, port: number, latencyMs = 0): Promise<RunningServer> {
  const shutdown = new AbortController();
  const shared: Shared = { state, shutdown: shutdown.signal, latencyMs, counter: { requests: 0 } };
  const listeners: Listener[] = [];
  try {
    listeners.push(await listenOn(shared, host, port, null));
    for (const orgId of state.orgIds()) listeners.push(await listenOn(shared, host, 0, orgId));
  } catch (error) {
    await Promise.all(listeners.map((listener) => listener.close()));
    throw error;
  }
  const myDomainUrls = new Map(listeners.flatMap(({ baseUrl, myDomainOrgId }) => (myDomainOrgId === null ? [] : [[myDomainOrgId, baseUrl] as const])));
  for (const [orgId, url] of myDomainUrls) state.setMyDomainUrl(orgId, url);
  return {
    baseUrl: listeners[0]?.baseUrl ?? '',
    myDomainUrls,
    requests: () => shared.counter.requests,
    close: async () => {
      shutdown.abort();
      await Promise.all(listeners.map((listener) => listener.close()));
    },
  };
}

interface Listener {
  baseUrl: string;
  myDomainOrgId: string | null;
  close(): Promise<void>;
}

/** One loopback listener: the generic host (`myDomainOrgId` null) or an org's My Domain. */
async function listenOn(shared: Shared, host: string, port: number, myDomainOrgId: string | null): Promise<Listener> {
  let baseUrl = '';
  const server = createServer((req, res) => {
    void handle(req, res, shared, { baseUrl, myDomainOrgId });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  baseUrl = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    myDomainOrgId,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The host to put in URLs: a wildcard listener is reached via 127.0.0.1; IPv6 needs brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function handle(req: IncomingMessage, res: ServerResponse, app: Shared, host: Pick<RequestContext, 'baseUrl' | 'myDomainOrgId'>): Promise<void> {
  const ctx = context(req, res, app.state, host);
  try {
    if (isControlPath(ctx.path)) return await handleControl(ctx);
    app.counter.requests += 1;
    // A server far away: every Salesforce request (not the control API) is answered `latencyMs`
    // after it arrived, the org's own work done meanwhile, as a client of a distant server waits for
    // the network and the server's time together. (Working after the wait instead would add this
    // process's work, on the tested code's cores, to every round trip a benchmark counts.)
    if (app.latencyMs > 0) answerNoSoonerThan(res, app.latencyMs);
    const fault = ctx.state.takeFault(ctx.path);
    if (fault && (await misbehave(ctx, fault, app.shutdown))) return;
    await route(ctx);
  } catch (error) {
    if (error instanceof HttpError) return sendJson(res, error.status, { message: error.message });
    console.error('[fake-org] request failed:', error);
    if (!res.headersSent) sendJson(res, 500, { message: 'The fake org failed to handle this request' });
  }
}

/** Hold the response's end (every answer is one `send`: headers and body leave with it) until `ms` after now. */
function answerNoSoonerThan(res: ServerResponse, ms: number): void {
  const due = new Promise((resolve) => setTimeout(resolve, ms));
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    void due.then(() => end(...args));
    return res;
  }) as ServerResponse['end'];
}

function context(req: IncomingMessage, res: ServerResponse, state: FakeOrgState, { baseUrl, myDomainOrgId }: Pick<RequestContext, 'baseUrl' | 'myDomainOrgId'>): RequestContext {
  // Appended, not resolved: `new URL('//services/…', base)` would read `services` as a host name.
  const url = new URL(`${baseUrl}${req.url?.startsWith('/') ? req.url : '/'}`);
  let body: Promise<Buffer> | undefined;
  return {
    req,
    res,
    url,
    path: normalisePath(url.pathname),
    peer: normalisePeer(req.socket.remoteAddress),
    state,
    baseUrl,
    // The listener is named by the seed's org id; a refreshed sandbox answers there under its new id.
    myDomainOrgId: myDomainOrgId === null ? null : state.currentOrgId(myDomainOrgId),
    body: () => (body ??= readBody(req)),
  };
}

async function route(ctx: RequestContext): Promise<void> {
  const matched = matchRoute(SALESFORCE_ROUTES, ctx.req.method ?? 'GET', ctx.path);
  if (matched === undefined) return send(ctx.res, 404, CONTENT_TYPE.text, 'Not Found');
  if (matched === 'methodNotAllowed') return send(ctx.res, 405, CONTENT_TYPE.text, 'Method Not Allowed');
  await matched.route.handle(ctx, matched.params);
}
