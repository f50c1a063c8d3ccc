import type { TestOutcome } from '../../shared/domain';
import { PREFERENCE_LIMITS } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { intOption, type CommandSpec } from '../args';
import type { Context } from '../context';
import { CliError, errorLine, EXIT, exitCodeFor, isTestRefusal, isTestRefusalCode, usageError } from '../errors';
import { json, refusedTestJson, testJson, testLines, type TestJson } from '../format';
import { shellWord } from '../input';

/** Abort the tests on Ctrl-C: a login in flight is cancelled and reported as CANCELLED. */
function abortOnInterrupt(context: Context): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const done = context.io.onInterrupt(() => controller.abort());
  return { signal: controller.signal, done };
}

async function testOne(context: Context, alias: string, options: { json: boolean; confirmRetry: boolean }): Promise<number> {
  const org = context.findOrg(alias);
  const { signal, done } = abortOnInterrupt(context);
  let outcome: TestOutcome;
  try {
    outcome = await context.core().tester.test(org.id, { signal, ...(options.confirmRetry ? { confirmRetry: true } : {}) });
  } catch (error) {
    // The lockout guard refused: still answer in the documented shape, then fail with its line.
    if (options.json && isTestRefusal(error)) context.io.outBlock(json(refusedTestJson(org.alias, error.appError)));
    throw error;
  } finally {
    done();
  }
  if (options.json) context.io.outBlock(json(testJson(org.alias, outcome)));
  else {
    for (const line of testLines(org.alias, outcome)) context.io.out(line);
    // Said after this test only: `orgkey show` repeats the last test's lines after the refresh is confirmed.
    if (outcome.warnings.some((warning) => warning.code === 'SANDBOX_REFRESHED')) {
      context.io.out(`        See what needs a look: orgkey show ${shellWord(org.alias)}; then confirm: orgkey confirm-refresh ${shellWord(org.alias)}`);
    }
  }
  if (outcome.ok) return EXIT.OK;
  const failure = outcome.failure!;
  context.io.err(errorLine(failure));
  return exitCodeFor(failure.code);
}

/**
 * Every org through the core's Test all, results printed as they arrive and, with --json, an array
 * in name order at the end. An org the run did not test (guard, busy, removed) is reported in its
 * place; one that could not be tested for the machine's sake (the keychain) stops the run and the
 * command with that error. `scheduled`: the scheduled checks' rules instead (the core's
 * `schedule.runChecks`): never past the lockout guard, and an org whose last failure needs a person
 * is reported as NEEDS_PERSON without a login.
 */
async function testAll(context: Context, options: { json: boolean; confirmRetry: boolean; concurrency: number | undefined; scheduled: boolean }): Promise<number> {
  const core = context.core();
  const orgs = core.orgs.list();
  const indexOf = new Map(orgs.map((org, index) => [org.id, index]));
  const results: Array<TestJson | undefined> = new Array(orgs.length);
  const controller = new AbortController();
  let interrupted = false;
  const stopped: { by?: AppError } = {};
  const done = context.io.onInterrupt(() => {
    interrupted = true;
    controller.abort();
  });

  const aliasOf = (id: string) => orgs[indexOf.get(id)!]!.alias;
  const tested = (id: string, outcome: TestOutcome) => {
    if (stopped.by) return;
    results[indexOf.get(id)!] = testJson(aliasOf(id), outcome);
    if (!options.json) for (const line of testLines(aliasOf(id), outcome)) context.io.out(line);
  };
  const refused = (id: string, error: AppError) => {
    if (stopped.by) return;
    const alias = aliasOf(id);
    const hint = error.code === 'LOCKOUT_GUARD' ? ` Test it alone with: orgkey test ${shellWord(alias)} --confirm-retry` : error.code === 'NEEDS_PERSON' ? ` Test it yourself with: orgkey test ${shellWord(alias)}` : '';
    if (!options.json) context.io.out(`skipped ${alias}: ${error.code}: ${error.message}${hint}`);
    results[indexOf.get(id)!] = refusedTestJson(alias, error);
  };
  const failed = (id: string, error: AppError) => {
    if (stopped.by) return;
    if (isTestRefusalCode(error.code)) return refused(id, error);
    // The machine failed (keychain, settings): the other orgs would fail alike.
    stopped.by = error;
    controller.abort();
  };
  const common = { signal: controller.signal, ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}) };
  try {
    if (options.scheduled) {
      await core.schedule.runChecks({
        ...common,
        onCheck: (check) => (check.kind === 'tested' ? tested(check.id, check.outcome) : check.kind === 'skipped' ? refused(check.id, check.error) : failed(check.id, check.error)),
      });
    } else {
      await core.testAll.run({
        ids: orgs.map((org) => org.id),
        ...common,
        ...(options.confirmRetry ? { confirmRetry: true } : {}),
        onProgress: (progress) => {
          if (progress.kind === 'org-result') tested(progress.id, progress.outcome);
          else if (progress.kind === 'org-guarded') refused(progress.id, progress.error);
          else if (progress.kind === 'org-error') failed(progress.id, progress.error);
        },
      });
    }
  } finally {
    done();
  }
  if (stopped.by) throw new CliError(stopped.by.code, stopped.by.message, stopped.by.remedy);
  const all = orgs.map(
    (org, index) => results[index] ?? refusedTestJson(org.alias, { code: 'CANCELLED', message: 'Not tested: the run was interrupted.' }),
  );
  if (options.json) context.io.outBlock(json(all));
  if (interrupted) {
    context.io.err(errorLine({ code: 'CANCELLED', message: 'Interrupted: the remaining tests were cancelled.' }));
    return EXIT.INTERRUPTED;
  }
  const notPassed = all.filter((result) => !result.ok).length;
  if (notPassed > 0) {
    context.io.err(errorLine({ code: 'TESTS_FAILED', message: `${notPassed} of ${all.length} orgs did not pass the test.` }));
    return EXIT.FAILED;
  }
  if (!options.json) context.io.out(all.length === 0 ? 'No orgs to test.' : all.length === 1 ? 'The org passed.' : `All ${all.length} orgs passed.`);
  return EXIT.OK;
}

