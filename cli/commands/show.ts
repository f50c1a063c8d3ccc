import { callbackUrlFor, type OrgDetail, type SecretPresence } from '../../shared/domain';
import { loginMethodOf } from '../../shared/login-methods';
import type { CommandSpec } from '../args';
import { certificateRows } from './cert';
import { ago, callbackPortOf, checklistLines, json, lastTestText, orgDetailJson, passwordExpiryRow, readinessText, table, testedSinceTokenSet, testLines } from '../format';
import { shellWord } from '../input';
import { colorText } from './group-color';
import { SANDBOX_REFRESH_ATTENTION_TEXT, SANDBOX_REFRESH_FACTS, sandboxRefreshedText } from '../../shared/sandbox-refresh';

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
  return rows;
}

function clientCredentialsRows(org: OrgDetail, now: Date): string[][] {
  return [
    ['run-as user', org.username || `- (the app’s Run As user; orgkey test ${shellWord(org.alias)} shows it)`],
    ['environment', `${org.environment} (${org.loginUrl})`],
    ['login', `client credentials (OAuth), consumer key ${org.clientId ?? '-'}`],
    ['consumer secret', secretText(org.secrets.clientSecret, undefined, now)],
  ];
}

function jwtRows(org: OrgDetail): string[][] {
  return [
    ['username', org.username],
    ['environment', `${org.environment} (${org.loginUrl})`],
    ['login', `JWT bearer (OAuth), consumer key ${org.clientId ?? '-'}`],
    ['private key', org.secrets.privateKey.present ? 'in the keychain' : `none — make one: orgkey cert ${shellWord(org.alias)} --rotate`],
  ];
}

/** What a switch of login method left in the keychain, and whether it may be deleted yet. */
function previousRows(org: OrgDetail): string[][] {
  const previous = org.previousSecrets;
  if (!previous) return [];
  const state = previous.provedAt
    ? `the new method worked on ${previous.provedAt.slice(0, 10)}: delete them with orgkey forget-previous ${shellWord(org.alias)}`
    : 'kept until a test with the new method works';
  return [['previous secrets', `${previous.kinds.join(', ')} of ${loginMethodOf(previous.auth).label.toLowerCase()}, since ${previous.since.slice(0, 10)} — ${state}`]];
}

/** A sandbox refresh OrgKey noticed: pending (how to confirm it) or confirmed, and what needs a look. */
function refreshRows(org: OrgDetail): string[][] {
  const refresh = org.sandboxRefresh;
  if (!refresh) return [];
  const state = refresh.confirmedAt
    ? `confirmed ${refresh.confirmedAt.slice(0, 10)}: the org id is ${refresh.toOrgId}`
    : `noticed ${refresh.detectedAt.slice(0, 10)}, not confirmed — OrgKey keeps the old org id until: orgkey confirm-refresh ${shellWord(org.alias)}`;
  const rows = [['sandbox refresh', `${sandboxRefreshedText(refresh)} ${state}`]];
  if (!refresh.confirmedAt) rows.push(...SANDBOX_REFRESH_FACTS.map((fact) => ['', fact]));
  rows.push(...refresh.attention.map((kind) => ['needs attention', SANDBOX_REFRESH_ATTENTION_TEXT[kind]]));
  return rows;
}

const ROWS: Record<OrgDetail['auth'], (org: OrgDetail, now: Date) => string[][]> = {
  password: passwordRows,
  browser: browserRows,
  'client-credentials': clientCredentialsRows,
  jwt: jwtRows,
};

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
    const expiry = passwordExpiryRow(org, now);
    const rows: string[][] = [...ROWS[org.auth](org, now), ...(expiry ? [expiry] : []), ...certificateRows(org, now), ...previousRows(org)];
    rows.push(['group', org.group ?? 'none'], ['colour', colorText(org)]);
    rows.push(['login retirement', readinessText(org, now)]);
    rows.push(['last test', lastTestText(org, now)]);
    if (org.consecutiveFailures > 0) rows.push(['failed logins in a row', String(org.consecutiveFailures)]);
    // A refresh comes first: until it is confirmed, much of the rest is about the old org.
    rows.unshift(...refreshRows(org));
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
    const checklist = checklistLines(org);
    if (checklist.length) {
      context.io.out('');
      for (const line of checklist) context.io.out(`  ${line}`);
    }
    return 0;
  },
};
