/**
 * The real `SalesforceGateway`: jsforce (salesforce.ts), with its errors classified here, at the
 * boundary, so everything above it works with the port's types. Importing this module does not
 * load jsforce: salesforce.ts loads it on the first call, so `orgkey list` never pays for it.
 */
import type { CheckFailure, CorePorts, SalesforceGateway } from '../ports';
import { checkFailureOf } from './diagnosis';
import { checkEnding, endSession, prepareJsforce, exchangeCode, openSession, queryPage, revokeToken, singleAccessUrl } from './salesforce';

/**
 * `work`'s result under `key`, or its error classified: the port's answers are never thrown.
 * (`{ ok: true, facts }`, `{ ok: true, session }`, …)
 */
async function answer<K extends string, T>(key: K, work: () => Promise<T>): Promise<({ ok: true } & { [P in K]: T }) | { ok: false; failure: CheckFailure }> {
  try {
    return { ok: true, [key]: await work() } as { ok: true } & { [P in K]: T };
  } catch (error) {
    return { ok: false, failure: checkFailureOf(error) };
  }
}

export const jsforceGateway: SalesforceGateway = {
  check: async (request) => {
    const answered = await answer('check', () => checkEnding(request));
    return answered.ok ? { ok: true, facts: answered.check.facts, ended: answered.check.ended } : answered;
  },
  session: (request) => answer('session', () => openSession(request)),
  prepare: prepareJsforce,
  exchangeCode,
  revokeToken,
  query: (session, request) => answer('page', () => queryPage(session, request)),
  endSession,
  singleAccess: (session, request) => answer('url', () => singleAccessUrl(session, request)),
};

/** The host's gateway, or the jsforce one when the host gives none. */
export function gatewayOf(ports: Pick<CorePorts, 'salesforce'>): SalesforceGateway {
  return ports.salesforce ?? jsforceGateway;
}
