/**
 * The login audit on real parts: the OS keychain, a settings file in a temp folder, real jsforce,
 * and the fake org's seeded Login History (five integration users, several 2,000-row pages). The
 * groups, counts, deadlines and where to move each; paging; a cancel mid-way; a user who sees only
 * their own logins; the kept result, owner-only, across a restart and gone with the org.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { LoginAudit } from '../../shared/login-audit';
import { bootRealCore, useCoreSuite, type CoreSuite } from '../support/core';
import { credentials, PROD_ADMIN, type Control } from '../support/fake-org';
import { readAllFiles } from '../support/temp';

const suite = useCoreSuite('login-audit');
let fake: CoreSuite['fake'];
let control: Control;
let core: Core;
let dir: string;
let service: string;
beforeEach(() => ({ fake, control, core, dir, service } = suite));

/** The production admin's org in OrgKey (SOAP login(), as Data Loader logs in), and its seeded history. */
async function seededOrg(seed: { days: number; perDay: number }) {
  const { password, token, orgId } = await credentials(control, PROD_ADMIN);
  const { org } = await core.orgs.add({ alias: 'Acme', environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password, token });
  const seeded = await control.seedLoginHistory(orgId, seed);
  return { id: org.id, seeded, password, token };
}

const byUser = (audit: LoginAudit, username: string) => audit.groups.filter((group) => group.username === username);

