// `npm run bench`: build, then run bench/index.ts with the real keychain — inside a private D-Bus +
// gnome-keyring on Linux machines without a session, as `npm test` does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsPrivateKeyring, runInPrivateKeyring } from './private-keyring.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (needsPrivateKeyring()) {
  process.exit(runInPrivateKeyring(path.join(root, 'scripts', 'bench.mjs'), process.argv.slice(2), root));
}
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
// --expose-gc: the memory figures are taken after a full collection.
const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'bench', 'index.ts')], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
