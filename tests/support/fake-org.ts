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
