// `npm start`: open OrgKey in Electron, fetching Electron's binary first if this machine lacks it.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath, electronInstallScript } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let binary = electronBinaryPath();
if (!binary) {
  console.log('[start] Electron is not installed yet: downloading it once (about 100 MB)…');
  const install = spawnSync(process.execPath, [electronInstallScript], { stdio: 'inherit', cwd: root });
  binary = install.status === 0 ? electronBinaryPath() : null;
  if (!binary) {
    console.error('[start] Electron could not be downloaded on this machine.');
    console.error('[start] You can still use the real UI in Chromium: npm run app:browser');
    process.exit(1);
  }
}

// Chromium refuses to start as root without --no-sandbox (containers, CI); a normal user keeps it.
const args = [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
const child = spawn(binary, args, { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
