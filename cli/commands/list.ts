import type { OrgSummary } from '../../shared/domain';
import { loginMethodOf } from '../../shared/login-methods';
import { tallyRetirements, tallyText } from '../../shared/retirements';
import { groupsOf, sameGroup } from '../../shared/org-groups';
import { stringOption, type CommandSpec } from '../args';
import { usageError } from '../errors';
import { shellWord } from '../input';
import { certificateNotes } from './cert';
import { json, lastTestText, loginText, orgJson, passwordColumnText, passwordExpiryNotes, table, testedSinceTokenSet, tokenAgeDays } from '../format';

/**
 * The orgs of `--group NAME` (its name in any case), or with `--group ""` the orgs in no group, as
 * the app's “No group” filter. None: a usage error that names the groups there are.
 */
function ofGroup(all: OrgSummary[], group: string): OrgSummary[] {
  const name = group.trim();
  const orgs = all.filter((org) => (name ? org.group !== undefined && sameGroup(org.group, name) : org.group === undefined));
  if (orgs.length > 0 || all.length === 0) return orgs;
  if (!name) throw usageError('Every org is in a group.', 'Run “orgkey list” to see them.');
  const groups = groupsOf(all);
  throw usageError(
    `No org is in a group named “${name}”.`,
    groups.length > 0 ? `The groups are: ${groups.map((each) => `“${each}”`).join(', ')}.` : 'No org has a group yet: file one with orgkey edit <alias> --group NAME.',
  );
}

export const listCommand: CommandSpec = {
  name: 'list',
  summary: 'List the stored orgs (the same ones the app shows).',
  usage: ['list [--group NAME] [--json]'],
  description: [
    'Shows each org’s name, username, environment, how it logs in, the age of its security token, when its password',
    'expires (as read at its last test; “unknown” when the user may not read the password policy) and its last test.',
    'LOGIN: browser (signs in with the browser; “not signed in” until `orgkey login`), oauth-password',
    '(a connected app’s username-password flow), soap (SOAP login() worked at the last test), soap (off)',
    '(the org has SOAP login() switched off) or soap (untested), each with when Salesforce stops it;',
    'client-credentials and jwt (no password: not affected).',
    'GROUP (shown when any org has one): the group the org is filed under; --group NAME lists only the orgs',
    'of that group (its exact name, in any case); --group "" the orgs in no group.',
    'No secret is read: this never touches the keychain.',
  ].join('\n'),
  positionals: { names: [], min: 0, max: 0 },
  options: {
    group: { type: 'string', value: 'NAME', help: 'Only the orgs of this group.' },
    json: { type: 'boolean', help: 'Print a JSON array of orgs (see the README for the shape).' },
  },
  examples: ['orgkey list', 'orgkey list --group "Client A"', 'orgkey list --json | jq -r \'.[] | select(.lastTest.ok != true) | .alias\''],
  async run(context, { values }) {
    const all = context.core().orgs.list();
    const group = stringOption(values, 'group');
    const orgs = group === undefined ? all : ofGroup(all, group);
    const now = context.core().now();
    if (values.json) {
      context.io.outBlock(json(orgs.map((org) => orgJson(org, now))));
      return 0;
    }
    if (all.length === 0) {
      context.io.out('No orgs yet. Add one: orgkey add Production --username admin@acme.com');
      return 0;
    }
    const grouped = orgs.some((org) => org.group);
    const rows = orgs.map((org) => {
      const age = tokenAgeDays(org, now);
      const token = !loginMethodOf(org).usesPassword ? '-' : age === null ? 'none' : `${age} d${testedSinceTokenSet(org) ? '' : ', untested'}`;
      // A browser org learns its username at the sign-in.
      const username = org.username || '-';
      return [org.alias, username, org.environment === 'custom' ? new URL(org.loginUrl).host : org.environment, ...(grouped ? [org.group ?? '-'] : []), loginText(org, now), token, passwordColumnText(org, now), lastTestText(org, now)];
    });
    const header = ['NAME', 'USERNAME', 'ENVIRONMENT', ...(grouped ? ['GROUP'] : []), 'LOGIN', 'TOKEN', 'PASSWORD', 'LAST TEST'];
    for (const line of table([header, ...rows])) context.io.out(line);
    for (const note of certificateNotes(orgs, now)) context.io.err(note);
    for (const note of passwordExpiryNotes(orgs, now)) context.io.err(note);
    const retirements = tallyRetirements(orgs, now);
    if (retirements.length > 0) {
      context.io.err('note: Salesforce retires the password logins of these orgs:');
      for (const tally of retirements) context.io.err(`  ${tallyText(tally)}`);
      context.io.err('Switch them to browser login (a person signs in): orgkey edit <alias> --browser-login --client-id KEY');
      context.io.err('or, for a server or a script, to client credentials or JWT: orgkey edit <alias> --client-credentials --client-id KEY --env MY_DOMAIN_URL (or --jwt)');
    }
    for (const org of orgs.filter((each) => each.sandboxRefresh && !each.sandboxRefresh.confirmedAt)) {
      context.io.err(`note: ${org.alias}: the sandbox was refreshed (a new org) — see orgkey show ${shellWord(org.alias)}, then confirm it: orgkey confirm-refresh ${shellWord(org.alias)}`);
    }
    return 0;
  },
};
