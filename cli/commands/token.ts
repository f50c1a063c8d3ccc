import type { OrgSummary, ProofResult } from '../../shared/domain';
import { PASSWORD_MAX, PASTED_MAX, pastedTooLongMessage } from '../../shared/validation';
import type { CommandSpec } from '../args';
import type { Context } from '../context';
import { CliError, errorLine, EXIT, exitCodeFor, isTestRefusal } from '../errors';
import { json, refusedTestJson, testJson, testLines } from '../format';
import { ask, confirm, shellWord } from '../input';
import { InputTooLarge, stdinLines } from '../terminal';

const PROOF_OPTIONS = {
  'no-verify': { type: 'boolean', help: 'Store without a test login (for an org this machine cannot reach).' },
  'confirm-retry': { type: 'boolean', help: 'Log in even though the last logins failed (lockout guard).' },
  yes: { type: 'boolean', short: 'y', help: 'Use an email addressed to another username without asking.' },
  json: { type: 'boolean', help: 'Print {alias, stored, test} as JSON; test has the `orgkey test --json` shape or is null.' },
} as const;

/**
 * Each UTF-16 unit is at most 3 bytes of UTF-8: more bytes than this on stdin is more than the core
 * reads (a password line and `PASTED_MAX` characters), so it is refused unread, with its size.
 */
const STDIN_MAX_BYTES = 3 * (PASSWORD_MAX + 1 + PASTED_MAX);

/** What was piped in: the token or email (after the password, for `password`). */
async function readPastedStdin(context: Context): Promise<string> {
  try {
    return await context.io.readStdin({ maxBytes: STDIN_MAX_BYTES });
  } catch (error) {
    if (!(error instanceof InputTooLarge)) throw error;
    throw new CliError('INVALID_INPUT', `the token or email: ${pastedTooLongMessage(error.bytes, { atLeast: !error.complete })}`);
  }
}

/** A browser-login org keeps no password or token: there is nothing to prove or store. */
function requirePasswordOrg(org: OrgSummary): void {
  if (org.auth !== 'browser') return;
  throw new CliError(
    'NOT_PASSWORD_LOGIN',
    `“${org.alias}” signs in with the browser: OrgKey keeps no password or security token for it.`,
    `Sign in again with: orgkey login ${shellWord(org.alias)} (or switch back: orgkey edit ${shellWord(org.alias)} --password-login).`,
  );
}

/** Report a proof: what the login said, whether the new secret was kept, and the exit code. */
function reportProof(context: Context, org: OrgSummary, what: string, result: ProofResult, asJson: boolean): number {
  if (asJson) {
    context.io.outBlock(json({ alias: org.alias, stored: result.stored, test: result.outcome ? testJson(org.alias, result.outcome) : null }));
  } else if (result.outcome) {
    for (const line of testLines(org.alias, result.outcome)) context.io.out(line);
  }
  if (result.stored) {
    if (!asJson) {
      context.io.out(
        result.outcome
          ? `Stored the new ${what} of “${org.alias}”: it works.`
          : `Stored the new ${what} of “${org.alias}” without testing it. Test it with: orgkey test ${shellWord(org.alias)}`,
      );
    }
    return EXIT.OK;
  }
  if (!asJson) context.io.out(`The new ${what} was not stored; “${org.alias}” keeps the old one.`);
  const failure = result.outcome?.failure;
  context.io.err(errorLine(failure ?? { code: 'UNKNOWN_FAILURE', message: `The new ${what} did not work.` }));
  return exitCodeFor(failure?.code ?? 'UNKNOWN_FAILURE');
}

/**
 * Run a proof; when it is refused before any login (the lockout guard, a test of the org running),
 * still answer in the documented JSON shape (nothing stored, the refusal as the test) before failing
 * with its error line, as `orgkey test --json` does.
 */
async function proveOrRefuse(context: Context, org: OrgSummary, asJson: boolean, proof: () => Promise<ProofResult>): Promise<ProofResult> {
  try {
    return await proof();
  } catch (error) {
    if (asJson && isTestRefusal(error)) {
      context.io.outBlock(json({ alias: org.alias, stored: false, test: refusedTestJson(org.alias, error.appError) }));
    }
    throw error;
  }
}

