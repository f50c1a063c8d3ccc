import type { CommandSpec } from '../args';
import { json, lastTestText, orgJson, table, testedSinceTokenSet, tokenAgeDays } from '../format';

export const listCommand: CommandSpec = {
  name: 'list',
  summary: 'List the stored orgs (the same ones the app shows).',
  usage: ['list [--json]'],
  description: 'Shows each org’s name, username, environment, the age of its security token and its last test.\nNo secret is read: this never touches the keychain.',
  positionals: { names: [], min: 0, max: 0 },
  options: { json: { type: 'boolean', help: 'Print a JSON array of orgs (see the README for the shape).' } },
  examples: ['orgkey list', 'orgkey list --json | jq -r \'.[] | select(.lastTest.ok != true) | .alias\''],
  async run(context, { values }) {
    const orgs = context.core().orgs.list();
    const now = new Date();
    if (values.json) {
      context.io.out(json(orgs.map((org) => orgJson(org, now))));
      return 0;
    }
    if (orgs.length === 0) {
      context.io.out('No orgs yet. Add one: orgkey add Production --username admin@acme.com');
      return 0;
    }
    const rows = orgs.map((org) => {
      const age = tokenAgeDays(org, now);
      const token = age === null ? 'none' : `${age} d${testedSinceTokenSet(org) ? '' : ', untested'}`;
      return [org.alias, org.username, org.environment === 'custom' ? new URL(org.loginUrl).host : org.environment, token, lastTestText(org, now)];
    });
    for (const line of table([['NAME', 'USERNAME', 'ENVIRONMENT', 'TOKEN', 'LAST TEST'], ...rows])) context.io.out(line);
    return 0;
  },
};
