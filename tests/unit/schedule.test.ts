/**
 * Scheduled checks (electron/core/schedule/): when a run is due by the core's clock, the scheduled
 * rules (no confirmation past the lockout guard, orgs whose last failure needs a person reported
 * and not logged in), one notification per cause per org, and the check history. The core runs on
 * in-memory ports with a scripted Salesforce; the fake org and real parts are in
 * tests/integration/scheduled-checks.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCore } from '../../electron/core';
import { checkSchedule, isDue, nextRunAt } from '../../electron/core/schedule/due';
import { CHECK_HISTORY_LENGTH } from '../../electron/core/schedule/history';
import { needsPerson } from '../../electron/core/schedule/rules';
import type { OrgRecord } from '../../electron/core/settings/schema';
import type { ScheduleStatus } from '../../shared/domain';
import type { DesktopNotification, SchedulePreference } from '../../shared/notifications';
import { memorySecrets, memorySettings } from '../support/memory';
import { makeTempDir, removeTempDir } from '../support/temp';
import { rejection, testSigningKey } from '../support/scripted-core';
import { fails, scriptedGateway, succeeds, type Script } from '../support/scripted-gateway';
import { storeSecret } from '../support/org-secrets';

const HOUR = 3_600_000;
const daily = (time: string): SchedulePreference => ({ mode: 'daily', time, everyHours: 6 });
const hourly = (everyHours: number): SchedulePreference => ({ mode: 'hours', time: '07:00', everyHours });
/** A local wall-clock time: the daily schedule is in this computer's time zone. */
const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min);

describe('when a scheduled run is due', () => {
  it('daily: the first HH:MM (local) after the anchor, the next day once it has passed', () => {
    expect(nextRunAt(daily('07:00'), local(2026, 12, 2, 6, 59))).toEqual(local(2026, 12, 2, 7, 0));
    expect(nextRunAt(daily('07:00'), local(2026, 12, 2, 7, 0))).toEqual(local(2026, 12, 3, 7, 0));
    expect(nextRunAt(daily('23:30'), local(2026, 12, 31, 23, 45))).toEqual(local(2027, 1, 1, 23, 30));
  });

  it('every N hours: N hours after the anchor; off: never', () => {
    const anchor = new Date('2026-12-02T10:00:00Z');
    expect(nextRunAt(hourly(6), anchor)).toEqual(new Date('2026-12-02T16:00:00Z'));
    expect(nextRunAt({ mode: 'off', time: '07:00', everyHours: 6 }, anchor)).toBeNull();
    expect(isDue(hourly(6), anchor, new Date('2026-12-02T15:59:59Z'))).toBe(false);
    expect(isDue(hourly(6), anchor, new Date('2026-12-02T16:00:00Z'))).toBe(true);
    // A run missed while the computer slept is due once, at the next tick.
    expect(isDue(hourly(6), anchor, new Date('2026-12-05T00:00:00Z'))).toBe(true);
  });

  it('refuses a time that is not HH:MM and hours outside 1–24, each on its field', () => {
    for (const time of ['7:00', '24:00', '07:60', 'seven', '']) {
      expect(() => checkSchedule(daily(time))).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'INVALID_INPUT', field: 'time' }) }));
    }
    for (const everyHours of [0, 25, 1.5]) {
      expect(() => checkSchedule(hourly(everyHours))).toThrow(expect.objectContaining({ appError: expect.objectContaining({ field: 'everyHours' }) }));
    }
    expect(checkSchedule(daily('00:00'))).toEqual(daily('00:00'));
  });
});

const TESTED_AT = '2026-12-01T10:00:00.000Z';
function recordWith(last: { ok: boolean; code?: string }, record: Partial<OrgRecord> = {}): OrgRecord {
  return {
    id: 'org-1',
    alias: 'Prod',
    username: 'admin@acme.com',
    environment: 'production',
    loginUrl: 'https://login.salesforce.com',
    hasToken: true,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    passwordUpdatedAt: '2026-11-01T10:00:00.000Z',
    tokenUpdatedAt: '2026-11-01T10:00:00.000Z',
    auth: 'password',
    consecutiveFailures: 1,
    dataLoaderExports: [],
    lastTest: {
      ok: last.ok,
      testedAt: TESTED_AT,
      latencyMs: 5,
      via: 'soap',
      usedToken: true,
      warnings: [],
      ...(last.code ? { failure: { code: last.code as never, message: 'm', remedy: 'r', hints: [] } } : {}),
    },
    ...record,
  };
}

