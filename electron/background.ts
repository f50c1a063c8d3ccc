/**
 * The app in the background: scheduled checks go on while the window is closed. The scheduler's
 * timer, a tray (menu-bar) icon with the last run's summary, *Check now*, *Open OrgKey* and *Quit*,
 * and the core's desktop notifications as Electron's `Notification`: a click brings the window
 * forward and tells it to open the org. Importing it does nothing; app.ts starts it.
 */
import { Menu, Notification, Tray, nativeImage } from 'electron';
import type { ScheduleStatus } from '../shared/domain';
import { DEFAULT_SCHEDULE } from '../shared/notifications';
import { startScheduleTimer, type Core, type Logger, type NotifierPort } from './core';

/** The tray icon: a white key on a blue disc, 32 px drawn at scale 2 (16 pt), seen on light and dark bars. */
const TRAY_ICON_PNG = 'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAA6UlEQVR42s2XQQrEIAxFO2uPkCt5Fbez8wjeTegJepKOBQVbkmlsjUb4mxLyH2rSuHy+69IoSLJJLslnufwNWvO1mB5GMWm/Ucyx0APAJAWGKaWQczwCOLZ0e2FetOVcTQCug/FVjgsgYU5CYNu+C8tSAKbTmXPuhMEAwgDzujpOADDQvAhqAD8BwNcAZIejVgeAWACg1bwjBJClx11vS5JsPP9Mni6sMZEXcBCAHwqA5PJDjwDJ5UQvYR1DxFvRMmQAgGgjuomNqlrx9J/R9N+xioFk+kimYihVMZareJioeJqpeJyKP89/nkjyhU/00ZUAAAAASUVORK5CYII=';

/**
 * The OS's notifications (none where the desktop has no notification service). Each is held until
 * it is clicked or closed: a collected one loses its click.
 */
export function electronNotifier(showWindow: () => void): NotifierPort {
  const shown = new Set<Notification>();
  return {
    show(notification, onClick) {
      if (!Notification.isSupported()) return;
      const native = new Notification({ title: notification.title, body: notification.body });
      shown.add(native);
      native.on('click', () => {
        shown.delete(native);
        showWindow();
        onClick();
      });
      native.on('close', () => shown.delete(native));
      native.show();
    },
  };
}

/** The last run in a few words, for the tray's menu and tooltip. */
export function lastRunText(status: ScheduleStatus): string {
  const last = status.lastRun;
  if (status.running) return 'Checking the orgs…';
  if (!last) return status.schedule.mode === 'off' ? 'Scheduled checks are off' : 'No scheduled check yet';
  const at = new Date(last.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const failed = last.failed ? `, ${last.failed} failed` : '';
  const skipped = last.skipped ? `, ${last.skipped} not checked` : '';
  return `Last check ${at}: ${last.checked} checked${failed}${skipped}`;
}

export interface Background {
  /** Whether the app stays when its last window closes: while a schedule is on. */
  keepsRunning(): boolean;
  stop(): void;
}

/**
 * Start the timer and the tray. The tray is there whatever the schedule, so the app is reachable
 * with its window closed on every OS; where a Linux desktop shows no tray icons, starting OrgKey
 * again brings the window back (the single-instance lock).
 */
export function startBackground(core: Core, { showWindow, quit, logger }: { showWindow: () => void; quit: () => void; logger: Logger }): Background {
  const stopTimer = startScheduleTimer(core.schedule, { logger });
  const icon = nativeImage.createFromBuffer(Buffer.from(TRAY_ICON_PNG, 'base64'), { scaleFactor: 2 });
  const tray = new Tray(icon);
  const refresh = (status: ScheduleStatus) => {
    const summary = lastRunText(status);
    tray.setToolTip(`OrgKey — ${summary}`);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: summary, enabled: false },
        { type: 'separator' },
        { label: 'Check now', enabled: !status.running, click: () => refresh(core.schedule.runNow()) },
        { label: 'Open OrgKey', click: showWindow },
        { type: 'separator' },
        { label: 'Quit OrgKey', click: quit },
      ]),
    );
  };
  const readStatus = () => {
    try {
      refresh(core.schedule.status());
    } catch {
      // The settings file could not be read: the menu still opens the window and quits.
      refresh({ schedule: DEFAULT_SCHEDULE, nextRunAt: null, lastRun: null, running: false });
    }
  };
  readStatus();
  const stopListening = core.events.on('schedule.finished', refresh);
  // Windows and Linux open the window on a click of the icon; macOS opens the menu.
  tray.on('click', showWindow);
  return {
    keepsRunning() {
      try {
        return core.schedule.status().schedule.mode !== 'off';
      } catch {
        return false;
      }
    },
    stop() {
      stopTimer();
      stopListening();
      tray.destroy();
    },
  };
}
