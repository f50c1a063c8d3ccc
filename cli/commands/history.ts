import type { CheckHistoryEntry } from '../../shared/domain';
import type { CommandSpec } from '../args';
import { EXIT } from '../errors';
import { json, table } from '../format';

const SKIPPED: Record<NonNullable<CheckHistoryEntry['skipped']>, string> = {
  'needs-person': 'not checked: needs a person',
  guarded: 'not checked: lockout guard',
  busy: 'not checked: a test was under way',
};

function resultText(entry: CheckHistoryEntry): string {
  if (entry.skipped) return `${SKIPPED[entry.skipped]}${entry.code ? ` (last failure ${entry.code})` : ''}`;
  return entry.ok ? 'ok' : `failed: ${entry.code ?? 'UNKNOWN_FAILURE'}`;
}

export const historyCommand: CommandSpec = {
  name: 'history',
  summary: 'Show an org’s last 50 checks: the tests and the scheduled checks, newest first.',
  usage: ['history <alias> [--json]'],
  description: [
    'Every test of the org (the app’s, `orgkey test`) and every scheduled check (the app’s schedule,',
    '`orgkey test --all --scheduled`), newest first: when, whether it was scheduled, and how it went —',
    'including the scheduled checks that sent no login (the lockout guard, an org that needs a person).',
    'OrgKey keeps the last 50 per org, and deletes them with the org.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: { json: { type: 'boolean', help: 'Print the checks as a JSON array (see the README).' } },
  examples: ['orgkey history Production', 'orgkey history Production --json'],
  async run(context, { positionals, values }) {
    const org = context.findOrg(positionals[0]!);
    const entries = context.core().checks.history(org.id);
    if (values.json) {
      context.io.outBlock(json(entries.map((entry) => ({ at: entry.at, ok: entry.ok, scheduled: entry.scheduled, code: entry.code ?? null, skipped: entry.skipped ?? null, latencyMs: entry.latencyMs ?? null }))));
      return EXIT.OK;
    }
    if (!entries.length) {
      context.io.out(`“${org.alias}” has not been checked yet.`);
      return EXIT.OK;
    }
    for (const line of table(entries.map((entry) => [`${entry.at.replace('T', ' ').slice(0, 16)} UTC`, entry.scheduled ? 'scheduled' : 'test', resultText(entry), entry.latencyMs !== undefined && !entry.skipped ? `${entry.latencyMs} ms` : '']))) context.io.out(line.trimEnd());
    return EXIT.OK;
  },
};
