/**
 * A damaged settings file is moved aside, never deleted, so OrgKey can start and say where it is.
 *
 * "Damaged" means the file is not JSON, or not a document any version of OrgKey wrote. A file from
 * a newer OrgKey is not damaged: it is left exactly where it is and refused (SETTINGS_TOO_NEW), so
 * the newer version finds it intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SettingsRecovery } from '../../../shared/domain';
import { isOrgKeyError } from '../errors';
import type { Clock } from '../ports';
import { parseSettings } from './document';
import { fileLock } from './lock';

/** Why the text of `file` is damaged, or null. A healthy file's parse is kept for the store's first read. */
function damage(file: string, text: string): string | null {
  if (text.trim() === '') return 'it is empty (a write may have been cut off)';
  const parsed = parseSettings(file, text);
  if (parsed.ok) return null;
  switch (parsed.problem) {
    case 'not-json':
      return 'it is not valid JSON (it may have been cut short or edited by hand)';
    case 'not-settings':
      return 'it does not hold OrgKey settings';
    case 'invalid':
      if (isOrgKeyError(parsed.error) && parsed.error.appError.code === 'SETTINGS_TOO_NEW') return null;
      return 'it does not have the shape OrgKey expects';
  }
}

/**
 * If `file` is damaged, rename it to `<name>.damaged-<time>.json` beside it and say so; else null.
 *
 * The move runs under the settings lock, so the app and the CLI starting together move it only
 * once; a healthy file (every normal start) is read without taking the lock.
 */
export function setAsideDamagedSettings(file: string, clock: Clock): SettingsRecovery | null {
  const damageOf = (): string | null => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return null; // Missing (a first start) or unreadable: the store reports the latter in words.
    }
    return damage(file, text);
  };
  // Every start checks; only a damaged file takes the lock (and is checked again inside it).
  if (!damageOf()) return null;
  return fileLock(file)(() => {
    const reason = damageOf();
    if (!reason) return null;
    const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
    const movedTo = path.join(path.dirname(file), `${path.basename(file, '.json')}.damaged-${stamp}.json`);
    fs.renameSync(file, movedTo);
    return { movedTo, reason, at: clock.now().toISOString() };
  });
}
