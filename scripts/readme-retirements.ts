/**
 * Writes the README's table of password-login retirements from shared/retirements.json, between
 * the two marker comments, so the README says what the app and the CLI say.
 *
 *   npm run readme:retirements            rewrite the table in README.md
 *   npm run readme:retirements -- --check exit 1 when README.md differs from the data file
 *
 * tests/unit/retirements.test.ts runs the check too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDeadline, LOGIN_FLOW_INFO, nearestFirst, type LoginFlowInfo } from '../shared/retirements';

export const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const START = '<!-- retirements:start';
export const START_MARKER = `${START} — generated from shared/retirements.json by “npm run readme:retirements”; edit the data file, not this table -->`;
export const END_MARKER = '<!-- retirements:end -->';

function row({ name, orgkeyUse, retirement }: LoginFlowInfo): string {
  if (!retirement) return `| ${name} | ${orgkeyUse} | not affected: no end announced | — |`;
  const when = retirement.deadline ? `**${formatDeadline(retirement.deadline)}**` : `the **${retirement.release}** release (no date published)`;
  const sources = retirement.sources.map((source) => `[${source.title}](${source.url})`).join(', ');
  return `| ${name} | ${orgkeyUse} | ${when} | ${retirement.detail} ${sources} |`;
}

/** The table, markers included, nearest retirement first. */
export function retirementsTable(flows: readonly LoginFlowInfo[] = LOGIN_FLOW_INFO): string {
  const sorted = [...flows].sort((a, b) => nearestFirst(a.retirement, b.retirement));
  return [START_MARKER, '| how OrgKey logs in | orgs | stops working | what Salesforce said |', '|---|---|---|---|', ...sorted.map(row), END_MARKER].join('\n');
}

/** The README with everything from the start marker to the end marker replaced by `table`; an error without them. */
export function withTable(readme: string, table = retirementsTable()): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`[readme-retirements] README.md needs the markers ${START_MARKER} … ${END_MARKER}`);
  return readme.slice(0, start) + table + readme.slice(end + END_MARKER.length);
}

function main(args: string[]): number {
  const readme = fs.readFileSync(README, 'utf8');
  const next = withTable(readme);
  if (args.includes('--check')) {
    if (next === readme) return 0;
    console.error('[readme-retirements] README.md’s retirement table differs from shared/retirements.json: run npm run readme:retirements');
    return 1;
  }
  if (next !== readme) fs.writeFileSync(README, next);
  console.log(next === readme ? '[readme-retirements] README.md is up to date' : '[readme-retirements] README.md updated');
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