describe('which orgs a scheduled check does not log in to', () => {
  it('a wrong password or token, a locked-out user, an expired password or sign-in: until a person acts', () => {
    for (const code of ['INVALID_LOGIN', 'LOGIN_MUST_USE_SECURITY_TOKEN', 'PASSWORD_EXPIRED']) expect(needsPerson(recordWith({ ok: false, code })), code).toBe(true);
    expect(needsPerson(recordWith({ ok: false, code: 'OAUTH_SIGN_IN_AGAIN' }, { auth: 'browser', clientId: '3MVG9OrgKeyScheduleTestKey01' }))).toBe(true);
    // A new password, token, sign-in or any edit after that test: the person acted.
    const later = '2026-12-01T11:00:00.000Z';
    for (const acted of [{ passwordUpdatedAt: later }, { tokenUpdatedAt: later }, { signedInAt: later }, { updatedAt: later }]) {
      expect(needsPerson(recordWith({ ok: false, code: 'INVALID_LOGIN' }, acted)), JSON.stringify(acted)).toBe(false);
    }
  });

  it('not a network failure, a success, or a method that sends no password answering like a wrong one', () => {
    for (const code of ['TIMEOUT', 'HOST_NOT_FOUND', 'SERVER_ERROR', 'SOAP_LOGIN_UNAVAILABLE']) expect(needsPerson(recordWith({ ok: false, code })), code).toBe(false);
    expect(needsPerson(recordWith({ ok: true }))).toBe(false);
    expect(needsPerson(recordWith({ ok: false, code: 'OAUTH_USER_NOT_APPROVED' }, { auth: 'client-credentials', clientId: '3MVG9OrgKeyScheduleTestKey01' }))).toBe(false);
  });
});

/** A core on in-memory ports with a movable clock and a recording notifier, and `aliases` as password orgs. */
async function scheduledCore(answers: Script[] = [], { aliases = ['Prod'], notifier = true, dataDir }: { aliases?: string[]; notifier?: boolean; dataDir?: string } = {}) {
  const settings = memorySettings();
  const secrets = memorySecrets();
  let now = new Date('2026-12-02T10:00:00.000Z');
  const gateway = scriptedGateway(answers);
  const shown: DesktopNotification[] = [];
  const clicks: Array<() => void> = [];
  let ids = 0;
  const core = createCore(
    {
      settings,
      secrets,
      clock: { now: () => now },
      salesforce: gateway,
      newId: () => `org-${++ids}`,
      ...(dataDir ? { dataDir } : {}),
      ...(notifier ? { notifier: { show: (n: DesktopNotification, onClick: () => void) => void (shown.push(n), clicks.push(onClick)) } } : {}),
    },
    { host: 'browser', version: 'test', makeSigningKey: testSigningKey(secrets) },
  );
  for (const alias of aliases) await core.orgs.add({ alias, environment: 'production', username: `${alias.toLowerCase()}@acme.com`, password: 'Sup3r secret!', token: 'AbCdEfGhIjKlMnOpQrStUvWx1' });
  const finished: ScheduleStatus[] = [];
  core.events.on('schedule.finished', (status) => finished.push(status));
  return {
    core,
    settings,
    secrets,
    gateway,
    shown,
    clicks,
    finished,
    record: (id: string) => settings.doc.orgs.find((o) => o.id === id)!,
    advance: (ms: number) => void (now = new Date(now.getTime() + ms)),
    now: () => now,
  };
}

