/**
 * The real `SalesforceGateway`: jsforce (salesforce.ts), with its errors classified here, at the
 * boundary, so everything above it works with the port's types. Importing this module does not
 * load jsforce: salesforce.ts loads it on the first call, so `orgkey list` never pays for it.
 */
import type { CorePorts, SalesforceGateway } from '../ports';
import { checkFailureOf } from './diagnosis';
import { checkConnection, endSession, exchangeCode, openSession, queryPage, revokeToken, singleAccessUrl } from './salesforce';

export const jsforceGateway: SalesforceGateway = {
  async check(request) {
    try {
      return { ok: true, facts: await checkConnection(request) };
    } catch (error) {
      return { ok: false, failure: checkFailureOf(error) };
    }
  },
  async session(request) {
    try {
      return { ok: true, session: await openSession(request) };
    } catch (error) {
      return { ok: false, failure: checkFailureOf(error) };
    }
  },
  exchangeCode,
  revokeToken,
  async query(session, request) {
    try {
      return { ok: true, page: await queryPage(session, request) };
    } catch (error) {
      return { ok: false, failure: checkFailureOf(error) };
    }
  },
  endSession,
  async singleAccess(session, request) {
    try {
      return { ok: true, url: await singleAccessUrl(session, request) };
    } catch (error) {
      return { ok: false, failure: checkFailureOf(error) };
    }
  },
};

/** The host's gateway, or the jsforce one when the host gives none. */
export function gatewayOf(ports: Pick<CorePorts, 'salesforce'>): SalesforceGateway {
  return ports.salesforce ?? jsforceGateway;
}
