/** The fake org for integration and e2e tests: one server per test file, reset between tests. */
import { fakeOrgControl, startFakeOrg, type FakeOrg } from '../../e2e/fake-org';

export type Control = ReturnType<typeof fakeOrgControl>;

export const PROD_ADMIN = 'admin@acme.example';
export const SANDBOX_ADMIN = 'admin@acme.example.uat';
export const EXPIRED_USER = 'expired.user@acme.example';
export const NO_API_USER = 'no.api@acme.example';

export async function startOrg(): Promise<{ org: FakeOrg; control: Control }> {
  const org = await startFakeOrg();
  return { org, control: fakeOrgControl(org.loginUrl) };
}

/** Current password and token of a seeded user, read through the control API. */
export async function credentials(control: Control, username: string) {
  const state = await control.state();
  const user = state.users.find((u) => u.username === username);
  if (!user) throw new Error(`no such fake user ${username}`);
  const org = state.orgs.find((o) => o.id === user.orgId)!;
  return { password: user.password, token: user.token, orgId: user.orgId, connectedApp: org.connectedApp };
}

/** The admin's org in the fake: its id, the admin's password and token, and its own My Domain host (where client credentials are served). */
export async function adminOrg(fake: { org: FakeOrg; control: Control }) {
  const { orgId, password, token } = await credentials(fake.control, PROD_ADMIN);
  const domain = fake.org.orgs.find((org) => org.orgId.slice(0, 15) === orgId.slice(0, 15));
  if (!domain) throw new Error(`the fake org announced no My Domain for ${orgId}`);
  return { orgId, password, token, myDomainUrl: domain.myDomainUrl };
}

/** An External Client App in the admin's org with the client credentials flow, running as the admin. */
export async function clientCredentialsApp(fake: { org: FakeOrg; control: Control }) {
  const org = await adminOrg(fake);
  const eca = await fake.control.createExternalClientApp(org.orgId, { name: 'OrgKey ETL' });
  await fake.control.patchApp(eca.clientId, { clientCredentialsUser: PROD_ADMIN });
  return { ...org, clientId: eca.clientId, clientSecret: eca.clientSecret };
}
