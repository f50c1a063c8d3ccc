/**
 * Scheduled checks end to end: the schedule set in Settings, the core's clock moved forward and the
 * scheduler's tick fired through the browser host (the same `runDue()` its timer calls), the check
 * history filling on the org's detail, and the desktop notifications the host records — once per
 * cause across runs, none for a cause switched off, a click opening the org. Each org's logins are
 * counted in the fake org's login history: a skipped org sends none. Waits are on the app's state.
 */
import type { Page } from '@playwright/test';
import { credentials, PROD_ADMIN } from '../../tests/support/fake-org';
import { expect, test, type AppFixture, type FakeOrgFixture } from '../fixtures';

async function addOrg(app: AppFixture, fake: FakeOrgFixture, alias: string, username = PROD_ADMIN) {
  const creds = await credentials(fake.control, username);
  const { org } = await app.host.core.orgs.add({ alias, environment: 'custom', customUrl: fake.org.loginUrl, username, password: creds.password, token: creds.token });
  return { ...org, password: creds.password, token: creds.token };
}

const logins = async (fake: FakeOrgFixture, username = PROD_ADMIN) => (await fake.control.loginHistory(username)).length;

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  return page.getByRole('region', { name: 'Scheduled checks' });
}

/** 'Acme prod' added through the core, then the app (reloaded to show it) on Settings. */
async function settingsWithOrg(app: AppFixture, fake: FakeOrgFixture) {
  await addOrg(app, fake, 'Acme prod');
  await app.reload();
  return { page: app.page, schedule: await openSettings(app.page) };
}

async function openDetail(page: Page, alias: string) {
  await page.getByRole('button', { name: 'Back to orgs' }).click();
  await page.getByRole('button', { name: alias, exact: true }).click();
  return page.getByRole('region', { name: 'Check history' });
}

/** Move the core's clock on by `hours` and fire the scheduler's tick; resolves when the run it started has ended. */
async function runScheduled(app: AppFixture, hours: number) {
  app.clock.advance(hours * 60 * 60_000);
  expect(await app.host.tick()).not.toBeNull();
}

test('a schedule set in Settings runs when its time comes; the history and the list show it', async ({ app, fake }) => {
  const { page, schedule } = await settingsWithOrg(app, fake);
  await expect(schedule.locator('[data-schedule-next]')).toHaveText('No check is scheduled.');
  await schedule.getByRole('radio', { name: 'Every few hours' }).check();
  await schedule.getByLabel('Hours between checks').fill('6');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByRole('status')).toContainText('Settings saved');
  await expect(schedule.locator('[data-schedule-next]')).toHaveText(/^Next check: /);
  expect(app.host.core.preferences.get().schedule).toMatchObject({ mode: 'hours', everyHours: 6 });
  // Turning it on never checks at once.
  expect(await logins(fake)).toBe(0);

  // The run comes due while the org's detail is open: its history takes the check in as the run ends.
  const history = await openDetail(page, 'Acme prod');
  await expect(history).toContainText('No checks yet');
  await runScheduled(app, 6);
  await expect(history.locator('tr[data-check]')).toHaveCount(1);
  await expect(history.locator('tr[data-check="ok"][data-scheduled="true"]')).toContainText('Scheduled');
  expect(await logins(fake)).toBe(1);

  // A test by hand joins it at the top.
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(history.locator('tr[data-check]')).toHaveCount(2);
  await expect(history.locator('tr[data-check]').first()).toHaveAttribute('data-scheduled', 'false');
  await expect(history.locator('tr[data-check]').first()).toContainText('By hand');

  await page.getByRole('button', { name: 'Back to orgs' }).click();
  await expect(page.locator('[data-schedule-line]')).toContainText('Last scheduled check just now — 1 org checked: all OK');
  await expect((await openSettings(page)).locator('[data-schedule-last]')).toContainText('1 org checked: all OK');
});