/** Look at a pasted token or email before using it: say what was found, and stop at another user's email. */
async function inspectPasted(context: Context, org: OrgSummary, pasted: string, yes: boolean): Promise<void> {
  const found = await context.core().tokens.inspect(org.id, pasted);
  context.io.err(`Found a ${found.length}-character token (${found.preview}) in the ${found.from === 'email' ? 'email' : 'input'}.`);
  if (found.sameAsStored) context.io.err('Note: this is the token that is already stored.');
  if (found.wrongOrg) {
    await confirm(
      context,
      `This email is for ${found.mailUsername}, but “${org.alias}” logs in as ${org.username}. Use its token anyway?`,
      yes,
      `Using the token from ${found.mailUsername}’s email for “${org.alias}”`,
    );
  }
}

export const tokenCommand: CommandSpec = {
  name: 'token',
  summary: 'Prove a new security token with a login, then store it (paste the token or the whole email).',
  usage: ['token <alias> [--no-verify] [--confirm-retry] [--yes] [--json]'],
  description: [
    'Reads the new token — or the whole “Your new Salesforce security token” email as your mail',
    'client copies it — from stdin, or asks for it with hidden input on a terminal (paste, then Enter).',
    'It logs in with the stored password and the NEW token first; only if that works does the new',
    'token replace the stored one. If it fails the old token stays and you see why (exit 1).',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: PROOF_OPTIONS,
  examples: ['orgkey token Production', 'pbpaste | orgkey token Production', 'orgkey token Production < reset-email.txt'],
  async run(context, { positionals, values }) {
    const org = context.findOrg(positionals[0]!);
    requirePasswordOrg(org);
    const pasted = context.io.stdinIsTTY
      ? await ask(context, 'Paste the new security token or the whole reset email, then press Enter (hidden): ', { hidden: true, multiline: true })
      : await readPastedStdin(context);
    await inspectPasted(context, org, pasted, !!values.yes);
    const result = await proveOrRefuse(context, org, !!values.json, () =>
      context.core().tokens.replaceToken(org.id, {
        pasted,
        ...(values['no-verify'] ? { saveAnyway: true } : {}),
        ...(values['confirm-retry'] ? { confirmRetry: true } : {}),
      }),
    );
    return reportProof(context, org, 'security token', result, !!values.json);
  },
};

export const passwordCommand: CommandSpec = {
  name: 'password',
  summary: 'Prove a new password (and the token Salesforce emails with it) with a login, then store it.',
  usage: ['password <alias> [--no-verify] [--confirm-retry] [--yes] [--json]'],
  description: [
    'On a terminal it asks (hidden) for the new password, then for the new security token or the email',
    'Salesforce sent after the change (press Enter to keep the stored token). From stdin: the first',
    'line is the password, anything after it the token or the email.',
    'Both are proved with a login before they replace the stored ones; if it fails nothing changes (exit 1).',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: PROOF_OPTIONS,
  examples: ['orgkey password Production', "printf '%s\\n%s\\n' \"$NEW_PASSWORD\" \"$NEW_TOKEN\" | orgkey password Production"],
  async run(context, { positionals, values }) {
    const org = context.findOrg(positionals[0]!);
    requirePasswordOrg(org);
    let password: string;
    let pasted: string;
    if (context.io.stdinIsTTY) {
      password = await ask(context, `New password for ${org.username}: `, { hidden: true });
      pasted = await ask(context, 'New security token, or paste the email Salesforce sent (Enter keeps the stored token; hidden): ', {
        hidden: true,
        multiline: true,
      });
    } else {
      const [first = '', ...rest] = stdinLines(await readPastedStdin(context));
      password = first;
      pasted = rest.join('\n');
    }
    if (pasted.trim()) await inspectPasted(context, org, pasted, !!values.yes);
    const result = await proveOrRefuse(context, org, !!values.json, () =>
      context.core().tokens.changePassword(org.id, {
        password,
        ...(pasted.trim() ? { pasted } : {}),
        ...(values['no-verify'] ? { saveAnyway: true } : {}),
        ...(values['confirm-retry'] ? { confirmRetry: true } : {}),
      }),
    );
    return reportProof(context, org, pasted.trim() ? 'password and token' : 'password', result, !!values.json);
  },
};
