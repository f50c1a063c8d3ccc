/**
 * The CLI's pure parts: command-line parsing, exit codes and error lines, prompt line editing,
 * and the JSON shapes (the clipboard's choice of tool: clipboard-choice.test.ts). The commands
 * themselves run as subprocesses in tests/integration/cli.
 */
import { describe, expect, it } from 'vitest';
import { fieldError as coreFieldError, OrgKeyError } from '../../electron/core/errors';
import type { TestOutcome } from '../../shared/domain';
import { intOption, parseCommand, splitCommand } from '../../cli/args';
import { COMMANDS } from '../../cli/commands';
import { parseEnvironment } from '../../cli/commands/environment';
import { CliError, describeFailure, errorLine, exitCodeFor, fieldError, isCoreFailure } from '../../cli/errors';
import { groupedDigits, json, refusedTestJson, testJson, testLines } from '../../cli/format';
import { PromptEditor, stdinLines, terminalLine, terminalText } from '../../cli/terminal';

const usageOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return { code: error.code, message: error.message, exit: error.exitCode };
    throw error;
  }
  throw new Error('expected a usage error');
};

describe('finding the command', () => {
  it('is the first word that is not an option or the value of --data-dir', () => {
    expect(splitCommand(['--data-dir', 'list', 'show', 'Prod'])).toEqual({ command: 'show', rest: ['--data-dir', 'list', 'Prod'] });
    expect(splitCommand(['--json', 'list'])).toEqual({ command: 'list', rest: ['--json'] });
    expect(splitCommand(['--help'])).toEqual({ command: undefined, rest: ['--help'] });
  });
});

describe('parsing a command’s arguments', () => {
  const add = COMMANDS.find((c) => c.name === 'add')!;

  it('reads options and the alias', () => {
    expect(parseCommand(add, ['Prod', '--username', 'a@b.com', '--env=sandbox'])).toMatchObject({
      positionals: ['Prod'],
      values: { username: 'a@b.com', env: 'sandbox' },
    });
  });

  it('names the unknown option but never echoes a value given with it or a stray argument', () => {
    const unknown = usageOf(() => parseCommand(add, ['Prod', '--password=hunter2', '--username', 'a@b.com']));
    expect(unknown).toEqual({ code: 'USAGE', message: 'orgkey add has no option --password. Secrets are never given as options.', exit: 2 });
    const stray = usageOf(() => parseCommand(add, ['Prod', 'hunter2', '--username', 'a@b.com']));
    expect(stray.message).not.toContain('hunter2');
    expect(stray.message).toBe('orgkey add takes one argument (<alias>), but got 2. Quote a name with spaces.');
  });

  it('reports a missing alias and a missing option value', () => {
    expect(usageOf(() => parseCommand(add, ['--username', 'a@b.com'])).message).toBe('orgkey add needs <alias>.');
    expect(usageOf(() => parseCommand(add, ['Prod', '--username'])).message).toBe('--username needs a value (USER).');
  });

  it('--help is read even when the rest is incomplete', () => {
    expect(parseCommand(add, ['--help']).values.help).toBe(true);
  });

  it('takes whole numbers in range only', () => {
    expect(intOption({ n: '4' }, 'n', 1, 16)).toBe(4);
    expect(intOption({}, 'n', 1, 16)).toBeUndefined();
    for (const bad of ['0', '17', '2.5', '-1', 'four', '']) expect(usageOf(() => intOption({ n: bad }, 'n', 1, 16)).exit).toBe(2);
  });

  it('reads --env as production, sandbox or a My Domain URL', () => {
    expect(parseEnvironment('Production')).toEqual({ environment: 'production' });
    expect(parseEnvironment('sandbox')).toEqual({ environment: 'sandbox' });
    expect(parseEnvironment('https://acme.my.salesforce.com')).toEqual({ environment: 'custom', customUrl: 'https://acme.my.salesforce.com' });
    expect(parseEnvironment('acme.my.salesforce.com')).toEqual({ environment: 'custom', customUrl: 'acme.my.salesforce.com' });
    expect(usageOf(() => parseEnvironment('staging')).exit).toBe(2);
  });

  it('no command takes a secret as an option', () => {
    for (const command of COMMANDS) {
      for (const name of Object.keys(command.options)) expect(name, command.name).not.toMatch(/^(password|token|secret|client-secret)$/);
    }
  });
});

