/**
 * User preferences (test timeout, lockout guard, concurrency), kept in the settings file.
 */
import { PREFERENCE_LIMITS, type Preferences } from '../../shared/domain';
import { fieldError } from './errors';
import type { SettingsStore } from './ports';

const LABELS: Record<keyof Preferences, string> = {
  testTimeoutSeconds: 'The test timeout',
  lockoutGuardFailures: 'The number of failures before OrgKey asks',
  testConcurrency: 'The number of tests at a time',
  clipboardClearSeconds: 'The clipboard delay',
};

export interface PreferencesService {
  get(): Preferences;
  update(patch: Partial<Preferences>): Preferences;
}

export function createPreferences(settings: SettingsStore): PreferencesService {
  return {
    get: () => settings.read().preferences,
    update(patch) {
      for (const [key, value] of Object.entries(patch) as Array<[keyof Preferences, number]>) {
        const { min, max } = PREFERENCE_LIMITS[key];
        if (!Number.isInteger(value) || value < min || value > max) {
          throw fieldError(key, `${LABELS[key]} must be a whole number from ${min} to ${max}.`);
        }
        // Clearing sooner than 10 s leaves no time to paste: 10–300 s, or 0 for never.
        if (key === 'clipboardClearSeconds' && value > 0 && value < 10) {
          throw fieldError(key, 'Clear the clipboard after 10 to 300 seconds, or 0 for never.');
        }
      }
      return settings.update((doc) => ({ ...doc, preferences: { ...doc.preferences, ...patch } })).preferences;
    },
  };
}
