/** Temporary folders for real settings files; each test gets its own and removes it afterwards. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function makeTempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `orgkey-${label}-`));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir`, recursively, with its bytes as text (for leak scans). */
export function readAllFiles(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file, text: fs.readFileSync(file).toString('latin1') });
  }
  return out;
}
