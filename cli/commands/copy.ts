import type { ClipboardPort, Core } from '../../electron/core';
import type { CopyWhat, OrgSummary } from '../../shared/domain';
import { intOption, stringOption, type CommandSpec } from '../args';
import { systemClipboard } from '../clipboard';
import type { Context } from '../context';
import { CliError, EXIT, usageError } from '../errors';
import { shellWord } from '../input';

/** What `copy` and `secret` take: the stored secrets and the username (`orgkey access-token` hands a session). */
type StoredWhat = Exclude<CopyWhat, 'accessToken'>;
const STORED_TARGETS: readonly StoredWhat[] = ['combined', 'password', 'token', 'username'];
const WHAT_LABEL: Record<StoredWhat, string> = { combined: 'password + token', password: 'password', token: 'security token', username: 'username' };
const WHAT_OPTION = {
  type: 'string',
  value: 'WHAT',
  help: 'combined (password followed by the token, what Tableau and similar tools take), password, token or username. Default: combined.',
} as const;

function whatOption(value: string | undefined, command: 'copy' | 'secret'): StoredWhat {
  if (value === undefined) return 'combined';
  const what = STORED_TARGETS.find((candidate) => candidate === value.trim().toLowerCase());
  if (!what) throw usageError('--what is combined, password, token or username.', `Run “orgkey ${command} --help”.`);
  return what;
}

/** The clipboard port, remembering whether the core found its copy still there and cleared it. */
function watchedClipboard(inner: ClipboardPort): ClipboardPort & { cleared: boolean; readFailed: boolean } {
  const port = {
    cleared: false,
    readFailed: false,
    writeSecret: (text: string) => inner.writeSecret(text),
    async readText() {
      try {
        return await inner.readText();
      } catch (error) {
        port.readFailed = true;
        throw error;
      }
    },
    async clear() {
      await inner.clear();
      port.cleared = true;
    },
  };
  return port;
}

/** Wait `seconds`, or until Ctrl-C; resolves whether it was interrupted. */
function waitOrInterrupt(context: Context, seconds: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      undo();
      resolve(false);
    }, seconds * 1000);
    const undo = context.io.onInterrupt(() => {
      clearTimeout(timer);
      undo();
      resolve(true);
    });
  });
}

export const copyCommand: CommandSpec = {
  name: 'copy',
  summary: 'Copy the password + token (or one of them) to the clipboard, and clear it again.',
  usage: ['copy <alias> [--what combined|password|token|username] [--clear-after SECONDS]'],
  description: [
    'Writes the system clipboard, marked as a secret so clipboard managers leave it out of their',
    'history (osascript on macOS, PowerShell on Windows, X11 directly or wl-copy on Wayland; the',
    'secret never goes into an argument). Then it waits and clears the clipboard after SECONDS',
    '(default: the app’s setting, 30) — only if the clipboard still holds what orgkey copied. Ctrl-C',
    'clears it at once. --clear-after 0 leaves it there and exits.',
    'Where there is no clipboard (SSH, a container) it fails with CLIPBOARD_UNAVAILABLE (exit 3):',
    'pipe the secret with `orgkey secret` instead.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    what: WHAT_OPTION,
    'clear-after': { type: 'string', value: 'SECONDS', help: 'Clear the clipboard after this many seconds (0–3600; 0: never).' },
  },
  examples: ['orgkey copy Production', 'orgkey copy Production --what token --clear-after 15'],
  async run(context, { positionals, values }) {
    const what = whatOption(stringOption(values, 'what'), 'copy');
    const requested = intOption(values, 'clear-after', 0, 3600);
    // The app's setting as stored (the core sees this run's override of 0).
    const clearAfter = requested ?? context.settings().read().preferences.clipboardClearSeconds;
    // With --clear-after 0 the copy must outlive this process (on X11 a process serves it).
    const system = systemClipboard(context.io.env, context.io.platform, { stays: clearAfter === 0 });
    const clipboard = watchedClipboard(system);
    // The core must not start its own timer: this process does the waiting, so Ctrl-C can clear early.
    const core: Core = context.core({ clipboard, preferences: { clipboardClearSeconds: 0 } });
    const org: OrgSummary = context.findOrg(positionals[0]!);

    await core.clipboard.copy(org.id, what);
    context.io.err(`Copied the ${WHAT_LABEL[what]} of “${org.alias}” to the clipboard.`);
    if (system.lastWriteMarked === false) {
      context.io.err(`${system.methodName ?? 'The clipboard tool'} could not mark it as a secret, so clipboard managers may keep it in their history.`);
    }
    if (clearAfter === 0) {
      context.io.err('It stays there until something else is copied (--clear-after 0).');
      return EXIT.OK;
    }
    context.io.err(`Clearing it in ${clearAfter} s if it still holds that. Ctrl-C clears it now.`);
    await waitOrInterrupt(context, clearAfter);
    await core.clipboard.clearNow();
    if (clipboard.cleared) context.io.err('Cleared the clipboard.');
    else if (clipboard.readFailed) throw new CliError('CLIPBOARD_UNAVAILABLE', 'The clipboard could not be read back, so it was not cleared.', 'Clear it yourself by copying something else.');
    else context.io.err('Left the clipboard alone: something else was copied meanwhile.');
    return EXIT.OK;
  },
};

export const secretCommand: CommandSpec = {
  name: 'secret',
  summary: 'Print a secret into a pipe or file — never onto a terminal.',
  usage: ['secret <alias> [--what combined|password|token|username]'],
  description: [
    'For scripts: writes the secret and a newline to stdout, but only when stdout is a pipe or a file.',
    'On a terminal it refuses (exit 2), so a secret never lands on the screen or in scrollback.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: { what: WHAT_OPTION },
  examples: ['orgkey secret Production | some-tool --password-stdin', 'orgkey secret Production --what token > token.txt'],
  async run(context, { positionals, values }) {
    const what = whatOption(stringOption(values, 'what'), 'secret');
    if (context.io.stdoutIsTTY) {
      throw new CliError(
        'STDOUT_IS_TERMINAL',
        'orgkey secret prints a secret only into a pipe or a file, never onto the screen.',
        `Pipe it (orgkey secret ${shellWord(positionals[0]!)} | <tool>) or copy it (orgkey copy ${shellWord(positionals[0]!)}).`,
      );
    }
    const org = context.findOrg(positionals[0]!);
    const core = context.core();
    let value: string;
    if (what === 'username') value = org.username;
    else if (what === 'combined') value = (await core.reveal(org.id, 'password')).value + (org.hasToken ? (await core.reveal(org.id, 'token')).value : '');
    else value = (await core.reveal(org.id, what)).value;
    context.io.outSecret(value);
    return EXIT.OK;
  },
};