describe('exit codes and error lines', () => {
  it('map usage problems to 2, the machine’s to 3, a failed check to 1', () => {
    expect(['USAGE', 'INVALID_INPUT', 'ALIAS_TAKEN', 'ORG_NOT_FOUND', 'STDOUT_IS_TERMINAL', 'CONFIRMATION_NEEDED'].map(exitCodeFor)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(['KEYCHAIN_UNAVAILABLE', 'SETTINGS_UNAVAILABLE', 'SETTINGS_TOO_NEW', 'CLIPBOARD_UNAVAILABLE'].map(exitCodeFor)).toEqual([3, 3, 3, 3]);
    expect(['INVALID_LOGIN', 'LOCKOUT_GUARD', 'TESTS_FAILED', 'NOTHING_TO_COPY'].map(exitCodeFor)).toEqual([1, 1, 1, 1]);
  });

  it('are one line: code, message, remedy, with the option a field error is about', () => {
    expect(errorLine({ code: 'INVALID_LOGIN', message: 'Wrong password\nor token.', remedy: 'Reset it.' })).toBe('orgkey: INVALID_LOGIN: Wrong password or token. Reset it.');
    expect(describeFailure(new OrgKeyError('INVALID_INPUT', { field: 'customUrl', message: 'Use https.', remedy: '' }))).toEqual({
      line: 'orgkey: INVALID_INPUT: --env: Use https.',
      exitCode: 2,
    });
  });

  it('report a field the CLI checks itself as the core reports it', () => {
    for (const [field, message] of [['alias', 'Give a name.'], ['customUrl', 'Use https.'], ['jobs.2.object', 'Name an object.']] as const) {
      expect(describeFailure(fieldError(field, message))).toEqual(describeFailure(coreFieldError(field, message)));
    }
    expect(describeFailure(fieldError('username', 'Give the username.'))).toEqual({ line: 'orgkey: INVALID_INPUT: --username: Give the username.', exitCode: 2 });
  });

  it('know the core’s failures by the catalogue error they carry', () => {
    expect(isCoreFailure(new OrgKeyError('FILES_EXIST', { details: ['config.properties'] }))).toBe(true);
    expect(isCoreFailure(coreFieldError('alias', 'Give a name.'))).toBe(true);
    expect(isCoreFailure(new CliError('USAGE', 'Unknown option.'))).toBe(false);
    expect(isCoreFailure(fieldError('alias', 'Give a name.'))).toBe(false);
    expect(isCoreFailure(new TypeError('x'))).toBe(false);
    expect(isCoreFailure({ name: 'OrgKeyError', appError: { code: 'INVALID_INPUT', message: 'not thrown' } })).toBe(false);
    expect(isCoreFailure(undefined)).toBe(false);
  });

  it('an unexpected error shows its kind only, never its text', () => {
    const { line, exitCode } = describeFailure(new TypeError('token=Abc123 leaked'));
    expect(line).toBe('orgkey: INTERNAL: Something went wrong inside orgkey (TypeError). Try again; if it keeps happening, report it with the command you ran.');
    expect(exitCode).toBe(1);
  });
});

describe('a hidden prompt’s line editing', () => {
  const feedAll = (multiline: boolean, ...chunks: string[]) => {
    const editor = new PromptEditor(multiline);
    let last: ReturnType<PromptEditor['feed']> = { state: 'more' };
    for (const chunk of chunks) last = editor.feed(chunk);
    return { value: editor.value, last };
  };

  it('ends at Enter and keeps what was typed ahead for the next prompt', () => {
    expect(feedAll(false, 'p', 'w', '\r')).toEqual({ value: 'pw', last: { state: 'done', rest: '' } });
    expect(feedAll(false, 'secret\rtoken\r')).toEqual({ value: 'secret', last: { state: 'done', rest: 'token\r' } });
  });

  it('handles backspace, Ctrl-U, arrow keys and Ctrl-C', () => {
    expect(feedAll(false, 'ab', '\u007f', 'c', '\u001b[D', '\r').value).toBe('ac');
    expect(feedAll(false, 'wrong', '\u0015', 'right', '\r').value).toBe('right');
    expect(feedAll(false, 'ab', '\u0003').last).toEqual({ state: 'interrupt' });
  });

  it('keeps the line breaks of a pasted email in a multi-line prompt, and Enter then ends it', () => {
    const bracketed = feedAll(true, '\u001b[200~Hello\r\nToken: abc\r\u001b[201~', '\r');
    expect(bracketed).toEqual({ value: 'Hello\nToken: abc\n', last: { state: 'done', rest: '' } });
    // Without bracketed paste, a paste arrives as one chunk: its inner line breaks are content.
    const plain = feedAll(true, 'Hello\rToken: abc\r');
    expect(plain).toEqual({ value: 'Hello\nToken: abc', last: { state: 'done', rest: '' } });
    expect(feedAll(true, 'Hello\rToken: abc').last).toEqual({ state: 'more' });
    // A single-line prompt ends at the first line break of a paste.
    expect(feedAll(false, 'Hello\rToken').value).toBe('Hello');
  });

  it('splits stdin into lines without their endings', () => {
    expect(stdinLines('pw\r\ntoken\n')).toEqual(['pw', 'token']);
    expect(stdinLines('pw\n\n')).toEqual(['pw', '']);
    expect(stdinLines('')).toEqual(['']);
  });
});

describe('the JSON of a test result', () => {
  const base: Omit<TestOutcome, 'ok'> = { testedAt: '2026-01-01T00:00:00.000Z', latencyMs: 120, via: 'soap', usedToken: true, warnings: [] };

  it('has every documented field, null where unknown', () => {
    const failed: TestOutcome = { ...base, ok: false, failure: { code: 'INVALID_LOGIN', message: 'Refused.', remedy: 'Reset.', hints: [] } };
    expect(testJson('Prod', failed)).toEqual({
      alias: 'Prod', ok: false, code: 'INVALID_LOGIN', message: 'Refused.', remedy: 'Reset.', orgId: null, orgName: null, isSandbox: null,
      userName: null, instanceUrl: null, apiRequestsRemaining: null, apiRequestsUnavailable: null, latencyMs: 120, testedAt: '2026-01-01T00:00:00.000Z',
    });
    const refused = refusedTestJson('Prod', { code: 'LOCKOUT_GUARD', message: 'Careful.' });
    expect(Object.keys(refused)).toEqual(Object.keys(testJson('Prod', failed)));
    expect(refused).toMatchObject({ ok: false, code: 'LOCKOUT_GUARD', remedy: null, latencyMs: null, testedAt: null });
  });

  it('says why the API requests left are unknown after a good login, in JSON and in words', () => {
    const facts = {
      orgId: '00D5g00000AcmP1EAI', orgName: 'Acme', edition: 'Enterprise Edition', isSandbox: false, instanceName: 'NA224', instanceUrl: 'https://acme.my.salesforce.com',
      userName: 'admin@acme.example', userFullName: 'Avery Admin', apiRequestsRemaining: null, apiRequestsMax: null, apiRequestsUnavailable: 'this user lacks “View Setup and Configuration”',
    };
    const ok: TestOutcome = { ...base, ok: true, facts };
    expect(testJson('Prod', ok)).toMatchObject({ ok: true, apiRequestsRemaining: null, apiRequestsUnavailable: 'this user lacks “View Setup and Configuration”' });
    expect(testLines('Prod', ok)).toContain('        API requests left: unavailable — this user lacks “View Setup and Configuration”');
    expect(testLines('Prod', { ...ok, facts: { ...facts, apiRequestsRemaining: 14000, apiRequestsMax: 15000, apiRequestsUnavailable: undefined } }).join('\n')).not.toContain('unavailable');
  });

  it('writes the API requests left with a comma between each group of three digits, as en-US does', () => {
    for (const value of [0, 7, 999, 1000, 14997, 100000, 1234567, 5000000, -1500]) expect(groupedDigits(value)).toBe(value.toLocaleString('en-US'));
    expect(testLines('Prod', { ...base, ok: true, facts: { orgId: '00D5g00000AcmP1EAI', orgName: 'Acme', edition: 'Enterprise Edition', isSandbox: false, instanceName: 'NA224', instanceUrl: 'https://acme.my.salesforce.com', userName: 'admin@acme.example', userFullName: 'Avery Admin', apiRequestsRemaining: 1234567, apiRequestsMax: 5000000 } })[1]).toContain(', 1,234,567 API requests left,');
  });
});

describe('text for the terminal', () => {
  it('writes out every control character a terminal obeys, and keeps tabs, line feeds and other text', () => {
    expect(terminalText('a\u001b[2Jb\u0007c\rd\u007fe\u009bf\u202eg\u2066h\u200fi\u2028j')).toBe('a\\x1b[2Jb\\x07c\\x0dd\\x7fe\\x9bf\\u202eg\\u2066h\\u200fi\\u2028j');
    expect(terminalText('Acme Corporation\tüñí 日本 😀\nnext')).toBe('Acme Corporation\tüñí 日本 😀\nnext');
  });

  it('keeps a line one line: a line feed inside it is shown as \\n', () => {
    expect(terminalLine('Acme\r\nok Prod\tx')).toBe('Acme\\x0d\\nok Prod\tx');
  });

  it('escapes in JSON what JSON.stringify leaves raw, so the value parses back the same', () => {
    const value = { orgName: 'a\u007fb\u009bc\u202ed\u0000e\n' };
    const text = json(value);
    expect(text).toContain('"a\\u007fb\\u009bc\\u202ed\\u0000e\\n"');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
