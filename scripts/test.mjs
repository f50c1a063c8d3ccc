#!/usr/bin/env node
// `npm test`: typecheck, lint, electronegativity, build, unit, integration and e2e, in that order, stopping at the
// first failure. Integration and e2e use the real OS keychain; on Linux without a D-Bus session
// this starts a private D-Bus + gnome-keyring with a throwaway keyring under a temp HOME, and
// stops it afterwards (dbus-run-session ends the bus, and the keyring daemon with it).
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { needsPrivateKeyring, runInPrivateKeyring } from './private-keyring.mjs';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const STEPS = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['electronegativity', process.execPath, [path.join(root, 'scripts', 'electronegativity.mjs')]],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['unit', bin('vitest'), ['run', '--project', 'unit']],
  ['integration', bin('vitest'), ['run', '--project', 'integration']],
  ['e2e', bin('playwright'), ['test']],
];

function have(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function hasLibsecret() {
  try {
    return execFileSync('ldconfig', ['-p'], { encoding: 'utf8' }).includes('libsecret-1.so.0');
  } catch {
    return fs.existsSync('/usr/lib/x86_64-linux-gnu/libsecret-1.so.0') || fs.existsSync('/usr/lib/aarch64-linux-gnu/libsecret-1.so.0');
  }
}

/** Name every missing system package in one message, instead of failing deep inside a test. */
function preflight() {
  const missing = [];
  if (process.platform === 'linux') {
    if (!hasLibsecret()) missing.push('libsecret-1-0 (build: libsecret-1-dev)');
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
      if (!have('dbus-run-session')) missing.push('dbus');
      if (!have('gnome-keyring-daemon')) missing.push('gnome-keyring');
    }
  }
  // The X11 clipboard suites skip themselves without Xvfb and xclip: fine on a laptop, not in CI,
  // where a skipped suite would hide a missing package.
  if (process.platform === 'linux' && (!have('Xvfb') || !have('xclip'))) {
    if (process.env.CI) missing.push('xvfb and xclip (the X11 clipboard tests)');
    else console.warn('[test] note: without Xvfb and xclip (Debian: xvfb, xclip) the X11 clipboard tests are skipped.');
  }
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) missing.push(`chromium (expected at ${chromium}; set CHROMIUM_PATH to use another)`);
  if (missing.length) {
    console.error(`npm test needs system packages that are missing: ${missing.join(', ')}.`);
    if (process.platform === 'linux') {
      console.error('On Debian/Ubuntu: sudo apt-get install libsecret-1-dev dbus gnome-keyring chromium');
    }
    process.exit(1);
  }
  try {
    createRequire(import.meta.url)(path.join(root, 'node_modules', 'keytar'));
  } catch (error) {
    console.error(`keytar's native module does not load (${error.message.split('\n')[0]}).`);
    console.error('It compiles from source at install: install libsecret-1-dev, python3, make and g++, then run npm ci.');
    process.exit(1);
  }
}

/**
 * `node scripts/test.mjs [step…] [-- extra…]`: the named steps (all when none), and after `--` what to
 * pass on to them, e.g. `node scripts/test.mjs integration -- tests/integration/browser-login.test.ts`
 * runs one file on the private keyring.
 */
function runSteps() {
  const argv = process.argv.slice(2);
  const dash = argv.indexOf('--');
  const only = dash === -1 ? argv : argv.slice(0, dash);
  const extra = dash === -1 ? [] : argv.slice(dash + 1);
  for (const [name, command, stepArgs] of STEPS) {
    if (only.length && !only.includes(name)) continue;
    const args = [...stepArgs, ...extra];
    console.log(`\n[test] ── ${name} ──`);
    const started = Date.now();
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.status !== 0) {
      console.error(`[test] ${name} failed after ${seconds}s`);
      process.exit(result.status ?? 1);
    }
    console.log(`[test] ${name} passed in ${seconds}s`);
  }
}

preflight();
if (needsPrivateKeyring()) {
  process.exit(runInPrivateKeyring(path.join(root, 'scripts', 'test.mjs'), process.argv.slice(2), root));
} else {
  runSteps();
}
