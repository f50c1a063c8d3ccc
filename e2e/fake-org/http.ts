/**
 * Plumbing shared by every route: the request context, slash-tolerant paths, (gzipped) bodies,
 * responses and a small route table.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type FakeOrgState } from './state';

const gunzipAsync = promisify(gunzip);
const MAX_BODY_BYTES = 1024 * 1024;

export const CONTENT_TYPE = {
  // Fixtures show `text/xml`; the charset suffix is UNCONFIRMED but harmless to every client.
  xml: 'text/xml;charset=UTF-8',
  json: 'application/json;charset=UTF-8',
  html: 'text/html;charset=UTF-8',
  text: 'text/plain;charset=UTF-8',
  form: 'application/x-www-form-urlencoded',
} as const;

/** One request as the route handlers see it. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path with repeated and trailing slashes removed. */
  path: string;
  /** The caller's address, IPv4-mapped IPv6 unwrapped. */
  peer: string;
  state: FakeOrgState;
  /**
   * The URL of the listener asked, `http://127.0.0.1:PORT`: the generic login host (every org's
   * instance URL for its logins) or an org's My Domain.
   */
  baseUrl: string;
  /**
   * The 15-character id of the org whose My Domain was asked, or null on the generic login host.
   * A My Domain knows its own org's users and sessions only.
   */
  myDomainOrgId: string | null;
  /** The request body, gunzipped when sent with `Content-Encoding: gzip`. */
  body(): Promise<Buffer>;
}

/** An error that becomes an HTTP response with a JSON `{message}` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  pattern: RegExp;
  handle(ctx: RequestContext, params: string[]): Promise<void> | void;
}

/**
 * `//services/Soap/u/64.0/` -> `/services/Soap/u/64.0`. Data Loader builds that double-slash,
 * trailing-slash form (its LoginClient appends `/services/Soap/u/<version>/` to an endpoint ending in
 * `/`), and jsforce doubles the slash after a login URL ending in `/`.
 */
export function normalisePath(pathname: string): string {
  const collapsed = pathname.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

/** Reads the whole body, up to 1 MiB after decompression; WSC and Data Loader gzip their requests. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large');
    chunks.push(buffer);
  }
  const raw = Buffer.concat(chunks);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return raw;
  if (encoding !== 'gzip') throw new HttpError(415, `Unsupported Content-Encoding: ${encoding}`);
  try {
    return await gunzipAsync(raw, { maxOutputLength: MAX_BODY_BYTES });
  } catch {
    throw new HttpError(400, 'Request body is not valid gzip');
  }
}

export function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, CONTENT_TYPE.json, JSON.stringify(value), headers);
}

/** The access token from `Authorization: Bearer …` (or the older `OAuth …` scheme). */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** Finds the route for a request; `methodNotAllowed` when only the method is wrong. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: string[] } | 'methodNotAllowed' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: match.slice(1).map(decodeParam) };
  }
  return pathMatched ? 'methodNotAllowed' : undefined;
}

function decodeParam(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    throw new HttpError(400, `Malformed URL component: ${value}`);
  }
}
