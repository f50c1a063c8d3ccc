/**
 * Injected misbehaviour: a queued fault delays, drops or replaces the answer to the next matching
 * requests, so clients can be tested against a slow, broken or hijacked network path.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { CONTENT_TYPE, send, type RequestContext } from './http';
import { type FaultRule } from './model';

/** Replacement bodies, in the content type the route normally answers with. */
const SOAP_BODIES = {
  // Cut off mid-element, as when a proxy or a reset connection truncates the response.
  malformed: '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><loginResponse><result><serverUrl>',
  empty: '',
};
const JSON_BODIES = { malformed: '{"access_token":"00D', empty: '' };

/** The REST API's answer to a session it does not accept (as rest.ts gives for a logged-out one). */
const INVALID_SESSION_BODY = JSON.stringify([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);

/** What a captive portal or maintenance proxy serves instead of the API. */
const HTML_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Service Unavailable</title></head>' +
  '<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.</p></body></html>';

/**
 * Applies `rule` to the request. Resolves true when the fault answered (or dropped) the request,
 * false when the request should now be handled normally (latency only).
 */
export async function misbehave(ctx: RequestContext, rule: FaultRule, shutdown: AbortSignal): Promise<boolean> {
  if (rule.latencyMs > 0 && !(await wait(rule.latencyMs, shutdown))) {
    ctx.req.socket.destroy();
    return true;
  }
  if (rule.drop) {
    ctx.req.socket.destroy();
    return true;
  }
  if (rule.status === null && rule.body === null) return false;
  const kind = rule.body ?? 'empty';
  if (kind === 'invalid-session') {
    // A REST answer: meant for /services/data paths, where a revoked or expired session gets it.
    send(ctx.res, rule.status ?? 401, CONTENT_TYPE.json, INVALID_SESSION_BODY);
    return true;
  }
  const status = rule.status ?? 200;
  if (kind === 'html') {
    send(ctx.res, status, CONTENT_TYPE.html, HTML_PAGE);
  } else if (ctx.path.startsWith('/services/Soap/')) {
    send(ctx.res, status, CONTENT_TYPE.xml, SOAP_BODIES[kind]);
  } else {
    send(ctx.res, status, CONTENT_TYPE.json, JSON_BODIES[kind]);
  }
  return true;
}

/** Resolves false if the server shuts down first. */
async function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
