// Runs @doyensec/electronegativity over the Electron sources and fails on any finding that is not
// in security/electronegativity-accepted.json (each with its reason), or on an accepted entry that
// no longer matches a finding (so the list cannot silently go stale).
//
// The Electron version is given explicitly and the check that downloads Electron's release list is
// left out: the run must work offline and give the same answer on every machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = pkg.devDependencies.electron;
const accepted = JSON.parse(fs.readFileSync(path.join(root, 'security', 'electronegativity-accepted.json'), 'utf8')).accepted;
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-eneg-')), 'findings.csv');
const cli = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');

const run = spawnSync(
  process.execPath,
  [cli, '-i', path.join(root, 'electron'), '-r', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', out, '-v', 'false'],
  { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } },
);
if (run.status !== 0 || !fs.existsSync(out)) {
  process.stderr.write(run.stdout + run.stderr);
  console.error('electronegativity: the scan did not complete.');
  process.exit(1);
}

/** Parse the tool's CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let cells = [];
  let cell = '';
  let quoted = false;
  const endRow = () => {
    cells.push(cell.trim());
    if (cells.some((value) => value !== '')) rows.push(cells);
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else if ((ch === '\n' || ch === '\r') && !quoted) {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    } else {
      cell += ch;
    }
  }
  endRow();
  return rows;
}

const [, ...rows] = parseCsv(fs.readFileSync(out, 'utf8'));
const findings = rows.map(([check, severity, confidence, file, location, sample, description]) => ({ check, severity, confidence, file, location, sample, description }));
const matches = (entry, finding) => entry.check === finding.check && entry.file === finding.file && entry.sample === finding.sample;

const unaccepted = findings.filter((finding) => !accepted.some((entry) => matches(entry, finding)));
const stale = accepted.filter((entry) => !findings.some((finding) => matches(entry, finding)));
const missingReason = accepted.filter((entry) => typeof entry.reason !== 'string' || entry.reason.trim().length < 10);

for (const f of unaccepted) console.error(`NEW FINDING ${f.check} (${f.severity}, ${f.confidence}) ${f.file}:${f.location} ${f.sample}\n    ${f.description}`);
for (const e of stale) console.error(`STALE ACCEPTANCE ${e.check} ${e.file} "${e.sample}": no such finding any more; remove it from security/electronegativity-accepted.json`);
for (const e of missingReason) console.error(`ACCEPTANCE WITHOUT A REASON ${e.check} ${e.file}`);
if (unaccepted.length || stale.length || missingReason.length) {
  console.error('electronegativity: fix the finding, or accept it in security/electronegativity-accepted.json with a one-line reason.');
  process.exit(1);
}
console.log(`electronegativity: ${findings.length} finding(s), all reviewed and accepted (Electron ${electronVersion}).`);
