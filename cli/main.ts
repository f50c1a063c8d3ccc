/**
 * `orgkey`: the command line front end on the same core, settings file and keychain as the app.
 *
 * `main` parses, dispatches and turns every failure into one stderr line and an exit code
 * (0 ok, 1 the check failed, 2 usage, 3 environment); it never calls process.exit itself.
 */
import { parseArgs } from 'node:util';
import { commandHelp, parseCommand, splitCommand, stringOption } from './args';
import { COMMANDS, findCommand } from './commands';
import { version as CLI_VERSION } from '../package.json';
import { describeFailure, EXIT, usageError } from './errors';
import type { Io } from './terminal';

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'orgkey — your Salesforce orgs’ credentials from a terminal, on the same stored orgs as the OrgKey app.',
    '',
    'Usage: orgkey <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  --data-dir DIR  Use the settings in DIR instead of OrgKey’s data folder (also: ORGKEY_DATA_DIR).',
    '  -h, --help      Show help; `orgkey <command> --help` explains a command, with an example.',
    '  -V, --version   Print the version.',
    '',
    'Secrets are never options: they are asked for with hidden input, or read from stdin.',
    'Exit codes: 0 done, 1 the check failed (e.g. login refused), 2 usage error or unknown org,',
    '3 the keychain, settings file or clipboard is unavailable.',
    '',
    'Example:',
    '  orgkey add Production --username admin@acme.com && orgkey test Production',
  ].join('\n');
}

/** A command word is echoed back only if it looks like one: a mistyped secret never is. */
const echoable = (word: string) => (/^[a-z][a-z-]{0,24}$/i.test(word) ? ` “${word}”` : '');

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const { command, rest } = splitCommand(argv);
  if (command === undefined || command === 'help') {
    const topic = command === 'help' ? rest.find((arg) => !arg.startsWith('-')) : undefined;
    if (topic !== undefined) {
      const spec = findCommand(topic);
      if (!spec) throw usageError(`There is no command${echoable(topic)}.`, 'Run “orgkey --help” to see the commands.');
      io.outBlock(commandHelp(spec));
      return EXIT.OK;
    }
    const { values } = (() => {
      try {
        const options = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'V' }, 'data-dir': { type: 'string' } } as const;
        return parseArgs({ args: [...rest], options, strict: true, allowPositionals: true });
      } catch {
        throw usageError('Unknown option.', 'Run “orgkey --help”.');
      }
    })();
    if (values.version) {
      io.out(`orgkey ${CLI_VERSION}`);
      return EXIT.OK;
    }
    if (values.help || command === 'help') {
      io.outBlock(mainHelp());
      return EXIT.OK;
    }
    io.errBlock(mainHelp());
    return EXIT.USAGE;
  }
  const spec = findCommand(command);
  if (!spec) throw usageError(`There is no command${echoable(command)}.`, 'Run “orgkey --help” to see the commands.');
  const parsed = parseCommand(spec, rest);
  if (parsed.values.help) {
    io.outBlock(commandHelp(spec));
    return EXIT.OK;
  }
  // The core loads only now: help, the version and usage errors start without it (lazy-context.ts).
  const { createContext } = await import('./lazy-context');
  const context = createContext(io, stringOption(parsed.values, 'data-dir'));
  try {
    return await spec.run(context, parsed);
  } finally {
    await context.settled();
  }
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const { line, exitCode } = describeFailure(error);
    io.err(line);
    return exitCode;
  }
}
