/**
 * Noticing a sandbox refresh above the Salesforce gateway: a login that works in a sandbox of
 * another org id keeps a pending refresh (the stored id stays until the admin confirms), marks what
 * was set up for the old org, and a refused sandbox login mentions a possible refresh where it fits.
 * The fake org's refresh is met in tests/integration/sandbox-refresh.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { OrgRecord } from '../../electron/core/settings/schema';
import { POSSIBLE_REFRESH_HINT } from '../../shared/sandbox-refresh';
import { scriptedCore, START } from '../support/scripted-core';
import { fails, succeeds, type Script } from '../support/scripted-gateway';
import { storeSecret } from '../support/org-secrets';

const OLD = '00D000000000001EAA';
const NEW = '00D000000000002EAA';
const NEWER = '00D000000000003EAA';
const HOUR = 3_600_000;

const inSandbox = (orgId: string) => succeeds({ orgId, isSandbox: true });
const sandboxOrg = (...answers: Script[]) => scriptedCore(answers, { org: { environment: 'sandbox' }, record: { lastSuccessOrgId: OLD } });

const anExport = (at: string, refreshedAt?: string): OrgRecord['dataLoaderExports'][number] => ({
  id: `export-${at}`,
  folder: '/tmp/dl',
  keyFile: '/tmp/dl/key',
  createdKey: true,
  jobs: [{ operation: 'extract', object: 'Account' }],
  beans: ['accountExtract'],
  exportedAt: at,
  ...(refreshedAt ? { refreshedAt } : {}),
  passwordAsOf: START.toISOString(),
  tokenAsOf: START.toISOString(),
});

describe('a sandbox whose org id changed', () => {
  it('is kept as a pending refresh: the stored org id stays, and the test says what a refresh means', async () => {
    const { core, id, record } = await sandboxOrg(inSandbox(NEW));
    const outcome = await core.tester.test(id);
    expect(outcome.ok).toBe(true);
    expect(outcome.warnings).toEqual([expect.objectContaining({ code: 'SANDBOX_REFRESHED', message: expect.stringContaining(`org id ${NEW}, before ${OLD}`) })]);
    expect(record()).toMatchObject({ lastSuccessOrgId: OLD, sandboxRefresh: { fromOrgId: OLD, toOrgId: NEW, detectedAt: START.toISOString(), provedAt: START.toISOString() } });
    expect(record().sandboxRefresh).not.toHaveProperty('confirmedAt');
    expect(core.orgs.list()[0]?.sandboxRefresh).toMatchObject({ toOrgId: NEW, attention: [] });
  });

  it('stays the same pending refresh at the next tests, until the admin confirms; then the new id is the org’s and tests are quiet', async () => {
    const { core, id, record, advance } = await sandboxOrg(inSandbox(NEW), inSandbox(NEW), inSandbox(NEW));
    await core.tester.test(id);
    advance(HOUR);
    expect((await core.tester.test(id)).warnings.map((w) => w.code)).toEqual(['SANDBOX_REFRESHED']);
    expect(record()).toMatchObject({ lastSuccessOrgId: OLD, sandboxRefresh: { detectedAt: START.toISOString() } });

    advance(HOUR);
    const confirmed = core.orgs.confirmSandboxRefresh(id);
    const at = new Date(START.getTime() + 2 * HOUR).toISOString();
    expect(confirmed).toMatchObject({ lastSuccessOrgId: NEW, sandboxRefresh: { fromOrgId: OLD, toOrgId: NEW, confirmedAt: at }, updatedAt: at });
    expect(record()).toMatchObject({ lastSuccessOrgId: NEW, sandboxRefresh: { confirmedAt: at } });
    expect((await core.tester.test(id)).warnings).toEqual([]);
  });

  it('confirming without a refresh pending changes nothing', async () => {
    const { core, id, record } = await sandboxOrg();
    const before = record();
    expect(core.orgs.confirmSandboxRefresh(id)).toMatchObject({ lastSuccessOrgId: OLD });
    expect(record()).toEqual(before);
  });

  it('a second refresh before the first was confirmed replaces it, still from the stored id', async () => {
    const { core, id, record, advance } = await sandboxOrg(inSandbox(NEW), inSandbox(NEWER));
    await core.tester.test(id);
    advance(HOUR);
    await core.tester.test(id);
    expect(record()).toMatchObject({ lastSuccessOrgId: OLD, sandboxRefresh: { fromOrgId: OLD, toOrgId: NEWER, detectedAt: new Date(START.getTime() + HOUR).toISOString() } });
  });

  it('a refresh confirmed before is replaced by the next one, which is pending again', async () => {
    const { core, id, record } = await sandboxOrg(inSandbox(NEW), inSandbox(NEWER));
    await core.tester.test(id);
    core.orgs.confirmSandboxRefresh(id);
    await core.tester.test(id);
    expect(record()).toMatchObject({ lastSuccessOrgId: NEW, sandboxRefresh: { fromOrgId: NEW, toOrgId: NEWER } });
    expect(record().sandboxRefresh).not.toHaveProperty('confirmedAt');
  });

  it('a new token proved in the new org notices the refresh as a test does', async () => {
    const { core, id, record } = await sandboxOrg(inSandbox(NEW));
    const result = await core.tokens.replaceToken(id, { pasted: 'NewToken0123456789abcdefg' });
    expect(result.stored).toBe(true);
    expect(result.outcome?.warnings.map((w) => w.code)).toEqual(['SANDBOX_REFRESHED']);
    expect(record()).toMatchObject({ lastSuccessOrgId: OLD, sandboxRefresh: { toOrgId: NEW } });
  });

  it('a production org of another id is no refresh: the new id is kept at once, with ORG_ID_CHANGED', async () => {
    const { core, id, record } = await scriptedCore([succeeds({ orgId: NEW })], { record: { lastSuccessOrgId: OLD } });
    expect((await core.tester.test(id)).warnings).toEqual([expect.objectContaining({ code: 'ORG_ID_CHANGED', message: expect.stringContaining(`from ${OLD} to ${NEW}`) })]);
    expect(record().lastSuccessOrgId).toBe(NEW);
    expect(record()).not.toHaveProperty('sandboxRefresh');
  });

  it('a failed login notices nothing', async () => {
    const { core, id, record } = await sandboxOrg(fails('INVALID_LOGIN'));
    await core.tester.test(id);
    expect(record()).not.toHaveProperty('sandboxRefresh');
  });
});

describe('what the old org had that needs a look', () => {
  it('Data Loader exports written before the refresh are stale until refreshed; one written after is not', async () => {
    const before = new Date(START.getTime() - HOUR).toISOString();
    const after = new Date(START.getTime() + HOUR).toISOString();
    const { core, id, settings } = await sandboxOrg(inSandbox(NEW));
    settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, dataLoaderExports: [anExport(before), anExport(before, after)] })) }));
    await core.tester.test(id);
    const [old, refreshed] = core.orgs.list()[0]!.dataLoaderExports;
    expect(old).toMatchObject({ stale: true, beforeSandboxRefresh: true, staleReason: expect.stringContaining('before the refresh') });
    expect(refreshed).toMatchObject({ stale: false });
    expect(refreshed).not.toHaveProperty('beforeSandboxRefresh');
    expect(core.orgs.list()[0]?.sandboxRefresh?.attention).toEqual(['exports']);
  });

  it('other records of the same old org are marked: a browser sign-in and a JWT setup; confirming one record confirms them all', async () => {
    const { core, id, settings } = await sandboxOrg(inSandbox(NEW));
    const earlier = new Date(START.getTime() - HOUR).toISOString();
    const base = settings.doc.orgs[0]!;
    const other = (suffix: string, change: Partial<OrgRecord>): OrgRecord => ({ ...base, id: `org-${suffix}`, alias: suffix, ...change });
    settings.update((doc) => ({
      ...doc,
      orgs: [
        ...doc.orgs,
        other('browser', { auth: 'browser', clientId: 'key', signedInAt: earlier }),
        other('jwt', { auth: 'jwt', clientId: 'key' }),
        other('elsewhere', { lastSuccessOrgId: NEWER }),
      ],
    }));
    await core.tester.test(id);
    const byAlias = Object.fromEntries(core.orgs.list().map((org) => [org.alias, org]));
    expect(byAlias.browser?.sandboxRefresh).toMatchObject({ fromOrgId: OLD, toOrgId: NEW, attention: ['sign-in'] });
    expect(byAlias.browser?.sandboxRefresh).not.toHaveProperty('provedAt');
    expect(byAlias.jwt?.sandboxRefresh).toMatchObject({ attention: ['credentials'] });
    expect(byAlias.elsewhere).not.toHaveProperty('sandboxRefresh');

    core.orgs.confirmSandboxRefresh(id);
    // Confirmed, the JWT setup still needs its look: nothing has logged in with it in the new org.
    expect(core.orgs.findByName('jwt')).toMatchObject({ lastSuccessOrgId: NEW, sandboxRefresh: { confirmedAt: START.toISOString(), attention: ['credentials'] } });
    expect(core.orgs.findByName('elsewhere')?.lastSuccessOrgId).toBe(NEWER);
  });

  it('a login of a marked record that works in the new org proves its setup there, and keeps the refresh pending', async () => {
    const detectedAt = new Date(START.getTime() - HOUR).toISOString();
    const { core, id, record } = await scriptedCore([inSandbox(NEW)], { org: { environment: 'sandbox' }, record: { lastSuccessOrgId: OLD, sandboxRefresh: { fromOrgId: OLD, toOrgId: NEW, detectedAt } } });
    await core.tester.test(id);
    expect(record()).toMatchObject({ lastSuccessOrgId: OLD, sandboxRefresh: { fromOrgId: OLD, toOrgId: NEW, detectedAt, provedAt: START.toISOString() } });
  });

  it('a browser sign-in made after the refresh was noticed is the new org’s', async () => {
    const { core, id, settings } = await sandboxOrg(inSandbox(NEW));
    await core.tester.test(id);
    const later = new Date(START.getTime() + HOUR).toISOString();
    const unproved = ({ provedAt: _proved, ...refresh }: NonNullable<OrgRecord['sandboxRefresh']>) => refresh;
    const asBrowser = (signedInAt: string) =>
      settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, auth: 'browser' as const, clientId: 'key', signedInAt, sandboxRefresh: unproved(o.sandboxRefresh!) })) }));
    asBrowser(new Date(START.getTime() - HOUR).toISOString());
    expect(core.orgs.list()[0]?.sandboxRefresh?.attention).toEqual(['sign-in']);
    asBrowser(later);
    expect(core.orgs.list()[0]?.sandboxRefresh?.attention).toEqual([]);
  });
});

describe('a refused login of a sandbox mentions a possible refresh where it fits', () => {
  it('a refused password, a revoked sign-in and an unknown app each get their hint; a production org and a timeout do not', async () => {
    const sandbox = await sandboxOrg(fails('INVALID_LOGIN'), fails('TIMEOUT'));
    expect((await sandbox.core.tester.test(sandbox.id)).failure?.hints).toContain(POSSIBLE_REFRESH_HINT.password);
    expect((await sandbox.core.tester.test(sandbox.id)).failure?.hints).not.toContain(POSSIBLE_REFRESH_HINT.password);

    const production = await scriptedCore([fails('INVALID_LOGIN')]);
    expect((await production.core.tester.test(production.id)).failure?.hints.join(' ')).not.toMatch(/refreshed/);

    const browser = await scriptedCore([fails('OAUTH_INVALID_GRANT')], { org: { environment: 'sandbox', auth: 'browser', username: '', password: '', token: '', clientId: '3MVG9' + 'A'.repeat(80) } });
    await storeSecret(browser.secrets, browser.id, 'refreshToken', 'refresh');
    expect((await browser.core.tester.test(browser.id)).failure).toMatchObject({ code: 'OAUTH_SIGN_IN_AGAIN', hints: [POSSIBLE_REFRESH_HINT['sign-in']] });
  });

  it('a refused certificate or an app without its client credentials user names a refreshed sandbox’s missing app', async () => {
    const jwt = await scriptedCore([fails('OAUTH_INVALID_GRANT', { description: 'invalid assertion' })], { org: { environment: 'sandbox', auth: 'jwt', username: 'etl@acme.com.uat', password: '', token: '', clientId: '3MVG9' + 'A'.repeat(80) } });
    expect((await jwt.core.tester.test(jwt.id)).failure).toMatchObject({ code: 'JWT_INVALID_ASSERTION', hints: expect.arrayContaining([POSSIBLE_REFRESH_HINT.app]) });
    const cc = await scriptedCore([fails('OAUTH_INVALID_GRANT', { description: 'no client credentials user enabled' })], {
      org: { environment: 'custom', customUrl: 'https://acme--uat.sandbox.my.salesforce.com', auth: 'client-credentials', username: '', password: '', token: '', clientId: '3MVG9' + 'A'.repeat(80), clientSecret: 'S3cret-consumer' },
    });
    expect((await cc.core.tester.test(cc.id)).failure).toMatchObject({ code: 'CC_FLOW_NOT_READY', hints: expect.arrayContaining([POSSIBLE_REFRESH_HINT.app]) });
  });

  it('a My Domain sandbox host, or a last test that met a sandbox, is a sandbox too', async () => {
    const host = await scriptedCore([fails('OAUTH_INVALID_CLIENT_ID')], { org: { environment: 'custom', customUrl: 'https://acme--uat.sandbox.my.salesforce.com' } });
    expect((await host.core.tester.test(host.id)).failure?.hints).toContain(POSSIBLE_REFRESH_HINT.app);
    const seen = await scriptedCore([inSandbox(OLD), fails('INVALID_LOGIN')], { org: { environment: 'custom', customUrl: 'https://sso.example.com' } });
    await seen.core.tester.test(seen.id);
    expect((await seen.core.tester.test(seen.id)).failure?.hints).toContain(POSSIBLE_REFRESH_HINT.password);
  });
});
