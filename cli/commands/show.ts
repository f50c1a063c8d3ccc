import { callbackUrlFor, type OrgDetail, type SecretPresence } from '../../shared/domain';
import type { CommandSpec } from '../args';
import { certificateRows } from './cert';
import { ago, callbackPortOf, json, lastTestText, orgDetailJson, readinessText, table, testedSinceTokenSet, testLines } from '../format';
import { shellWord } from '../input';

function secretText(secret: SecretPresence, updatedAt: string | undefined, now: Date): string {
  if (!secret.present) return 'none stored';
  const when = updatedAt ? `, set ${updatedAt.slice(0, 10)} (${ago(updatedAt, now)})` : '';
  return `${'•'.repeat(Math.min(secret.length, 12))} (${secret.length} characters${when})`;
}

function passwordRows(org: OrgDetail, now: Date): string[][] {
  const rows = [
    ['username', org.username],
    ['environment', `${org.environment} (${org.loginUrl})`],
    ['login', org.clientId ? `OAuth username-password flow, consumer key ${org.clientId}` : 'SOAP login() with password + token'],
    ['password', secretText(org.secrets.password, org.passwordUpdatedAt, now)],
    ['security token', secretText(org.secrets.token, org.tokenUpdatedAt, now) + (org.secrets.token.present && !testedSinceTokenSet(org) ? ' — not tested since it was set' : '')],
  ];
  if (org.clientId) rows.push(['consumer secret', secretText(org.secrets.clientSecret, undefined, now)]);
  return rows;
}

function browserRows(org: OrgDetail, now: Date): string[][] {
  const port = callbackPortOf(org)!;
  const rows = [
    ['username', org.username || '- (learnt at the sign-in)'],
    ['environment', `${org.environment} (${org.loginUrl})`],
    ['login', `browser login (OAuth with PKCE), consumer key ${org.clientId ?? '-'}`],
    ['callback URL', `${callbackUrlFor(port)} (must be in the app’s callback URLs)`],
    [
      'signed in',
      org.signedInAt && org.secrets.refreshToken.present
        ? `yes, ${org.signedInAt.slice(0, 10)} (${ago(org.signedInAt, now)}); the refresh token is in the keychain`
        : `no — sign in with: orgkey login ${shellWord(org.alias)}`,
    ],
    ['consumer secret', org.secrets.clientSecret.present ? secretText(org.secrets.clientSecret, undefined, now) : 'none (only apps that require one need it)'],
  ];
  // A password kept from before the switch lets the org switch back (orgkey edit --password-login).
  if (org.secrets.password.present) rows.push(['password', `${secretText(org.secrets.password, org.passwordUpdatedAt, now)}, kept from password login`]);
  return rows;
}

export const showCommand: CommandSpec = {
  name: 'show',
  summary: 'Show one org: its settings, last test and token age. Secrets stay masked.',
  usage: ['show <alias> [--json]'],
  description: 'Reads the keychain only to tell whether each secret is there and how long it is; no secret is printed.',
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: { json: { type: 'boolean', help: 'Print the org as JSON (see the README for the shape).' } },
  examples: ['orgkey show Production', 'orgkey show Production --json | jq .tokenAgeDays'],
  async run(context, { positionals, values }) {
    const org = await context.core().orgs.get(context.findOrg(positionals[0]!).id);
    const now = context.core().now();
    if (values.json) {
      context.io.outBlock(json(orgDetailJson(org, now)));
      return 0;
    }
    const rows: string[][] = org.auth === 'browser' ? browserRows(org, now) : passwordRows(org, now);
    rows.push(...certificateRows(org, now));
    rows.push(['login retirement', readinessText(org, now)]);
    rows.push(['last test', lastTestText(org, now)]);
    if (org.consecutiveFailures > 0) rows.push(['failed logins in a row', String(org.consecutiveFailures)]);
    for (const entry of org.dataLoaderExports) {
      rows.push(['Data Loader export', `${entry.folder} (${entry.exportedAt.slice(0, 10)}${entry.stale ? `, stale: ${entry.staleReason ?? 'refresh it'}` : ''})`]);
    }
    rows.push(['id', org.id]);
    context.io.out(org.alias);
    for (const line of table(rows)) context.io.out(`  ${line}`);
    if (org.lastTest) {
      context.io.out('');
      for (const line of testLines(org.alias, org.lastTest)) context.io.out(`  ${line}`);
    }
    return 0;
  },
};
