/**
 * The jsforce gateway's answers, on real jsforce against the fake org: what jsforce raises is
 * classified here, at the boundary, into the port's types (a code plus Salesforce's code, the HTTP
 * status, an inactive user), which the unit tests above the gateway script. The words built from
 * them are tested through the core in connection-test.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jsforceGateway } from '../../electron/core/connection/jsforce-gateway';
import type { LoginRequest } from '../../electron/core/ports';
import { credentials, PROD_ADMIN, startOrg, type Control } from '../support/fake-org';

let fake: Awaited<ReturnType<typeof startOrg>>;
let control: Control;
beforeAll(async () => {
  fake = await startOrg();
  control = fake.control;
});
afterAll(() => fake.org.close());
beforeEach(() => control.reset());

async function request(overrides: Partial<LoginRequest> = {}): Promise<LoginRequest> {
  const { password, token } = await credentials(control, PROD_ADMIN);
  return { loginUrl: fake.org.loginUrl, username: PROD_ADMIN, secret: password + token, timeoutMs: 5000, ...overrides };
}

describe('a check through jsforce', () => {
  it('answers the org’s facts after a good login, with the logout under way', async () => {
    const { orgId } = await credentials(control, PROD_ADMIN);
    const answer = await jsforceGateway.check(await request());
    expect(answer).toEqual({
      ok: true,
      facts: expect.objectContaining({ orgId, orgName: 'Acme Corporation', userName: PROD_ADMIN, via: 'soap', apiRequestsMax: 15000 }),
      ended: expect.any(Promise),
    });
    await (answer.ok && answer.ended);
  });

  it('answers a SOAP fault with its code, and Salesforce’s own code', async () => {
    expect(await jsforceGateway.check(await request({ secret: 'Wrong-Pass-1' }))).toEqual({ ok: false, failure: expect.objectContaining({ code: 'INVALID_LOGIN', salesforceCode: 'INVALID_LOGIN' }) });
    expect(await jsforceGateway.check(await request({ apiVersion: '65.0' }))).toEqual({ ok: false, failure: expect.objectContaining({ code: 'SOAP_LOGIN_UNAVAILABLE', salesforceCode: 'INVALID_OPERATION' }) });
  });

  it('answers a REST refusal after the login with its errorCode', async () => {
    const { orgId } = await credentials(control, PROD_ADMIN);
    await control.patchOrg(orgId, { apiEnabled: false });
    expect(await jsforceGateway.check(await request())).toEqual({ ok: false, failure: expect.objectContaining({ code: 'API_DISABLED_FOR_ORG', salesforceCode: 'API_DISABLED_FOR_ORG' }) });
  });

  it('answers a server error with its HTTP status', async () => {
    await control.injectFaults({ path: '/services/Soap/u', count: 1, status: 503 });
    expect(await jsforceGateway.check(await request())).toEqual({ ok: false, failure: expect.objectContaining({ code: 'SERVER_ERROR', httpStatus: 503 }) });
  });

  it('answers a refresh token of a frozen user as an inactive user', async () => {
    const { orgId } = await credentials(control, PROD_ADMIN);
    const eca = (await control.state()).orgs.find((org) => org.id === orgId)!.externalClientApps[0]!;
    const refreshToken = await control.issueRefreshToken(PROD_ADMIN, eca.clientId);
    await control.patchUser(PROD_ADMIN, { frozen: true });
    const refresh = { clientId: eca.clientId, refreshToken, onRotated: async () => undefined };
    expect(await jsforceGateway.check(await request({ refresh }))).toEqual({ ok: false, failure: { code: 'OAUTH_INVALID_GRANT', httpStatus: 400, inactiveUser: true } });
  });

  it('answers a cancelled or timed-out check, never throws', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await jsforceGateway.check(await request({ signal: controller.signal }))).toEqual({ ok: false, failure: { code: 'CANCELLED' } });
    await control.injectFaults({ path: '/services/Soap/u', count: 1, latencyMs: 3000 });
    expect(await jsforceGateway.check(await request({ timeoutMs: 500 }))).toEqual({ ok: false, failure: { code: 'TIMEOUT' } });
  });
});
