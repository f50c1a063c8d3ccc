/**
 * A sandbox refresh on real parts: the fake org refreshes its sandbox (a new org id, the production
 * password, a new token), and the core — real jsforce, keychain and settings file — notices it at
 * the next login that works, keeps it pending until confirmed, and marks the old org's exports.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { keytarSecretStore } from '../../electron/core/secrets/keytar-store';
import { openConfSettings } from '../../electron/core/settings/store';
import { POSSIBLE_REFRESH_HINT } from '../../shared/sandbox-refresh';
import { useCoreSuite, type CoreSuite } from '../support/core';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../support/fake-org';
import { makeTempDir } from '../support/temp';
import { storeSecret } from '../support/org-secrets';

let work: string;
const suite = useCoreSuite('sandbox-refresh', () => {
  work = makeTempDir('sandbox-refresh-work');
  return { homeDir: work };
});
let fake: CoreSuite['fake'];
let control: Control;
let core: Core;
let dataDir: string;
let service: string;
beforeEach(() => ({ fake, control, core, dir: dataDir, service } = suite));

/** The seeded sandbox's admin as an org in OrgKey, tested once (so OrgKey knows its org id), with a Data Loader export. */
async function testedSandboxOrg(alias = 'Acme UAT') {
  const creds = await credentials(control, SANDBOX_ADMIN);
  const { org } = await core.orgs.add({ alias, environment: 'custom', customUrl: fake.org.loginUrl, username: SANDBOX_ADMIN, password: creds.password, token: creds.token });
  const first = await core.tester.test(org.id);
  expect(first).toMatchObject({ ok: true, facts: { orgId: creds.orgId, isSandbox: true } });
  return { id: org.id, orgId: creds.orgId };
}

const record = (id: string) => openConfSettings(dataDir).read().orgs.find((org) => org.id === id)!;

