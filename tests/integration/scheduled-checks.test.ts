/**
 * Scheduled checks on real parts: the core with the real keychain and a settings file in a temp
 * folder, jsforce and the fake org, the core's clock moved forward instead of waiting. What the
 * fake org's login history shows is the proof that a skipped org was never logged in to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { openConfSettings } from '../../electron/core/settings/store';
import type { DesktopNotification } from '../../shared/notifications';
import { credentials, NO_API_USER, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../support/fake-org';
import { bootRealCore, useCoreSuite, type CoreSuite } from '../support/core';
import { readAllFiles } from '../support/temp';

const HOUR = 3_600_000;
const shown: DesktopNotification[] = [];
let now = new Date();
const suite = useCoreSuite('sched', () => {
  shown.length = 0;
  now = new Date();
  return { clock: { now: () => now }, notifier: { show: (notification) => void shown.push(notification) } };
});
let fake: CoreSuite['fake'];
let control: Control;
let core: Core;
beforeEach(() => ({ fake, control, core } = suite));

async function addOrg(alias: string, username: string, password?: string) {
  const creds = await credentials(control, username);
  const { org } = await core.orgs.add({ alias, environment: 'custom', customUrl: fake.org.loginUrl, username, password: password ?? creds.password, token: creds.token });
  return org.id;
}
const logins = async (username: string) => (await control.loginHistory(username)).length;
const advance = (ms: number) => void (now = new Date(now.getTime() + ms));
/** The org's record as the settings file holds it. */
const stored = (id: string) => openConfSettings(suite.dir).read().orgs.find((org) => org.id === id)!;

describe('scheduled checks against the fake org, the clock moved forward', () => {
  it('run when due, skip the org whose password is wrong without a login, and notify each cause once', async () => {
    const good = await addOrg('Good', PROD_ADMIN);
    const wrong = await addOrg('Wrong', SANDBOX_ADMIN, 'not-the-password');
    const noApi = await addOrg('No API', NO_API_USER);
    // The admin's own test finds the wrong password (and tells it once).
    expect((await core.tester.test(wrong)).failure?.code).toBe('INVALID_LOGIN');
    expect(await logins(SANDBOX_ADMIN)).toBe(1);
    expect(shown.map((n) => [n.orgId, n.cause])).toEqual([[wrong, 'login-failing']]);

    expect(core.schedule.set({ mode: 'hours', time: '07:00', everyHours: 6 }).nextRunAt).toBe(new Date(now.getTime() + 6 * HOUR).toISOString());
    expect(await core.schedule.runDue()).toBeNull();
    expect(await logins(PROD_ADMIN)).toBe(0);

    advance(6 * HOUR);
    const first = await core.schedule.runDue();
    expect(first).toMatchObject({ lastRun: { checked: 2, failed: 1, skipped: 1 }, running: false });
    expect(await logins(PROD_ADMIN)).toBe(1);
    expect(await logins(NO_API_USER)).toBe(1);
    // Never logged in again while its last failure needs a person.
    expect(await logins(SANDBOX_ADMIN)).toBe(1);
    expect(shown.map((n) => [n.orgId, n.cause])).toEqual([
      [wrong, 'login-failing'],
      [noApi, 'login-failing'],
    ]);
    expect(core.checks.history(wrong)[0]).toMatchObject({ scheduled: true, ok: false, skipped: 'needs-person', code: 'INVALID_LOGIN' });
    expect(core.checks.history(good)[0]).toMatchObject({ scheduled: true, ok: true });

    advance(6 * HOUR);
    await core.schedule.runDue();
    expect(await logins(SANDBOX_ADMIN)).toBe(1);
    expect(await logins(NO_API_USER)).toBe(2);
    // One notification per cause, not one per run.
    expect(shown).toHaveLength(2);
    expect(core.checks.history(wrong).map((entry) => entry.skipped ?? 'tested')).toEqual(['needs-person', 'needs-person', 'tested']);

    // The notifications name the org and the cause, never a secret.
    const { password, token } = await credentials(control, PROD_ADMIN);
    for (const notification of shown) expect(JSON.stringify(notification)).not.toMatch(new RegExp(`${password}|${token}|not-the-password`));
  });

  it('tell a refreshed sandbox once, and forget it once the admin confirmed the refresh', async () => {
    const id = await addOrg('UAT', SANDBOX_ADMIN);
    const { orgId: oldId } = await credentials(control, SANDBOX_ADMIN);
    expect((await core.tester.test(id)).ok).toBe(true);
    const { orgId: newId } = await control.refreshSandbox(oldId);
    // The sandbox user now logs in with its production counterpart's password and a new token: the proof notices the new org.
    const now = await credentials(control, SANDBOX_ADMIN);
    expect((await core.tokens.changePassword(id, { password: now.password, pasted: now.token })).stored).toBe(true);

    core.schedule.set({ mode: 'hours', time: '07:00', everyHours: 1 });
    advance(HOUR);
    await core.schedule.runDue();
    expect(shown).toEqual([expect.objectContaining({ orgId: id, cause: 'sandbox-refreshed', title: 'UAT: sandbox refreshed', body: expect.stringContaining(newId) })]);
    advance(HOUR);
    await core.schedule.runDue();
    expect(shown).toHaveLength(1);
    expect(stored(id).notified).toEqual(['sandbox-refreshed']);

    core.orgs.confirmSandboxRefresh(id);
    advance(HOUR);
    await core.schedule.runDue();
    expect(stored(id).notified).toBeUndefined();
    expect(shown).toHaveLength(1);
  });

  it('tell a password that comes within 14 days of its expiry once, as the clock moves on', async () => {
    // The org's policy is Salesforce's default, 90 days: changed 60 days ago, it expires in 30.
    await control.patchUser(PROD_ADMIN, { lastPasswordChangeDaysAgo: 60 });
    const id = await addOrg('Good', PROD_ADMIN);
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(shown).toEqual([]);

    core.schedule.set({ mode: 'daily', time: '07:00', everyHours: 6 });
    advance(17 * 24 * HOUR);
    await core.schedule.runDue();
    expect(shown).toEqual([expect.objectContaining({ orgId: id, cause: 'password-expiring', title: 'Good: password expiring', body: expect.stringContaining('under the org’s password policy (90 days)') })]);
    advance(24 * HOUR);
    await core.schedule.runDue();
    expect(shown).toHaveLength(1);
    expect(await logins(PROD_ADMIN)).toBe(3);
  });

  it('keep the check history in checks/<id>.jsonl, the schedule across a restart, and remove the history with the org', async () => {
    const good = await addOrg('Good', PROD_ADMIN);
    core.schedule.set({ mode: 'daily', time: '07:00', everyHours: 6 });
    advance(25 * HOUR);
    await core.schedule.runDue();
    const file = path.join(suite.dir, 'checks', `${good}.jsonl`);
    expect(fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([expect.objectContaining({ scheduled: true, ok: true })]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const restarted = bootRealCore(suite.dir, suite.service, { clock: { now: () => now } });
    expect(restarted.schedule.status()).toMatchObject({ schedule: { mode: 'daily', time: '07:00' }, lastRun: { checked: 1, failed: 0, skipped: 0 } });
    expect(await restarted.schedule.runDue()).toBeNull();
    const { password, token } = await credentials(control, PROD_ADMIN);
    for (const { text } of readAllFiles(suite.dir)) expect(text).not.toMatch(new RegExp(`${password}|${token}`));
    await restarted.orgs.remove(good);
    expect(fs.existsSync(file)).toBe(false);
  });
});
