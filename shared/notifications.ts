/**
 * Scheduled checks and the desktop notifications they lead to: the schedule preference, the causes a
 * notification is given for, and what a notification says. The core decides when (electron/core/schedule/);
 * the app shows them with the OS's notifications, the browser host records them for the e2e tests.
 */

/**
 * Why OrgKey tells the admin about an org, once per cause until the cause clears:
 * - `login-failing`: Salesforce refused the org's last login (not a network failure);
 * - `password-expiring`: the user's password expires within the warning window (or has expired);
 * - `refresh-token-revoked`: a browser-login org's refresh token was revoked or expired;
 * - `certificate-expiring`: a JWT org's certificate expires within 30 days (or has expired);
 * - `retirement-near`: the org's way of logging in is retired by Salesforce within 30 days;
 * - `sandbox-refreshed`: the sandbox was refreshed (a new org id), not yet confirmed by the admin.
 */
export const NOTIFICATION_CAUSES = ['login-failing', 'password-expiring', 'refresh-token-revoked', 'certificate-expiring', 'retirement-near', 'sandbox-refreshed'] as const;
export type NotificationCause = (typeof NOTIFICATION_CAUSES)[number];

/** Which causes notify: each can be switched off in the preferences (all on by default). */
export type NotificationSwitches = Record<NotificationCause, boolean>;

export const DEFAULT_NOTIFICATIONS: NotificationSwitches = {
  'login-failing': true,
  'password-expiring': true,
  'refresh-token-revoked': true,
  'certificate-expiring': true,
  'retirement-near': true,
  'sandbox-refreshed': true,
};

/** Days ahead of a retirement deadline that an org depending on it is notified. */
export const RETIREMENT_NOTICE_DAYS = 30;

export const SCHEDULE_MODES = ['off', 'daily', 'hours'] as const;
export type ScheduleMode = (typeof SCHEDULE_MODES)[number];

/**
 * When the app checks every org by itself: never (`off`), every day at `time` (HH:MM, this computer's
 * local time), or every `everyHours` hours. `time` and `everyHours` are kept whichever mode is on.
 */
export interface SchedulePreference {
  mode: ScheduleMode;
  time: string;
  everyHours: number;
}

export const DEFAULT_SCHEDULE: SchedulePreference = { mode: 'off', time: '07:00', everyHours: 6 };

export const SCHEDULE_HOURS_LIMITS = { min: 1, max: 24 } as const;

/** `HH:MM`, 00:00 to 23:59. */
export const SCHEDULE_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One desktop notification as the core asks the host to show it: metadata only, never a secret. */
export interface DesktopNotification {
  title: string;
  body: string;
  /** The org it is about: a click opens it. */
  orgId: string;
  cause: NotificationCause;
}
