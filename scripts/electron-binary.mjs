// Where Electron's binary is, or why it is not there. Electron's npm package downloads its binary
// in an install script, which OrgKey does not run at `npm ci` (machines without access to the
// binary host would fail the whole install); `npm start` fetches it on first use instead.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const electronDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'electron');

/** The Electron executable's path if it is installed, else null. */
export function electronBinaryPath() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, fs.readFileSync(pathFile, 'utf8'))
    : path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(binary) ? binary : null;
}

export const electronInstallScript = path.join(electronDir, 'install.js');
