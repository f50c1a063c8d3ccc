/**
 * User preferences (test timeout, lockout guard, concurrency, clipboard delay, which notifications
 * are on), kept in the settings file. The schedule has its own service (schedule/service.ts).
 */
import { PREFERENCE_LIMITS, type NumericPreference, type Preferences } from '../../shared/domain';
import type { NotificationSwitches } from '../../shared/notifications';
import { fieldError } from './errors';
import type { SettingsStore } from './ports';

const LABELS: Record<NumericPreference, string> = {
  testTimeoutSeconds: 'The test timeout',
  lockoutGuardFailures: 'The number of failures before OrgKey asks',
  testConcurrency: 'The number of tests at a time',
  clipboardClearSeconds: 'The clipboard delay',
};

/** What `prefs.update` changes: whole numbers, and notification causes switched on or off. */
export type PreferencesPatch = Partial<Pick<Preferences, NumericPreference>> & { notifications?: Partial<NotificationSwitches> };

export interface PreferencesService {
  get(): Preferences;
  update(patch: PreferencesPatch): Preferences;
}

export function createPreferences(settings: SettingsStore): PreferencesService {
  return {
    get: () => settings.read().preferences,
    update(patch) {
      const { notifications, ...numbers } = patch;
      for (const [key, value] of Object.entries(numbers) as Array<[NumericPreference, number]>) {
        const { min, max } = PREFERENCE_LIMITS[key];
        if (!Number.isInteger(value) || value < min || value > max) {
          throw fieldError(key, `${LABELS[key]} must be a whole number from ${min} to ${max}.`);
        }
        // Clearing sooner than 10 s leaves no time to paste: 10–300 s, or 0 for never.
        if (key === 'clipboardClearSeconds' && value > 0 && value < 10) {
          throw fieldError(key, 'Clear the clipboard after 10 to 300 seconds, or 0 for never.');
        }
      }
      return settings.update((doc) => ({
        ...doc,
        preferences: { ...doc.preferences, ...numbers, ...(notifications ? { notifications: { ...doc.preferences.notifications, ...notifications } } : {}) },
      })).preferences;
    },
  };
}