export const testCommand: CommandSpec = {
  name: 'test',
  summary: 'Test an org’s login (or every org’s) the way Data Loader logs in.',
  usage: ['test <alias> [--json] [--confirm-retry]', 'test --all [--json] [--concurrency N] [--confirm-retry | --scheduled]'],
  description: [
    'Logs in with the stored password + token (SOAP login(), or the OAuth username-password flow for',
    'orgs with a connected app; the refresh token of `orgkey login` for browser-login orgs), reads the',
    'org’s name, id, sandbox flag and API requests left, and logs out.',
    'Exit code 1 when a login fails. Lockout guard: after 2 failed logins in a row (Settings in the app)',
    'OrgKey does not test an org again unless --confirm-retry is given, so it never locks the user out.',
    'Logins still under way in the app or another orgkey count as possible failures.',
    'With --scheduled (for cron, launchd or Task Scheduler: see `orgkey schedule`), --all follows the',
    'rules of the app’s scheduled checks: it never passes the lockout guard, and an org whose last login',
    'failed in a way only a person can fix (a wrong password or token, a locked-out user, an expired',
    'password or sign-in) is not logged in to but reported as NEEDS_PERSON, until that person acts.',
    'Exit codes: 0 every org passed; 1 an org failed, was skipped or needs a person; 3 the keychain or',
    'settings file is unavailable; 130 interrupted.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 0, max: 1 },
  options: {
    all: { type: 'boolean', help: 'Test every org.' },
    json: { type: 'boolean', help: 'Print the result as JSON (an array with --all; see the README).' },
    'confirm-retry': { type: 'boolean', help: 'Test even though the last logins failed (lockout guard).' },
    scheduled: { type: 'boolean', help: 'With --all: the scheduled checks’ rules (no --confirm-retry; orgs that need a person are reported, not tested).' },
    concurrency: { type: 'string', value: 'N', help: `With --all: how many orgs at a time (${PREFERENCE_LIMITS.testConcurrency.min}–${PREFERENCE_LIMITS.testConcurrency.max}; default: the app’s setting, 4).` },
  },
  examples: ['orgkey test Production', 'orgkey test --all --json > results.json', 'orgkey test --all --scheduled'],
  async run(context, { positionals, values }) {
    const { min, max } = PREFERENCE_LIMITS.testConcurrency;
    const concurrency = intOption(values, 'concurrency', min, max);
    const options = { json: !!values.json, confirmRetry: !!values['confirm-retry'] };
    const scheduled = !!values.scheduled;
    if (scheduled && !values.all) throw usageError('--scheduled goes with --all.', 'Run “orgkey test --help”.');
    if (scheduled && options.confirmRetry) throw usageError('A scheduled check never passes the lockout guard: --scheduled does not go with --confirm-retry.', 'Run “orgkey test --help”.');
    if (values.all) {
      if (positionals.length) throw usageError('Give an org’s name or --all, not both.', 'Run “orgkey test --help”.');
      return testAll(context, { ...options, concurrency, scheduled });
    }
    if (!positionals.length) throw usageError('Name the org to test, or give --all.', 'Run “orgkey test --help”.');
    if (concurrency !== undefined) throw usageError('--concurrency goes with --all.', 'Run “orgkey test --help”.');
    return testOne(context, positionals[0]!, options);
  },
};