describe('a refreshed sandbox', () => {
  it('is noticed at the next login that works, with the production password; nothing is overwritten until the admin confirms', async () => {
    const { id, orgId: oldId } = await testedSandboxOrg();
    const exported = await core.dataloader.export({ id, folder: path.join(work, 'uat'), keyFile: { kind: 'new' }, jobs: [{ operation: 'extract', object: 'Account' }] });

    const refresh = await control.refreshSandbox(oldId);
    const newId = refresh.orgId;
    expect(newId).not.toBe(oldId);

    // The stored token was reset with the refresh: the login is refused, and the hints name a possible refresh.
    const refused = await core.tester.test(id);
    expect(refused.failure).toMatchObject({ code: 'INVALID_LOGIN', hints: expect.arrayContaining([POSSIBLE_REFRESH_HINT.password]) });
    expect(record(id)).not.toHaveProperty('sandboxRefresh');

    // The sandbox user now has its production counterpart's password; with the new token it logs in.
    const now = await credentials(control, SANDBOX_ADMIN);
    expect(now.password).toBe((await credentials(control, PROD_ADMIN)).password);
    const proved = await core.tokens.changePassword(id, { password: now.password, pasted: now.token });
    expect(proved.stored).toBe(true);
    expect(proved.outcome).toMatchObject({ ok: true, facts: { orgId: newId, isSandbox: true } });
    expect(proved.outcome?.warnings).toEqual([expect.objectContaining({ code: 'SANDBOX_REFRESHED', message: expect.stringContaining(newId) })]);

    // Pending: the stored org id is still the old one.
    const pending = record(id);
    expect(pending).toMatchObject({ lastSuccessOrgId: oldId, sandboxRefresh: { fromOrgId: oldId, toOrgId: newId } });
    expect(pending.sandboxRefresh).not.toHaveProperty('confirmedAt');
    const summary = core.orgs.findByName('Acme UAT')!;
    expect(summary.sandboxRefresh?.attention).toEqual(['exports']);
    expect(summary.dataLoaderExports).toEqual([expect.objectContaining({ id: exported.export.id, stale: true, beforeSandboxRefresh: true })]);

    // Another test: the same pending refresh, still not overwritten.
    const again = await core.tester.test(id);
    expect(again.warnings.map((w) => w.code)).toEqual(['SANDBOX_REFRESHED']);
    expect(record(id)).toMatchObject({ lastSuccessOrgId: oldId, sandboxRefresh: { detectedAt: pending.sandboxRefresh!.detectedAt } });

    // Confirmed: the new id is the org's, tests are quiet, and the export stays marked until refreshed.
    const confirmed = core.orgs.confirmSandboxRefresh(id);
    expect(confirmed).toMatchObject({ lastSuccessOrgId: newId, sandboxRefresh: { confirmedAt: expect.any(String), attention: ['exports'] } });
    expect((await core.tester.test(id)).warnings).toEqual([]);
    await core.dataloader.refresh(id, exported.export.id);
    const after = core.orgs.findByName('Acme UAT')!;
    expect(after.dataLoaderExports[0]).toMatchObject({ stale: false });
    expect(after.dataLoaderExports[0]).not.toHaveProperty('beforeSandboxRefresh');
    expect(after.sandboxRefresh?.attention).toEqual([]);
  });

  it('marks the other orgs of the same sandbox in OrgKey, and confirming one confirms them', async () => {
    const { id, orgId: oldId } = await testedSandboxOrg('UAT one');
    const other = await testedSandboxOrg('UAT two');
    const { orgId: newId } = await control.refreshSandbox(oldId);
    const now = await credentials(control, SANDBOX_ADMIN);
    await core.tokens.changePassword(id, { password: now.password, pasted: now.token });

    expect(record(other.id)).toMatchObject({ lastSuccessOrgId: oldId, sandboxRefresh: { fromOrgId: oldId, toOrgId: newId } });
    core.orgs.confirmSandboxRefresh(id);
    expect(record(other.id)).toMatchObject({ lastSuccessOrgId: newId, sandboxRefresh: { confirmedAt: expect.any(String) } });
  });

  it('an app made in the sandbox is gone after the refresh: the client-credentials login is refused, and the hints name a possible refresh', async () => {
    const sandbox = await credentials(control, SANDBOX_ADMIN);
    const domain = fake.org.orgs.find((org) => org.orgId.slice(0, 15) === sandbox.orgId.slice(0, 15))!;
    const app = await control.createExternalClientApp(sandbox.orgId, { name: 'UAT ETL' });
    await control.patchApp(app.clientId, { clientCredentialsUser: SANDBOX_ADMIN });
    const { org } = await core.orgs.add({ alias: 'UAT ETL', environment: 'custom', customUrl: domain.myDomainUrl, auth: 'client-credentials', username: '', password: '', clientId: app.clientId, clientSecret: app.clientSecret });
    expect(await core.tester.test(org.id)).toMatchObject({ ok: true, facts: { isSandbox: true } });

    await control.refreshSandbox(sandbox.orgId);
    const refused = await core.tester.test(org.id);
    expect(refused.failure?.code).toBe('OAUTH_INVALID_CLIENT_ID');
    expect(refused.failure?.hints).toContain(POSSIBLE_REFRESH_HINT.app);
  });

  it('ends the browser sign-in of the old org: its test is refused with a hint, it is marked when another record notices the refresh, and a new sign-in that works clears it', async () => {
    const { id, orgId: oldId } = await testedSandboxOrg();
    const app = (await credentials(control, SANDBOX_ADMIN)).connectedApp;
    const { org: browser } = await core.orgs.add({ alias: 'UAT browser', environment: 'custom', customUrl: fake.org.loginUrl, auth: 'browser', username: '', password: '', clientId: app.clientId });
    // A sign-in as the web-server flow leaves it: a refresh token in the keychain, and when it was made.
    const signIn = async () => {
      await storeSecret(keytarSecretStore(service), browser.id, 'refreshToken', await control.issueRefreshToken(SANDBOX_ADMIN, app.clientId));
      openConfSettings(dataDir).update((doc) => ({ ...doc, orgs: doc.orgs.map((org) => (org.id === browser.id ? { ...org, signedInAt: new Date().toISOString() } : org)) }));
    };
    await signIn();
    expect(await core.tester.test(browser.id)).toMatchObject({ ok: true, facts: { orgId: oldId } });

    await control.refreshSandbox(oldId);
    expect((await core.tester.test(browser.id)).failure).toMatchObject({ code: 'OAUTH_SIGN_IN_AGAIN', hints: expect.arrayContaining([POSSIBLE_REFRESH_HINT['sign-in']]) });

    const now = await credentials(control, SANDBOX_ADMIN);
    await core.tokens.changePassword(id, { password: now.password, pasted: now.token });
    expect(core.orgs.findByName('UAT browser')?.sandboxRefresh).toMatchObject({ fromOrgId: oldId, attention: ['sign-in'] });

    await signIn();
    expect((await core.tester.test(browser.id)).warnings.map((w) => w.code)).toEqual(['SANDBOX_REFRESHED']);
    expect(core.orgs.findByName('UAT browser')?.sandboxRefresh?.attention).toEqual([]);
  });
});