describe('auditing an org’s Login History', () => {
  it('groups every login by user, application and flow, with its deadline and where to move it, across several pages', async () => {
    const { id, seeded, password, token } = await seededOrg({ days: 10, perDay: 500 });
    expect(seeded.rows).toBe(5000);
    const progress: Array<{ rows: number; pages: number }> = [];
    const audit = await core.audits.run(id, { days: 30, onProgress: (step) => progress.push(step) });

    // The seeded rows and the audit's own login (SOAP login(), by jsforce: no client name).
    expect(audit).toMatchObject({ alias: 'Acme', days: 30, rows: 5001, complete: true, scope: 'org' });
    expect(progress.map((step) => step.rows)).toEqual([2000, 4000, 5001]);
    expect(progress.at(-1)!.pages).toBe(3);
    const counted = (username: string) => byUser(audit, username).reduce((sum, group) => sum + group.count, 0);
    for (const user of seeded.users) expect(counted(user.username), user.username).toBe(user.rows);

    const [dataLoader, etl, tableau, casey, billing] = seeded.users.map((user) => user.username);
    const loader = byUser(audit, dataLoader!);
    expect(loader.map((group) => group.application).sort()).toEqual(['DataLoaderPartnerBatch/58.0.3', 'DataLoaderPartnerBatch/64.1.0']);
    for (const group of loader) {
      expect(group).toMatchObject({ name: 'Nightly Data Loader', flow: 'soap', loginType: 'Other Apex API', apiType: 'SOAP Partner', sourceIps: ['203.0.113.10'], moveTo: 'client-credentials' });
      expect(group.retirement).toEqual({ flow: 'soap', affected: true, deadline: null, deadlineLabel: 'Summer ’27', daysLeft: null, alreadyOff: false });
    }
    expect(loader.find((group) => group.application.endsWith('58.0.3'))!.apiVersions).toEqual(['58.0']);
    expect(byUser(audit, etl!)).toEqual([
      expect.objectContaining({
        name: 'ETL Script',
        flow: 'oauth-password',
        application: 'Acme Nightly Sync',
        loginSubType: 'OAuth Username-Password',
        sourceIps: ['198.51.100.20', '198.51.100.21'],
        retirement: expect.objectContaining({ flow: 'oauth-password', deadline: '2027-02-20', deadlineLabel: '20 Feb 2027' }),
        moveTo: 'client-credentials',
      }),
    ]);
    expect(byUser(audit, tableau!)).toEqual([expect.objectContaining({ flow: 'refresh-token', failures: 0, retirement: expect.objectContaining({ affected: false }), moveTo: 'browser' })]);
    expect(byUser(audit, casey!)).toEqual([expect.objectContaining({ flow: 'ui', application: 'Browser', moveTo: 'browser' })]);
    expect(byUser(audit, casey!)[0]!.sourceIps).toHaveLength(3);
    expect(byUser(audit, billing!)).toEqual([expect.objectContaining({ flow: 'client-credentials', moveTo: 'client-credentials' })]);
    expect(byUser(audit, PROD_ADMIN)).toEqual([expect.objectContaining({ flow: 'soap', application: '', count: 1, apiVersions: ['64.0'] })]);
    // Failures are counted where the seed writes them.
    expect(loader.reduce((sum, group) => sum + group.failures, 0)).toBeGreaterThan(0);

    // By deadline: the password flow (20 Feb 2027), then SOAP (Summer ’27) by volume, then the rest.
    const flows = audit.groups.map((group) => group.flow);
    expect(flows[0]).toBe('oauth-password');
    expect(flows.slice(1, 4)).toEqual(['soap', 'soap', 'soap']);
    expect(audit.groups.slice(1, 4).map((group) => group.count)).toEqual([...audit.groups.slice(1, 4).map((group) => group.count)].sort((a, b) => b - a));
    expect(flows.slice(4).every((flow) => ['refresh-token', 'ui', 'client-credentials'].includes(flow))).toBe(true);

    // Nothing the audit wrote holds a secret.
    for (const { file, text } of readAllFiles(dir)) {
      expect(text, file).not.toContain(password);
      expect(text, file).not.toContain(token);
    }
  });

  it('keeps the result with the org: in brief in settings.json, the groups in an owner-only file, removed with the org', async () => {
    const { id } = await seededOrg({ days: 3, perDay: 100 });
    const audit = await core.audits.run(id, { days: 7 });
    const file = path.join(dir, 'audits', `${id}.json`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const settings = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
    expect(settings).not.toContain('groups');
    expect(settings).not.toContain('203.0.113.10');
    expect(core.orgs.list()[0]!.lastAudit).toEqual({ at: audit.to, days: 7, rows: audit.rows, complete: true, scope: 'org', flows: expect.objectContaining({ soap: expect.any(Number), 'oauth-password': expect.any(Number) }) });

    // Another process (or the app after a restart) finds it.
    const again = bootRealCore(dir, service);
    expect(again.audits.last(id)).toEqual(audit);
    await again.orgs.remove(id);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('stops between pages when cancelled, and says the result is incomplete', async () => {
    const { id } = await seededOrg({ days: 10, perDay: 600 });
    const controller = new AbortController();
    const audit = await core.audits.run(id, { days: 30, signal: controller.signal, onProgress: ({ pages }) => pages === 1 && controller.abort() });
    expect(audit).toMatchObject({ rows: 2000, complete: false });
    // Its groups name their users all the same.
    expect(audit.groups.every((group) => group.username.includes('@'))).toBe(true);
    expect(core.audits.last(id)).toMatchObject({ rows: 2000, complete: false });
    expect(core.orgs.list()[0]!.lastAudit).toMatchObject({ complete: false, rows: 2000 });
  });

  it('gives a user who may not read everyone’s history their own logins, and says only an admin sees the whole org', async () => {
    const { id } = await seededOrg({ days: 5, perDay: 200 });
    await control.patchUser(PROD_ADMIN, { manageUsers: false });
    const audit = await core.audits.run(id, { days: 30 });
    expect(audit).toMatchObject({ scope: 'own', rows: 1, complete: true });
    expect(audit.groups).toEqual([expect.objectContaining({ username: PROD_ADMIN, flow: 'soap' })]);
    await control.patchUser(PROD_ADMIN, { monitorLoginHistory: true });
    expect(await core.audits.run(id, { days: 30 })).toMatchObject({ scope: 'org', rows: 1002 });
  });

  it('reads only the days asked for', async () => {
    const { id, seeded } = await seededOrg({ days: 20, perDay: 50 });
    const audit = await core.audits.run(id, { days: 5 });
    expect(audit.rows).toBeGreaterThan(4 * 50);
    expect(audit.rows).toBeLessThan(6 * 50 + 2);
    expect(Date.parse(audit.groups.reduce((first, group) => (group.firstSeen < first ? group.firstSeen : first), audit.to))).toBeGreaterThanOrEqual(Date.parse(audit.from));
    expect(seeded.rows).toBe(1000);
  });
});