describe('the scheduler', () => {
  it('is off by default; a new schedule counts from when it was set, so runDue runs only once it is due', async () => {
    const s = await scheduledCore([succeeds(), succeeds()]);
    expect(s.core.schedule.status()).toMatchObject({ schedule: { mode: 'off' }, nextRunAt: null, lastRun: null, running: false });
    expect(await s.core.schedule.runDue()).toBeNull();

    const set = s.core.schedule.set(hourly(6));
    expect(set.nextRunAt).toBe('2026-12-02T16:00:00.000Z');
    expect(await s.core.schedule.runDue()).toBeNull();
    s.advance(6 * HOUR - 1);
    expect(await s.core.schedule.runDue()).toBeNull();
    expect(s.gateway.checks).toHaveLength(0);

    s.advance(1);
    const after = await s.core.schedule.runDue();
    expect(s.gateway.checks).toHaveLength(1);
    expect(after).toMatchObject({ lastRun: { at: '2026-12-02T16:00:00.000Z', checked: 1, failed: 0, skipped: 0 }, nextRunAt: '2026-12-02T22:00:00.000Z', running: false });
    expect(s.finished).toEqual([after]);
    // Not due again until the next slot.
    expect(await s.core.schedule.runDue()).toBeNull();
  });

  it('runNow starts one run in the background and says so; a second call while it runs starts nothing', async () => {
    const s = await scheduledCore([succeeds()]);
    const first = s.core.schedule.runNow();
    expect(first.running).toBe(true);
    expect(s.core.schedule.runNow().running).toBe(true);
    await new Promise<void>((resolve) => s.core.events.on('schedule.finished', () => resolve()));
    expect(s.gateway.checks).toHaveLength(1);
    expect(s.core.schedule.status()).toMatchObject({ running: false, lastRun: { checked: 1 } });
  });

  it('never confirms past the lockout guard: a guarded org is reported as skipped, no login sent', async () => {
    const s = await scheduledCore([]);
    const id = s.core.orgs.list()[0]!.id;
    s.settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, consecutiveFailures: 2 })) }));
    const run = await s.core.schedule.runChecks();
    expect(s.gateway.checks).toHaveLength(0);
    expect(run.checks).toEqual([expect.objectContaining({ id, kind: 'skipped', reason: 'guarded' })]);
    expect(run.summary).toMatchObject({ checked: 0, skipped: 1 });
    expect(s.core.checks.history(id)).toEqual([expect.objectContaining({ ok: false, scheduled: true, skipped: 'guarded' })]);
  });

  it('does not log in to an org whose last failure needs a person, reports it, and tests it again once the person acted', async () => {
    const s = await scheduledCore([fails('INVALID_LOGIN'), succeeds(), succeeds()], { aliases: ['Bad', 'Good'] });
    const [bad, good] = s.core.orgs.list().map((o) => o.id) as [string, string];
    await s.core.tester.test(bad);
    expect(s.gateway.checks).toHaveLength(1);

    const run = await s.core.schedule.runChecks();
    expect(s.gateway.checks.map((c) => c.username)).toEqual(['bad@acme.com', 'good@acme.com']);
    expect(run.checks.map((c) => [c.id, c.kind])).toEqual([
      [bad, 'skipped'],
      [good, 'tested'],
    ]);
    expect(run.checks[0]).toMatchObject({ reason: 'needs-person', error: { code: 'NEEDS_PERSON' } });
    expect(s.core.checks.history(bad)[0]).toMatchObject({ scheduled: true, skipped: 'needs-person', code: 'INVALID_LOGIN' });

    // A new password: the next scheduled check logs in again.
    s.advance(HOUR);
    s.settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => (o.id === bad ? { ...o, passwordUpdatedAt: s.now().toISOString() } : o)) }));
    s.gateway.script(succeeds());
    await s.core.schedule.runChecks();
    expect(s.gateway.checks.map((c) => c.username)).toEqual(['bad@acme.com', 'good@acme.com', 'bad@acme.com', 'good@acme.com']);
  });

  it('keeps each org’s last 50 checks, newest first, in checks/<id>.jsonl, and deletes them with the org', async () => {
    const dataDir = makeTempDir('schedule');
    try {
      const s = await scheduledCore(Array.from({ length: CHECK_HISTORY_LENGTH + 2 }, (_, i) => (i % 2 ? fails('TIMEOUT') : succeeds())), { dataDir });
      const id = s.core.orgs.list()[0]!.id;
      for (let i = 0; i < CHECK_HISTORY_LENGTH + 2; i++) {
        s.advance(1000);
        await s.core.tester.test(id);
      }
      const history = s.core.checks.history(id);
      expect(history).toHaveLength(CHECK_HISTORY_LENGTH);
      expect(history[0]).toMatchObject({ ok: false, scheduled: false, code: 'TIMEOUT', at: s.now().toISOString() });
      expect(history[1]).toMatchObject({ ok: true, scheduled: false });
      const file = path.join(dataDir, 'checks', `${id}.jsonl`);
      // One check a line, oldest first.
      const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
      expect(lines.slice(-CHECK_HISTORY_LENGTH).reverse()).toEqual(history);
      await s.core.orgs.remove(id);
      expect(fs.existsSync(file)).toBe(false);
      await expect(rejection(Promise.resolve().then(() => s.core.checks.history(id)))).resolves.toMatchObject({ appError: { code: 'ORG_NOT_FOUND' } });
    } finally {
      removeTempDir(dataDir);
    }
  });
});

