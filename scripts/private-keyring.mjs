// A private D-Bus session with an unlocked throwaway gnome-keyring, for `npm test` and `npm run bench`
// on Linux machines without a desktop session: the real keychain, never the user's own.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const INSIDE = 'ORGKEY_TEST_PRIVATE_KEYRING';

/** On Linux without a session bus (CI, containers, SSH), and not already inside one we started. */
export function needsPrivateKeyring() {
  return process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS && !process.env[INSIDE];
}

/** Run `node script args…` inside the private session; resolves its exit status. The keyring ends with it. */
export function runInPrivateKeyring(script, args, cwd) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-test-home-'));
  console.log(`[keyring] no D-Bus session: starting a private D-Bus + gnome-keyring (HOME=${home})`);
  // A non-empty password: with an empty one gnome-keyring-daemon tries to prompt and fails.
  const password = randomBytes(12).toString('hex');
  const shell = 'printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && unset KEYRING_PASSWORD && exec node "$0" "$@"';
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', shell, script, ...args], {
    cwd,
    stdio: 'inherit',
    env: {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_RUNTIME_DIR: home,
      npm_config_cache: process.env.npm_config_cache || path.join(os.homedir(), '.npm'),
      KEYRING_PASSWORD: password,
      [INSIDE]: '1',
    },
  });
  fs.rmSync(home, { recursive: true, force: true });
  return result.status ?? 1;
}