test('bad schedule values are explained next to their field and nothing is saved', async ({ app }) => {
  const { page } = app;
  const schedule = await openSettings(page);
  await schedule.getByRole('radio', { name: 'Every few hours' }).check();
  const hours = schedule.getByLabel('Hours between checks');
  await hours.fill('25');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(hours).toHaveAccessibleDescription(/whole number of hours from 1 to 24/);
  await expect(hours).toBeFocused();
  expect(app.host.core.preferences.get().schedule.mode).toBe('off');
  // What was typed stays.
  await expect(hours).toHaveValue('25');

  await schedule.getByRole('radio', { name: 'Every day at a set time' }).check();
  const time = schedule.getByLabel('Time of day');
  await time.fill('');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(time).toHaveAccessibleDescription(/such as 07:00/);
  expect(app.host.core.preferences.get().schedule.mode).toBe('off');
  await time.fill('06:30');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByRole('status')).toContainText('Settings saved');
  expect(app.host.core.preferences.get().schedule).toMatchObject({ mode: 'daily', time: '06:30' });
});

test('a login that starts failing notifies once across two runs; the org it needs a person for is skipped, not logged in to', async ({ app, fake }) => {
  const org = await addOrg(app, fake, 'Acme prod');
  await app.host.core.schedule.set({ mode: 'hours', time: '07:00', everyHours: 1 });
  await app.reload();
  // Someone changed the integration user's password in Salesforce: the stored one is now wrong.
  await fake.control.setPassword(PROD_ADMIN, 'Changed-Elsewhere-1');

  await runScheduled(app, 1);
  expect(await logins(fake)).toBe(1);
  expect(app.host.notifications.map((n) => [n.orgId, n.cause])).toEqual([[org.id, 'login-failing']]);
  expect(app.host.notifications[0]!.title).toContain('Acme prod');
  // What a notification says is seen by anyone near the screen: never a secret.
  for (const secret of [org.password, org.token, 'Changed-Elsewhere-1']) expect(JSON.stringify(app.host.notifications)).not.toContain(secret);

  // Clicking the notification opens the org.
  const { page } = app;
  app.host.notifications[0]!.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme prod');
  const history = page.getByRole('region', { name: 'Check history' });
  await expect(history.locator('tr[data-check]')).toHaveCount(1);
  await expect(history.locator('tr[data-check]').first()).toHaveAttribute('data-check-code', 'INVALID_LOGIN');

  // The next run leaves it alone: the last failure needs a person. No login, no second notification;
  // the history open on screen says why it was skipped.
  await runScheduled(app, 1);
  await expect(history.locator('tr[data-check]')).toHaveCount(2);
  await expect(history.locator('tr[data-check]').first()).toHaveAttribute('data-check', 'skipped');
  await expect(history.locator('tr[data-check]').first()).toContainText('needs you');
  expect(await logins(fake)).toBe(1);
  expect(app.host.notifications).toHaveLength(1);
  await page.getByRole('button', { name: 'Back to orgs' }).click();
  await expect(page.locator('[data-schedule-line]')).toContainText('0 orgs checked: 1 skipped');
});

test('a cause switched off in Settings gives no notification; the check is still kept', async ({ app, fake }) => {
  const { page, schedule } = await settingsWithOrg(app, fake);
  await schedule.getByRole('radio', { name: 'Every few hours' }).check();
  await schedule.getByLabel('Hours between checks').fill('1');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByRole('status')).toContainText('Settings saved');
  const notifications = page.getByRole('region', { name: 'Notifications' });
  const loginFailing = notifications.getByRole('checkbox', { name: /^A login starts failing/ });
  await expect(loginFailing).toBeChecked();
  await loginFailing.uncheck();
  await notifications.getByRole('button', { name: 'Save notifications' }).click();
  await expect.poll(() => app.host.core.preferences.get().notifications['login-failing']).toBe(false);
  expect(app.host.core.preferences.get().notifications).toMatchObject({ 'login-failing': false, 'password-expiring': true });

  await fake.control.setPassword(PROD_ADMIN, 'Changed-Elsewhere-1');
  await runScheduled(app, 1);
  await expect(schedule.locator('[data-schedule-last]')).toContainText('1 org checked: 1 failed');
  expect(app.host.notifications).toEqual([]);
  const history = await openDetail(page, 'Acme prod');
  await expect(history.locator('tr[data-check="failed"]')).toHaveCount(1);
});

test('Check now runs the scheduled check at once, by its rules', async ({ app, fake }) => {
  const { schedule } = await settingsWithOrg(app, fake);
  await schedule.getByRole('button', { name: 'Check now' }).click();
  await expect(schedule.locator('[data-schedule-last]')).toContainText('1 org checked: all OK');
  await expect(schedule.getByRole('button', { name: 'Check now' })).toBeVisible();
  expect(await logins(fake)).toBe(1);
});
