import type { CommandSpec } from '../args';
import { CliError, errorLine, EXIT, exitCodeFor } from '../errors';
import { json } from '../format';
import { shellWord } from '../input';

/** `orgkey access-token --json`: a live session for a tool (README "JSON out"). */
export interface AccessTokenJson {
  alias: string;
  accessToken: string;
  instanceUrl: string;
  /** When Salesforce said it expires; null when it did not (its token answers carry no expiry: the org's session timeout decides). */
  expiresAt: string | null;
  userName: string;
}

export const accessTokenCommand: CommandSpec = {
  name: 'access-token',
  summary: 'Log in with the org’s own method and print a fresh access token and instance URL for a tool.',
  usage: ['access-token <alias> [--json] [--force] [--confirm-retry]'],
  description: [
    'For tools that take a session instead of a password (for example `sf org login access-token`):',
    'logs in once the way `orgkey test` does — any login method: password, browser login, client',
    'credentials or JWT — and prints the session instead of ending it. Without --json it prints four',
    'lines: the access token, the instance URL, the user it acts as and when it expires (“-” when',
    'Salesforce does not say: the org’s session timeout decides).',
    'The token is a live session, as good as a password until it expires, so it is written only into',
    'a pipe or a file: on a terminal it refuses (exit 2) unless --force. Password orgs go through the',
    'lockout guard like a test.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    json: { type: 'boolean', help: 'Print {"alias","accessToken","instanceUrl","expiresAt","userName"}.' },
    force: { type: 'boolean', help: 'Print the token onto a terminal too (it then stays in the scrollback).' },
    'confirm-retry': { type: 'boolean', help: 'Log in even after repeated failed logins (the lockout guard), as `orgkey test` does.' },
  },
  examples: [
    'orgkey access-token Production --json | jq -r .accessToken',
    'orgkey access-token Integration | { read -r TOKEN; read -r URL; curl -s -H "Authorization: Bearer $TOKEN" "$URL/services/data/v64.0/limits"; }',
  ],
  async run(context, { positionals, values }) {
    const alias = positionals[0]!;
    if (context.io.stdoutIsTTY && !values.force) {
      throw new CliError(
        'STDOUT_IS_TERMINAL',
        'orgkey access-token prints a live session, as good as a password until it expires, so it writes only into a pipe or a file.',
        `Pipe it into the tool (orgkey access-token ${shellWord(alias)} --json | <tool>), or add --force to print it here anyway.`,
      );
    }
    const org = context.findOrg(alias);
    const controller = new AbortController();
    const done = context.io.onInterrupt(() => controller.abort());
    let answer;
    try {
      answer = await context.core().accessTokens.issue(org.id, { signal: controller.signal, ...(values['confirm-retry'] ? { confirmRetry: true } : {}) });
    } finally {
      done();
    }
    if (!answer.ok) {
      const failure = answer.outcome.failure!;
      context.io.err(errorLine(failure));
      for (const hint of failure.hints) context.io.err(`  - ${hint}`);
      return exitCodeFor(failure.code);
    }
    const { accessToken, instanceUrl, expiresAt, userName } = answer.session;
    if (values.json) {
      const out: AccessTokenJson = { alias: org.alias, accessToken, instanceUrl, expiresAt, userName };
      context.io.outBlock(json(out));
      return EXIT.OK;
    }
    context.io.outSecret(accessToken);
    context.io.out(instanceUrl);
    context.io.out(userName);
    context.io.out(expiresAt ?? '-');
    return EXIT.OK;
  },
};
