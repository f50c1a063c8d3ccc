/**
 * The browser host's part of scheduled checks, under the page's own `window.orgkey`: the scheduler's
 * tick runs only when the moved clock makes a run due, each notification is recorded, and a test's
 * click on one reaches the page as `notification.clicked`. (The UI on top of it has specs of its own.)
 */
import { credentials } from '../../tests/support/fake-org';
import { expect, test } from '../fixtures';

const HOUR = 3_600_000;
const NO_API_USER = 'no.api@acme.example';

test('the tick runs a due schedule by the test clock; a recorded notification’s click reaches the page', async ({ app, fake }) => {
  const { password, token } = await credentials(fake.control, NO_API_USER);
  const { org } = await app.host.core.orgs.add({ alias: 'No API', environment: 'custom', customUrl: fake.org.loginUrl, username: NO_API_USER, password, token });
  // The page's own API: the schedule is set where the window sets it.
  const set = await app.page.evaluate(() => window.orgkey.schedule.set({ schedule: { mode: 'hours', time: '07:00', everyHours: 6 } }));
  expect(set).toMatchObject({ ok: true, value: { schedule: { mode: 'hours' }, running: false } });
  await app.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { clicked: string[] }).clicked = seen;
    window.orgkey.events.onNotificationClicked(({ orgId }) => void seen.push(orgId));
  });

  expect(await app.host.tick()).toBeNull();
  expect(await fake.control.loginHistory(NO_API_USER)).toHaveLength(0);
  app.clock.advance(6 * HOUR);
  expect(await app.host.tick()).toMatchObject({ lastRun: { checked: 1, failed: 1, skipped: 0 } });
  expect(await fake.control.loginHistory(NO_API_USER)).toHaveLength(1);

  expect(app.host.notifications.map(({ title, orgId, cause }) => ({ title, orgId, cause }))).toEqual([{ title: 'No API: login failing', orgId: org.id, cause: 'login-failing' }]);
  app.host.notifications[0]!.click();
  await expect.poll(() => app.page.evaluate(() => (window as unknown as { clicked: string[] }).clicked)).toEqual([org.id]);

  const history = await app.page.evaluate((id) => window.orgkey.checks.history({ id }), org.id);
  expect(history).toMatchObject({ ok: true, value: [{ ok: false, scheduled: true, code: 'API_CURRENTLY_DISABLED' }] });
});
