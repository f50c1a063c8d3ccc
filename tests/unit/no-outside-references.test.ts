/**
 * Everything in the repository speaks for itself: no comment, test name or string names an issue
 * number or a document the reader of the repository does not have (a design or style note, a
 * protocol reference kept in a folder beside the checkout). A reason is said in place or points
 * into docs/ARCHITECTURE.md or a README (docs/ARCHITECTURE.md, top). Citing Salesforce's public
 * docs, an RFC or ICCCM section, or a library's source by name stays welcome.
 *
 * Samples below are split ('iss' + 'ue 9') so that this file passes its own scan.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** npm's own record of the dependency tree: its text is not ours. */
const NOT_OURS = new Set(['package-lock.json']);
/** Where nothing tracked lives, for a checkout without git. */
const UNTRACKED_DIRS = new Set(['.git', 'node_modules', 'dist', 'test-results', 'playwright-report', 'release', '.tmp']);

interface Finding {
  line: number;
  text: string;
  why: string;
}

const RULES: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /\bissues?\s*#?\s*\d+/i, why: 'names an issue number: say what the change is for instead' },
  { pattern: /\b(?:DESIGN|STYLE)\.md\b/, why: 'names a design or style note outside the repository: say the reason, or point into docs/ARCHITECTURE.md' },
  { pattern: /\bfake-org\.md\b/, why: 'names the fake org contract outside the repository: point to e2e/fake-org/README.md' },
  // `[-]`: so that this line does not name them itself.
  { pattern: /salesforce-login[-]surface|security-token[-]article|password-login-retirement[-]2027/, why: 'names a protocol reference outside the repository: cite the public source itself' },
  { pattern: /\breference\s*\//i, why: 'points into a reference folder outside the repository: cite the public source itself' },
  // A section sign is a citation of a numbered document: fine for an RFC or ICCCM on the same line.
  { pattern: /(?<!\b(?:RFC\s?\d+|ICCCM),?\s)§\s*\d/, why: 'cites a § of a document the repository does not have (RFC n §x and ICCCM §x are fine, on one line)' },
];

/** A relative path up to a `shared` folder that leaves the repository's own `shared/`, or names a file not in it. */
function outsideSharedPaths(file: string, text: string, exists: (relative: string) => boolean): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\.\.\/)+shared(?:\/[\w.\-/]*[\w-])?/g)) {
    const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), match[0]));
    const inShared = target === 'shared' || target.startsWith(`shared${path.sep}`);
    const isFile = (relative: string) => relative === 'shared' || ['', '.ts', '.tsx', '.json', '/index.ts'].some((ending) => exists(`${relative}${ending}`));
    // An import written for another folder (a lint test's probe file) still names a file of shared/.
    const tail = /shared(?:\/.*)?$/.exec(match[0])![0];
    if (!(inShared && isFile(target)) && !isFile(tail)) found.push(match[0]);
  }
  return found;
}

function scan(file: string, text: string, exists: (relative: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((lineText, index) => {
    for (const { pattern, why } of RULES) {
      if (pattern.test(lineText)) findings.push({ line: index + 1, text: lineText.trim(), why });
    }
    for (const reference of outsideSharedPaths(file, lineText, exists)) {
      findings.push({ line: index + 1, text: lineText.trim(), why: `${reference} is not a file of this repository's shared/` });
    }
  });
  return findings;
}

/** The files git tracks, and new ones it does not ignore; without git, every file outside the build folders. */
function repositoryFiles(): string[] {
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
    return listed.split('\0').filter(Boolean);
  } catch {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const relative = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!UNTRACKED_DIRS.has(entry.name)) walk(relative);
        } else if (entry.isFile()) files.push(relative);
      }
    };
    walk('');
    return files;
  }
}

const onDisk = (relative: string) => fs.existsSync(path.join(ROOT, relative));

describe('the repository speaks for itself', () => {
  it('names no issue number and no document outside it, in any file', () => {
    const findings: string[] = [];
    for (const file of repositoryFiles()) {
      if (NOT_OURS.has(file) || !onDisk(file)) continue;
      const bytes = fs.readFileSync(path.join(ROOT, file));
      if (bytes.includes(0)) continue; // binary
      for (const finding of scan(file, bytes.toString('utf8'), onDisk)) findings.push(`${file}:${finding.line}: ${finding.why}\n    ${finding.text}`);
    }
    expect(findings, findings.join('\n')).toEqual([]);
  });

  it('finds each kind of outside reference', () => {
    const hits = (text: string, file = 'electron/core/probe.ts') => scan(file, text, onDisk).length;
    expect(hits('// Clearing sooner leaves no time to paste (iss' + 'ue 5).')).toBe(1);
    expect(hits('/* Iss' + 'ue #12: the token workflow */')).toBe(1);
    expect(hits('(DES' + 'IGN.md "Two hosts")')).toBe(1);
    expect(hits('(STY' + 'LE.md practice 12)')).toBe(1);
    expect(hits('(contract: fake-' + 'org.md)')).toBe(1);
    expect(hits('// see salesforce-login-' + 'surface, section 8')).toBe(1);
    expect(hits('// the fixtures in refer' + 'ence §' + '1.3')).toBe(1);
    expect(hits('// the same order (§' + '6).')).toBe(1);
    expect(hits('// AppConfig (..' + '/shared/notes)')).toBe(1);
    expect(hits('See [the design](..' + '/shared/notes.md).', 'README.md')).toBe(1);
    expect(hits("import x from '../../sha" + "red/no-such-module';", 'tests/unit/probe.test.ts')).toBe(1);
  });

  it('lets the code cite public sources and import its own shared/', () => {
    const hits = (text: string, file = 'electron/core/probe.ts') => scan(file, text, onDisk).length;
    expect(hits('// as RFC 6749 §4.1.2 asks, a replayed code revokes what it bought')).toBe(0);
    expect(hits('// PKCE S256 (RFC 7636 §4.6)')).toBe(0);
    expect(hits('// never CurrentTime to own (ICCCM §2.1)')).toBe(0);
    expect(hits('// Message observed in forcedotcom/wsc#363; Salesforce Help 005461976.')).toBe(0);
    expect(hits("import { API } from '../../shared/api';")).toBe(0);
    expect(hits("import data from '../../shared/retirements.json';", 'tests/unit/probe.test.ts')).toBe(0);
    expect(hits('// Comments point to docs/ARCHITECTURE.md, "Storage".')).toBe(0);
    expect(hits('// seen only as quoted in a public issue')).toBe(0);
  });
});
