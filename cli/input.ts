/**
 * Asking for secrets and confirmations: a hidden prompt on a terminal, stdin otherwise.
 *
 * Nothing here ever echoes a secret or takes one from the command line.
 */
import type { Context } from './context';
import { CliError, EXIT } from './errors';
import { PromptInterrupted } from './terminal';

/** Ask on the terminal; Ctrl-C at the prompt ends the command with nothing changed. */
export async function ask(context: Context, question: string, options: { hidden: boolean; multiline?: boolean }): Promise<string> {
  try {
    return await context.io.ask(question, options);
  } catch (error) {
    if (error instanceof PromptInterrupted) throw new CliError('CANCELLED', 'Interrupted; nothing was changed.');
    throw error;
  }
}

/**
 * Go on only if the user agrees: `--yes` agrees in advance; on a terminal the user is asked; with
 * no terminal and no `--yes` the command refuses (exit 2) rather than guess.
 */
export async function confirm(context: Context, question: string, yes: boolean, refusal: string): Promise<void> {
  if (yes) return;
  if (!context.io.stdinIsTTY) {
    throw new CliError('CONFIRMATION_NEEDED', `${refusal} needs a confirmation, and there is no terminal to ask on.`, 'Add --yes to confirm.');
  }
  const answer = await ask(context, `${question} [y/N] `, { hidden: false });
  // Answering no is the check failing (exit 1), not an interruption (CANCELLED's own 130).
  if (!/^\s*y(es)?\s*$/i.test(answer)) throw new CliError('CANCELLED', 'Nothing was changed.', '', EXIT.FAILED);
}

/** Refuse to prompt when there is no terminal, saying how to pipe the secrets instead. */
export function requireTerminal(context: Context, what: string, remedy: string): void {
  if (!context.io.stdinIsTTY) throw new CliError('NO_TERMINAL', `There is no terminal to ask for ${what} on.`, remedy);
}

/**
 * An optional consumer secret that cannot be asked for: no terminal, and no --secrets-stdin. Stdin
 * is not read then (it may never end), so say it, or a secret piped without the flag is lost unseen.
 */
export function noteSecretNotAsked(context: Context, consequence: string): void {
  context.io.err(`note: there is no terminal to ask for a consumer secret on, so ${consequence}; to give one, pipe it and add --secrets-stdin.`);
}

/** An alias as the user would type it again in a shell. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9._@:/+-]+$/.test(text) ? text : `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}
