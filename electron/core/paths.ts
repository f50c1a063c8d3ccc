/**
 * Where OrgKey keeps its settings: the Electron app's userData folder.
 *
 * The CLI and the app must open the same `settings.json`, so this mirrors Electron's
 * `app.getPath('userData')` for the product name "OrgKey" on each OS. `ORGKEY_DATA_DIR` overrides it
 * (tests, portable setups) and is honoured by the app too.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'OrgKey';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ORGKEY_DATA_DIR?.trim()) return path.resolve(env.ORGKEY_DATA_DIR);
  const home = env.HOME || os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), PRODUCT_NAME);
  }
}
