import { checkOpenPath } from '../../shared/validation';
import type { CommandSpec } from '../args';
import { CliError, errorLine, EXIT, exitCodeFor, fieldError } from '../errors';
import { shellWord } from '../input';
import type { Context } from '../context';
import type { TestOutcome } from '../../shared/domain';

/** A login that failed: its line and hints, as `orgkey test` prints them, and its exit code. */
function refused(context: Context, outcome: TestOutcome): number {
  const failure = outcome.failure!;
  context.io.err(errorLine(failure));
  for (const hint of failure.hints) context.io.err(`  - ${hint}`);
  return exitCodeFor(failure.code);
}

export const openCommand: CommandSpec = {
  name: 'open',
  summary: 'Log in with the org’s own method and open the org in your browser through a single-use login link.',
  usage: ['open <alias> [--path /lightning/setup/SetupOneHome/home] [--url-only [--force]] [--confirm-retry]'],
  description: [
    'Logs in once the way `orgkey test` does (any login method) and asks Salesforce for a single-use',
    'login link (/services/oauth2/singleaccess, as `sf org open` does): it works once and only for a short',
    'time, and no session id is ever put in a URL or your browser history. Where Salesforce gives no such',
    'link, it says so and opens the org’s login page instead (exit 0; log in there yourself).',
    '--url-only prints the link instead of opening it. Until it is used it logs anyone in who opens it,',
    'so it is written only into a pipe or a file: on a terminal it refuses (exit 2) unless --force.',
    'Password orgs go through the lockout guard like a test.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    path: { type: 'string', value: 'PATH', help: 'The page to land on, a path in the org starting with / (e.g. /lightning/setup/SetupOneHome/home).' },
    'url-only': { type: 'boolean', help: 'Print the single-use link instead of opening a browser.' },
    force: { type: 'boolean', help: 'With --url-only: print the link onto a terminal too (it then stays in the scrollback).' },
    'confirm-retry': { type: 'boolean', help: 'Log in even after repeated failed logins (the lockout guard), as `orgkey test` does.' },
  },
  examples: ['orgkey open Production', 'orgkey open UAT --path /lightning/setup/SetupOneHome/home', 'orgkey open UAT --url-only | xclip -selection clipboard'],
  async run(context, { positionals, values }) {
    const alias = positionals[0]!;
    const rawPath = values.path as string | undefined;
    let path: string | undefined;
    if (rawPath !== undefined) {
      const checked = checkOpenPath(rawPath);
      if (!checked.ok) throw fieldError('path', checked.message);
      path = checked.value;
    }
    const urlOnly = Boolean(values['url-only']);
    if (urlOnly && context.io.stdoutIsTTY && !values.force) {
      throw new CliError(
        'STDOUT_IS_TERMINAL',
        'orgkey open --url-only prints a single-use login link that logs in whoever opens it first, so it writes only into a pipe or a file.',
        `Open it directly (orgkey open ${shellWord(alias)}), pipe it into the tool that needs it, or add --force to print it here anyway.`,
      );
    }
    const org = context.findOrg(alias);
    const controller = new AbortController();
    const done = context.io.onInterrupt(() => controller.abort());
    const options = { signal: controller.signal, ...(path !== undefined ? { path } : {}), ...(values['confirm-retry'] ? { confirmRetry: true } : {}) };
    try {
      if (urlOnly) {
        const found = await context.core().browser.address(org.id, options);
        if (!found.ok) return refused(context, found.outcome);
        if (found.kind === 'login-page') context.io.err(found.reason);
        // The login page carries no credential; the single-use link is one until used.
        if (found.kind === 'single-use') context.io.outSecret(found.url);
        else context.io.out(found.url);
      } else {
        const opened = await context.core().browser.open(org.id, options);
        if (!opened.ok) return refused(context, opened.outcome);
        context.io.err(opened.kind === 'single-use' ? `Opened ${org.alias} in your browser with a single-use login link.` : opened.reason);
      }
    } finally {
      done();
    }
    return EXIT.OK;
  },
};
