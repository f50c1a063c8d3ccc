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
// The findings are read from the tool's SARIF report. Its CSV report is written by two racing
// asynchronous writes (header, then rows appended), so on some runs the header lands over the first
// row; the SARIF report is one write.
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-eneg-')), 'findings.sarif');
const cli = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const scanned = path.join(root, 'electron');

const run = spawnSync(
  process.execPath,
  [cli, '-i', scanned, '-r', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', out, '-v', 'false'],
  { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } },
);
if (run.status !== 0 || !fs.existsSync(out)) {
  process.stderr.write(run.stdout + run.stderr);
  console.error('electronegativity: the scan did not complete.');
  process.exit(1);
}

const sourceLines = new Map();
/** The tool's "sample": the finding's source line, trimmed (as its CSV report gives it). */
function sampleAt(file, line) {
  if (!sourceLines.has(file)) sourceLines.set(file, fs.readFileSync(path.join(scanned, file), 'utf8').split('\n'));
  return (sourceLines.get(file)[line - 1] ?? '').trim();
}

let report;
try {
  report = JSON.parse(fs.readFileSync(out, 'utf8'));
} catch (error) {
  console.error(`electronegativity: the report could not be read (${error.message}).`);
  process.exit(1);
}
const findings = report.runs.flatMap((r) => r.results).map((result) => {
  const where = result.locations?.[0]?.physicalLocation ?? {};
  const uri = where.artifactLocation?.uri ?? 'file:///';
  // Global checks have no file: the tool reports them as "N/A" in CSV and "file:///" in SARIF.
  const global = uri === 'file:///';
  const line = where.region?.startLine ?? 1;
  return {
    check: result.ruleId,
    severity: result.level,
    file: global ? 'N/A' : uri,
    location: global ? '' : `${line}:${where.region?.startColumn ?? 1}`,
    sample: global ? 'N/A' : sampleAt(uri, line),
    description: result.message?.text ?? '',
  };
});
const matches = (entry, finding) => entry.check === finding.check && entry.file === finding.file && entry.sample === finding.sample;

const unaccepted = findings.filter((finding) => !accepted.some((entry) => matches(entry, finding)));
const stale = accepted.filter((entry) => !findings.some((finding) => matches(entry, finding)));
const missingReason = accepted.filter((entry) => typeof entry.reason !== 'string' || entry.reason.trim().length < 10);

for (const f of unaccepted) console.error(`NEW FINDING ${f.check} (${f.severity}) ${f.file}:${f.location} ${f.sample}\n    ${f.description}`);
for (const e of stale) console.error(`STALE ACCEPTANCE ${e.check} ${e.file} "${e.sample}": no such finding any more; remove it from security/electronegativity-accepted.json`);
for (const e of missingReason) console.error(`ACCEPTANCE WITHOUT A REASON ${e.check} ${e.file}`);
if (unaccepted.length || stale.length || missingReason.length) {
  console.error('electronegativity: fix the finding, or accept it in security/electronegativity-accepted.json with a one-line reason.');
  process.exit(1);
}
console.log(`electronegativity: ${findings.length} finding(s), all reviewed and accepted (Electron ${electronVersion}).`);
