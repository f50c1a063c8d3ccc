/**
 * `npm run app:browser`: open the real UI by hand (headed Chromium) where Electron is missing.
 *
 * Uses the normal settings folder and keychain service unless ORGKEY_DATA_DIR /
 * ORGKEY_KEYCHAIN_SERVICE say otherwise, so what you add here is what the app and CLI see.
 */
import { defaultDataDir } from '../../electron/core/paths';
import { keychainServiceName } from '../../electron/core/secrets/accounts';
import { launchBrowserHost } from './browser-host';

const dataDir = defaultDataDir();
const keychainService = keychainServiceName();
const host = await launchBrowserHost({
  dataDir,
  keychainService,
  headless: process.env.HEADLESS === '1',
  scheduleTimer: true,
  logger: {
    info: (tag, message) => console.log(`${tag} ${message}`),
    warn: (tag, message) => console.warn(`${tag} ${message}`),
    error: (tag, message) => console.error(`${tag} ${message}`),
  },
});
console.log(`[browser-host] OrgKey is open. Settings: ${dataDir}; keychain service: ${keychainService}. Close the window or press Ctrl+C to stop.`);
const stop = async () => {
  await host.close().catch(() => undefined);
  process.exit(0);
};
host.browser.on('disconnected', () => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
