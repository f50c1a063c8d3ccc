// `npm run package`: a packaged OrgKey for this platform in release/, with the app in app.asar
// (native modules unpacked beside it), dev dependencies pruned, and the Electron fuses of
// scripts/fuses.mjs flipped in the binary. Needs Electron's binary for the target (downloaded by
// @electron/packager on first use).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flipFuses } from '@electron/fuses';
import { packager } from '@electron/packager';
import { FUSES } from './fuses.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (built.status !== 0) process.exit(built.status ?? 1);

// Only the built app and package.json go into app.asar; node_modules is added (pruned) by packager.
const keep = /^\/(dist(\/|$)|package\.json$|node_modules(\/|$))/;
const appPaths = await packager({
  dir: root,
  out: path.join(root, 'release'),
  overwrite: true,
  name: pkg.productName,
  appVersion: pkg.version,
  electronVersion: pkg.devDependencies.electron,
  asar: { unpack: '**/*.node' },
  prune: true,
  ignore: (file) => file !== '' && !keep.test(file.replaceAll('\\', '/')),
});

for (const appPath of appPaths) {
  const binary =
    process.platform === 'darwin'
      ? path.join(appPath, `${pkg.productName}.app`)
      : path.join(appPath, process.platform === 'win32' ? `${pkg.productName}.exe` : pkg.productName);
  await flipFuses(binary, FUSES);
  console.log(`[package] ${binary}: fuses set (RunAsNode off, cookie encryption on, ASAR integrity, app only from ASAR)`);
}
