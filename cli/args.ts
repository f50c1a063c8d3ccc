/**
 * Command-line parsing on node:util `parseArgs`, with messages that never echo a value.
 *
 * A mistyped command line may hold a secret (`orgkey add prod hunter2`), so errors name the option
 * or the position that was wrong, never what was typed there.
 */
import { parseArgs } from 'node:util';
import type { Context } from './context';
import { usageError } from './errors';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The option may be given more than once; its value is then a list. */
  multiple?: boolean;
  /** The placeholder shown in help, e.g. `SECONDS`. */
  value?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** One line for `orgkey --help`. */
  summary: string;
  /** Usage lines without the leading `orgkey `. */
  usage: string[];
  /** A paragraph or two for `orgkey <command> --help`. */
  description: string;
  positionals: { names: string[]; min: number; max: number };
  options: Record<string, OptionSpec>;
  examples: string[];
  run(context: Context, args: ParsedCommand): Promise<number>;
}

export interface ParsedCommand {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  'data-dir': { type: 'string', value: 'DIR', help: 'Use the settings in DIR instead of OrgKey’s data folder (also: ORGKEY_DATA_DIR).' },
  help: { type: 'boolean', short: 'h', help: 'Show help.' },
};

/** Where the command name is: the first word that is neither an option nor the value of --data-dir. */
export function splitCommand(argv: readonly string[]): { command: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--data-dir') {
      i += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return { command: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { command: undefined, rest: [...argv] };
}

function optionName(message: string): string {
  const quoted = /'(-{1,2}[^'\s=]+)/.exec(message)?.[1];
  return quoted ?? 'an option';
}

/**
 * `--clear-after -1` reads to parseArgs as an option missing its value; a value-taking option
 * followed by a negative number gets that number, so the range check can say what is wrong with it.
 */
function joinNegativeValues(args: readonly string[], options: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const name = /^--([^=]+)$/.exec(args[i]!)?.[1];
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i += 1;
    } else {
      out.push(args[i]!);
    }
  }
  return out;
}

/** Parse a command's arguments strictly; any mistake is a USAGE error (exit 2). */
export function parseCommand(spec: Pick<CommandSpec, 'name' | 'options' | 'positionals'>, args: readonly string[]): ParsedCommand {
  const options = { ...GLOBAL_OPTIONS, ...spec.options };
  const helpHint = `Run “orgkey ${spec.name} --help”.`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, options),
      options: Object.fromEntries(
        Object.entries(options).map(([name, option]) => [
          name,
          { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) },
        ]),
      ),
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw usageError(`orgkey ${spec.name} has no option ${optionName(message)}. Secrets are never given as options.`, helpHint);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = optionName(message);
      const option = options[name.replace(/^-+/, '')];
      throw usageError(
        option?.type === 'boolean' ? `${name} takes no value.` : `${name} needs a value${option?.value ? ` (${option.value})` : ''}.`,
        helpHint,
      );
    }
    throw usageError(`The arguments of orgkey ${spec.name} could not be read.`, helpHint);
  }
  const values = parsed.values as ParsedCommand['values'];
  if (values.help) return { positionals: parsed.positionals, values };
  const { min, max, names } = spec.positionals;
  if (parsed.positionals.length > max) {
    const expected = max === 0 ? 'no arguments' : max === 1 ? `one argument (${names[0]})` : `at most ${max} arguments`;
    throw usageError(`orgkey ${spec.name} takes ${expected}, but got ${parsed.positionals.length}. Quote a name with spaces.`, helpHint);
  }
  if (parsed.positionals.length < min) {
    throw usageError(`orgkey ${spec.name} needs ${names.slice(parsed.positionals.length, min).join(' ')}.`, helpHint);
  }
  return { positionals: parsed.positionals, values };
}

/** A whole number option within bounds, or a USAGE error naming the option. */
export function intOption(values: ParsedCommand['values'], name: string, min: number, max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw usageError(`--${name} must be a whole number from ${min} to ${max}.`, `Run “orgkey --help”.`);
  }
  return value;
}

export function stringOption(values: ParsedCommand['values'], name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}

/** Every value of an option that may repeat (also accepting comma-separated lists). */
export function listOption(values: ParsedCommand['values'], name: string): string[] {
  const raw = values[name];
  const given = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return given.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}

/** Help text for one command. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`orgkey ${spec.name} — ${spec.summary}`, '', 'Usage:'];
  for (const usage of spec.usage) lines.push(`  orgkey ${usage}`);
  lines.push('', ...spec.description.split('\n').map((line) => (line ? `  ${line}` : '')));
  const options = { ...spec.options, ...GLOBAL_OPTIONS };
  lines.push('', 'Options:');
  const labels = Object.entries(options).map(([name, option]) => {
    const label = `${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` ${option.value}` : ''}`;
    return [label, option.help] as const;
  });
  const width = Math.max(...labels.map(([label]) => label.length));
  for (const [label, help] of labels) lines.push(`  ${label.padEnd(width)}  ${help}`);
  lines.push('', spec.examples.length > 1 ? 'Examples:' : 'Example:');
  for (const example of spec.examples) lines.push(`  ${example}`);
  return lines.join('\n');
}