/** One run of the app's schedule, to its `schedule.finished`. */
async function runOnce(core: Awaited<ReturnType<typeof scheduledCore>>['core']) {
  const finished = new Promise<void>((resolve) => {
    const stop = core.events.on('schedule.finished', () => {
      stop();
      resolve();
    });
  });
  core.schedule.runNow();
  await finished;
}

describe('notifications', () => {
  it('a login that starts failing is told once, not at every run; told again after it worked and failed anew', async () => {
    const s = await scheduledCore([succeeds(), fails('TIMEOUT'), fails('API_CURRENTLY_DISABLED'), fails('API_CURRENTLY_DISABLED'), succeeds(), fails('API_CURRENTLY_DISABLED')]);
    const run = () => runOnce(s.core);
    await run();
    // A network failure says nothing about the login.
    await run();
    expect(s.shown).toEqual([]);
    await run();
    await run();
    expect(s.shown).toEqual([expect.objectContaining({ title: 'Prod: login failing', cause: 'login-failing', orgId: s.core.orgs.list()[0]!.id })]);
    expect(s.shown[0]!.body).toContain('API Enabled');
    await run();
    await run();
    expect(s.shown.map((n) => n.cause)).toEqual(['login-failing', 'login-failing']);
  });

  it('a click tells the window to open the org', async () => {
    const s = await scheduledCore([fails('API_CURRENTLY_DISABLED')]);
    const clicked: Array<{ orgId: string }> = [];
    s.core.events.on('notification.clicked', (payload) => clicked.push(payload));
    await s.core.schedule.runChecks().then(() => s.core.schedule.evaluate());
    s.clicks[0]!();
    expect(clicked).toEqual([{ orgId: s.core.orgs.list()[0]!.id }]);
  });

  it('a cause switched off is neither told nor remembered: switched on again, it is told', async () => {
    const s = await scheduledCore([fails('API_CURRENTLY_DISABLED')]);
    s.core.preferences.update({ notifications: { 'login-failing': false } });
    expect(s.core.preferences.get().notifications).toMatchObject({ 'login-failing': false, 'password-expiring': true });
    await s.core.schedule.runChecks();
    s.core.schedule.evaluate();
    expect(s.shown).toEqual([]);
    s.core.preferences.update({ notifications: { 'login-failing': true } });
    s.core.schedule.evaluate();
    expect(s.shown.map((n) => n.cause)).toEqual(['login-failing']);
  });

  it('a test the admin runs is evaluated too, so a scheduled run does not tell the same cause again', async () => {
    const s = await scheduledCore([fails('API_CURRENTLY_DISABLED'), fails('API_CURRENTLY_DISABLED')]);
    await s.core.tester.test(s.core.orgs.list()[0]!.id);
    expect(s.shown.map((n) => n.cause)).toEqual(['login-failing']);
    await s.core.schedule.runChecks();
    s.core.schedule.evaluate();
    expect(s.shown).toHaveLength(1);
  });

  it('a test whose causes change nothing is still two settings writes (the reservation and the settle)', async () => {
    const s = await scheduledCore([succeeds(), succeeds()]);
    const id = s.core.orgs.list()[0]!.id;
    await s.core.tester.test(id);
    const update = vi.spyOn(s.settings, 'update');
    await s.core.tester.test(id);
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('without a notifier (the CLI) nothing is remembered, so the app still tells it', async () => {
    const s = await scheduledCore([fails('API_CURRENTLY_DISABLED')], { notifier: false });
    await s.core.tester.test(s.core.orgs.list()[0]!.id);
    s.core.schedule.evaluate();
    expect(s.record(s.core.orgs.list()[0]!.id).notified).toBeUndefined();
  });

  it('a JWT certificate near its expiry, by the clock alone', async () => {
    const s = await scheduledCore([], { aliases: [] });
    await s.core.orgs.add({ alias: 'Jwt', environment: 'production', auth: 'jwt', username: 'int@acme.com', password: '', clientId: '3MVG9OrgKeyScheduleTestKey01' });
    s.core.schedule.evaluate();
    expect(s.shown).toEqual([]);
    // testSigningKey's certificate ends on 2028-11-28: 30 days before it is within the warning.
    s.advance(Date.parse('2028-10-29T10:00:00Z') - s.now().getTime());
    s.core.schedule.evaluate();
    s.core.schedule.evaluate();
    expect(s.shown).toEqual([expect.objectContaining({ cause: 'certificate-expiring', title: 'Jwt: certificate expiring' })]);
  });

  it('a retirement within 30 days, only for an org that depends on it', async () => {
    const s = await scheduledCore([], { aliases: ['Soap'] });
    await s.core.orgs.add({ alias: 'OAuth', environment: 'production', username: 'o@acme.com', password: 'Sup3r secret!', token: '', clientId: '3MVG9OrgKeyScheduleTestKey01', clientSecret: 'secret' });
    s.core.schedule.evaluate();
    expect(s.shown).toEqual([]);
    // The OAuth username-password flow ends on 20 Feb 2027 (shared/retirements.json).
    s.advance(Date.parse('2027-01-21T10:00:00Z') - s.now().getTime());
    s.core.schedule.evaluate();
    expect(s.shown).toEqual([expect.objectContaining({ cause: 'retirement-near', title: 'OAuth: login method retiring' })]);
    expect(s.shown[0]!.body).toContain('20 Feb 2027 (in 30 days)');
  });

  it('a password expiring within the warning window, forgotten once it is changed', async () => {
    const s = await scheduledCore([]);
    const id = s.core.orgs.list()[0]!.id;
    const policy = (expiresAt: string) => ({ readAt: s.now().toISOString(), lastChangedAt: '2026-09-10T10:00:00.000Z', neverExpires: false, expiryDays: 90, source: 'org' as const, expiresAt });
    s.settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, passwordPolicy: policy('2026-12-09T10:00:00.000Z') })) }));
    s.core.schedule.evaluate();
    s.core.schedule.evaluate();
    expect(s.shown).toEqual([expect.objectContaining({ cause: 'password-expiring', title: 'Prod: password expiring' })]);
    expect(s.record(id).notified).toEqual(['password-expiring']);
    s.settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, passwordPolicy: policy('2027-03-09T10:00:00.000Z') })) }));
    s.core.schedule.evaluate();
    expect(s.record(id).notified).toBeUndefined();
  });

  it('a browser sign-in revoked: its own cause, not also “login failing”', async () => {
    const s = await scheduledCore([fails('OAUTH_SIGN_IN_AGAIN')], { aliases: [] });
    const { org } = await s.core.orgs.add({ alias: 'Web', environment: 'production', auth: 'browser', username: '', password: '', clientId: '3MVG9OrgKeyScheduleTestKey01' });
    s.settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, signedInAt: '2026-12-01T10:00:00.000Z' })) }));
    await storeSecret(s.secrets, org.id, 'refreshToken', 'refresh-token-value');
    await runOnce(s.core);
    expect(s.gateway.checks).toHaveLength(1);
    expect(s.shown.map((n) => n.cause)).toEqual(['refresh-token-revoked']);
  });
});
