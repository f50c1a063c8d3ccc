/** Scheduled checks in the window: the Settings form's rules, its status, the switches, the detail's *Check history*, and the store. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../shared/result';
import { TEST_FAILURE_CATALOG } from '../../shared/codes';
import { checkScheduleForm, historyRows, runSummaryText, scheduleLine, scheduleText, statusLines } from '../../renderer/lib/schedule';
import type { CheckHistoryEntry, ScheduleStatus } from '../../shared/domain';
import { NOTIFICATION_CAUSES, type NotificationSwitches as Switches, type SchedulePreference as Schedule } from '../../shared/notifications';
import { createScheduleStore } from '../../renderer/store/schedule';
import type { Caller } from '../../renderer/store/orgs';
import { ScheduleFields, ScheduleStatusBlock } from '../../renderer/views/ScheduleSection';
import { NotificationSwitches } from '../../renderer/views/NotificationsSection';
import { CheckHistoryView } from '../../renderer/views/CheckHistorySection';

const SAVED: Schedule = { mode: 'off', time: '07:00', everyHours: 6 };
const status = (over: Partial<ScheduleStatus> = {}): ScheduleStatus => ({ schedule: SAVED, nextRunAt: null, lastRun: null, running: false, ...over });
const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('the schedule form', () => {
  it('takes a time of day for a daily check, and every 1 to 24 hours', () => {
    expect(checkScheduleForm({ mode: 'daily', time: '06:30', everyHours: '6' }, SAVED)).toEqual({ ok: true, schedule: { mode: 'daily', time: '06:30', everyHours: 6 } });
    expect(checkScheduleForm({ mode: 'hours', time: '07:00', everyHours: ' 24 ' }, SAVED)).toEqual({ ok: true, schedule: { mode: 'hours', time: '07:00', everyHours: 24 } });
    expect(checkScheduleForm({ mode: 'hours', time: '07:00', everyHours: '1' }, SAVED)).toMatchObject({ ok: true });
  });

  it('names the bad field with what it takes, and only the field the chosen mode uses', () => {
    for (const everyHours of ['0', '25', '2.5', '', 'six', '-3']) {
      const check = checkScheduleForm({ mode: 'hours', time: 'junk', everyHours }, SAVED);
      expect(check).toEqual({ ok: false, errors: { everyHours: 'Enter a whole number of hours from 1 to 24.' } });
    }
    for (const time of ['', '7', '24:00', '07:60', '7am']) {
      const check = checkScheduleForm({ mode: 'daily', time, everyHours: 'junk' }, SAVED);
      expect(check).toEqual({ ok: false, errors: { time: 'Enter a time of day as hours and minutes, such as 07:00.' } });
    }
  });

  it('turns off whatever the other fields hold, keeping the saved values for them', () => {
    expect(checkScheduleForm({ mode: 'off', time: '', everyHours: '99' }, { mode: 'hours', time: '05:15', everyHours: 3 })).toEqual({
      ok: true,
      schedule: { mode: 'off', time: '05:15', everyHours: 3 },
    });
  });

  it('shows a field’s error under it, tied to the input, and marks the input invalid', () => {
    const html = renderToStaticMarkup(createElement(ScheduleFields, { form: { mode: 'hours', time: '07:00', everyHours: '0' }, errors: { everyHours: 'Enter a whole number of hours from 1 to 24.' }, onChange: () => undefined }));
    expect(html).toContain('id="schedule-every-hours-error" data-field-error="everyHours">Enter a whole number of hours from 1 to 24.');
    expect(html).toMatch(/id="schedule-every-hours"[^>]*aria-invalid="true"[^>]*aria-describedby="schedule-every-hours-error schedule-every-hours-hint"/);
    // The daily time field is not on screen for this mode.
    expect(html).not.toContain('id="schedule-time"');
    const daily = renderToStaticMarkup(createElement(ScheduleFields, { form: { mode: 'daily', time: '07:00', everyHours: '6' }, errors: {}, onChange: () => undefined }));
    expect(daily).toMatch(/id="schedule-time"[^>]*type="time"[^>]*value="07:00"/);
    expect(daily).not.toContain('id="schedule-every-hours"');
  });
});

describe('the schedule’s status', () => {
  it('says what is set, the next run, and the last run’s summary', () => {
    expect([scheduleText({ ...SAVED, mode: 'daily', time: '06:30' }), scheduleText({ ...SAVED, mode: 'hours', everyHours: 1 }), scheduleText({ ...SAVED, mode: 'hours' }), scheduleText(SAVED)]).toEqual([
      'Every day at 06:30',
      'Every hour',
      'Every 6 hours',
      'Off',
    ]);
    expect(runSummaryText({ at: '2026-12-02T07:00:00Z', checked: 3, failed: 1, skipped: 1 })).toBe('3 orgs checked: 1 failed, 1 skipped');
    expect(runSummaryText({ at: '2026-12-02T07:00:00Z', checked: 1, failed: 0, skipped: 0 })).toBe('1 org checked: all OK');
    expect(statusLines(status())).toEqual({ next: 'No check is scheduled.', last: 'No check has run yet.' });
    expect(statusLines(status({ running: true })).next).toBe('Checking now…');
    const on = statusLines(status({ schedule: { ...SAVED, mode: 'hours' }, nextRunAt: '2026-12-02T18:00:00Z', lastRun: { at: '2026-12-02T12:00:00Z', checked: 2, failed: 2, skipped: 0 } }));
    expect(on.next).toMatch(/^Next check: .*2026/);
    expect(on.last).toMatch(/^Last check .* — 2 orgs checked: 2 failed$/);
  });

  it('puts no line above the list while nothing is scheduled and nothing ran; otherwise the last run and the next', () => {
    expect(scheduleLine(status(), NOW)).toBeNull();
    expect(scheduleLine(status({ running: true }), NOW)).toBe('Scheduled check running…');
    const lastRun = { at: '2026-12-02T09:00:00Z', checked: 4, failed: 0, skipped: 1 };
    expect(scheduleLine(status({ lastRun }), NOW)).toBe('Last scheduled check 3 hours ago — 4 orgs checked: 1 skipped · scheduled checks are off');
    expect(scheduleLine(status({ schedule: { ...SAVED, mode: 'daily' }, nextRunAt: '2026-12-03T07:00:00Z', lastRun }), NOW)).toMatch(/^Last scheduled check 3 hours ago — .* · next .*2026/);
  });

  it('offers Check now, and says it is checking while a run is under way', () => {
    const idle = renderToStaticMarkup(createElement(ScheduleStatusBlock, { status: status(), error: null, onCheckNow: () => undefined }));
    expect(idle).toContain('>Check now</button>');
    expect(idle).not.toContain('aria-disabled');
    const running = renderToStaticMarkup(createElement(ScheduleStatusBlock, { status: status({ running: true }), error: null, onCheckNow: () => undefined }));
    expect(running).toContain('aria-disabled="true"');
    expect(running).toContain('Checking…');
  });
});

describe('the notification switches', () => {
  it('has one switch per cause, with a human label, showing what is on', () => {
    const values = Object.fromEntries(NOTIFICATION_CAUSES.map((cause) => [cause, cause !== 'login-failing'])) as Switches;
    const html = renderToStaticMarkup(createElement(NotificationSwitches, { values, onChange: () => undefined }));
    expect(html.match(/type="checkbox"/g)).toHaveLength(NOTIFICATION_CAUSES.length);
    for (const label of ['A login starts failing', 'A password expires soon', 'A browser sign-in ends', 'A JWT certificate expires soon', 'A login method is about to be retired', 'A sandbox was refreshed']) {
      expect(html).toContain(label);
    }
    expect(html).not.toMatch(/login-failing[^>]*checked/);
    expect(html).toMatch(/id="notify-sandbox-refreshed"[^>]*checked=""/);
    // No cause's code name is shown as its label.
    expect(html).not.toContain('>login-failing<');
  });
});

describe('the check history', () => {
  const entries: CheckHistoryEntry[] = [
    { at: '2026-12-01T07:00:00.000Z', ok: true, scheduled: true, latencyMs: 412 },
    { at: '2026-12-02T07:00:00.000Z', ok: false, scheduled: false, code: 'INVALID_LOGIN' },
    { at: '2026-12-03T07:00:00.000Z', ok: false, scheduled: true, skipped: 'needs-person' },
  ];

  it('lists the checks newest first: when, scheduled or by hand, the result or why it was skipped', () => {
    const rows = historyRows(entries);
    expect(rows.map((row) => [row.how, row.tone, row.label])).toEqual([
      ['Scheduled', 'skipped', 'Skipped'],
      ['By hand', 'failed', TEST_FAILURE_CATALOG.INVALID_LOGIN.label],
      ['Scheduled', 'ok', 'OK'],
    ]);
    expect(rows[0]!.detail).toContain('needs you');
    expect(rows[1]!.detail).toBe(TEST_FAILURE_CATALOG.INVALID_LOGIN.message);
    expect(rows[2]!.detail).toBe('412 ms');
    expect(historyRows([{ at: '2026-12-01T07:00:00.000Z', ok: false, scheduled: true, skipped: 'guarded' }])[0]!.detail).toContain('lockout guard');
  });

  it('shows a table of them, or says there are none yet', () => {
    const html = renderToStaticMarkup(createElement(CheckHistoryView, { history: { status: 'ready', entries } }));
    expect(html).toContain('Check history');
    expect(html.match(/<tr data-check=/g)).toHaveLength(3);
    expect(html).toContain('data-check-code="INVALID_LOGIN"');
    expect(renderToStaticMarkup(createElement(CheckHistoryView, { history: { status: 'ready', entries: [] } }))).toContain('No checks yet');
  });
});

describe('the schedule store', () => {
  function harness() {
    const answers: Array<(result: Result<ScheduleStatus>) => void> = [];
    let finished: ((status: ScheduleStatus) => void) | null = null;
    // Every call waits until the test answers it, in order.
    const call = (() => new Promise((resolve) => answers.push(resolve as (result: Result<ScheduleStatus>) => void))) as Caller;
    const store = createScheduleStore({ call, onScheduleFinished: (listener) => ((finished = listener), () => (finished = null)) });
    return { store, answers, finish: (s: ScheduleStatus) => finished?.(s) };
  }

  it('keeps the status a run ended with over an answer asked for before it', async () => {
    const { store, answers, finish } = harness();
    store.connect();
    const seen: ScheduleStatus[] = [];
    store.onFinished((s) => seen.push(s));
    const loading = store.load();
    const ended = status({ lastRun: { at: '2026-12-02T12:00:00Z', checked: 1, failed: 0, skipped: 0 } });
    finish(ended);
    answers[0]!(ok(status({ running: true })));
    await loading;
    expect(store.getState().status).toBe(ended);
    expect(seen).toEqual([ended]);
  });

  it('takes a save’s answer, and leaves the status alone when the save is refused', async () => {
    const { store, answers } = harness();
    const saving = store.save({ ...SAVED, mode: 'daily' });
    const saved = status({ schedule: { ...SAVED, mode: 'daily' }, nextRunAt: '2026-12-03T07:00:00Z' });
    answers[0]!(ok(saved));
    await saving;
    expect(store.getState().status).toBe(saved);
    const refused = store.save({ ...SAVED, mode: 'hours', everyHours: 99 });
    answers[1]!(fail({ code: 'INVALID_INPUT', message: 'Enter a whole number of hours from 1 to 24.', field: 'everyHours' }));
    expect((await refused).ok).toBe(false);
    expect(store.getState().status).toBe(saved);
  });

  it('says why the status could not be read', async () => {
    const { store, answers } = harness();
    const loading = store.load();
    answers[0]!(fail({ code: 'SETTINGS_UNAVAILABLE', message: 'The settings file could not be read.' }));
    await loading;
    expect(store.getState()).toMatchObject({ status: null, error: { code: 'SETTINGS_UNAVAILABLE' } });
  });
});
