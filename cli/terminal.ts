/**
 * The CLI's contact with the terminal and the standard streams.
 *
 * Secrets come in on stdin or through a hidden prompt, never as arguments (they would show in `ps`
 * and shell history). Prompts go to stderr so stdout stays clean for `--json` and pipes.
 *
 * Every line written passes `terminalText`: usernames from a pasted email, org names from a server,
 * aliases and URLs reach the terminal with their control characters shown, not obeyed. A line is
 * one line: a line break inside it came from a value and is shown as `\n`, so no value can forge
 * a line of OrgKey's own. Only text OrgKey composed as a whole (help, JSON, whose strings escape
 * their line breaks) goes out as a block with its own line breaks.
 */

/** What a command may do with the outside world; the real one is `nodeIo()`. */
export interface Io {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  /**
   * Show a progress line on stderr in place (each call replaces the last; an empty one clears it),
   * only when stderr is a terminal: a log file gets no progress. Absent where there is none.
   */
  status?(line: string): void;
  /** Write one line to stdout, through `terminalText` (a line break inside it is shown, not obeyed). */
  out(line: string): void;
  /** Write text OrgKey composed as a whole, line breaks and all (help, JSON), through `terminalText`. */
  outBlock(text: string): void;
  /** Write a file's content to stdout exactly as it is (the audit's CSV into a pipe); never onto a terminal. */
  outRaw(text: string): void;
  /** Write a secret and a line break to stdout exactly as it is: only `orgkey secret`, which refuses a terminal. */
  outSecret(secret: string): void;
  /** Write one line to stderr, through `terminalText` (a line break inside it is shown, not obeyed). */
  err(line: string): void;
  /** Write text OrgKey composed as a whole to stderr (the help after a usage error). */
  errBlock(text: string): void;
  /**
   * All of stdin (when it is not a terminal). Past `maxBytes` it rejects with `InputTooLarge`, having
   * kept no more than that (and read no more than `COUNT_LIMIT`, to say how much there was).
   */
  readStdin(options?: { maxBytes?: number }): Promise<string>;
  /**
   * Ask on the terminal. Hidden answers are not echoed; `multiline` keeps the line breaks of a
   * pasted email and ends at Enter typed on its own (or Ctrl-D).
   */
  ask(question: string, options: { hidden: boolean; multiline?: boolean }): Promise<string>;
  /** Run `handler` on Ctrl-C (and SIGTERM/SIGHUP) instead of dying; returns the undo. */
  onInterrupt(handler: () => void): () => void;
}

/** Thrown by `ask` when the user pressed Ctrl-C at a prompt. */
export class PromptInterrupted extends Error {
  constructor() {
    super('Interrupted at a prompt.');
    this.name = 'PromptInterrupted';
  }
}

/** Thrown by `readStdin` when stdin holds more than the command reads. */
export class InputTooLarge extends Error {
  constructor(
    /** Bytes seen; a lower bound when `complete` is false. */
    readonly bytes: number,
    readonly complete: boolean,
  ) {
    super('The input is larger than this command reads.');
    this.name = 'InputTooLarge';
  }
}

/** How far an oversized stdin is read to say its size; past this, "more than". */
const COUNT_LIMIT = 64 * 1024 * 1024;

/**
 * Characters a terminal obeys rather than shows: C0 controls but tab and line feed (ESC starts
 * escape sequences, BEL rings, CR and BS overwrite), DEL, C1 controls (U+009B is a one-character
 * CSI on many terminals), and the bidirectional controls that reorder what is shown, plus the
 * Unicode line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** The same characters JSON.stringify leaves as they are (it escapes C0 itself). */
const JSON_RAW_CONTROLS = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const hex = (ch: string, width: number) => ch.charCodeAt(0).toString(16).padStart(width, '0');

/** Text for the terminal: each control character written out visibly (`\x1b`, `\x07`, `\u202e`), never obeyed. */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (ch) => (ch <= '\u00ff' ? `\\x${hex(ch, 2)}` : `\\u${hex(ch, 4)}`));
}

/** One line for the terminal: `terminalText`, with a line feed inside it shown as `\n`. */
export function terminalLine(line: string): string {
  return terminalText(line).replace(/\n/g, '\\n');
}

/** JSON text with the controls JSON.stringify leaves raw escaped as `\uXXXX`: the same value, parsed. */
export function jsonSafe(json: string): string {
  return json.replace(JSON_RAW_CONTROLS, (ch) => `\\u${hex(ch, 4)}`);
}

const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';
const ENABLE_BRACKETED_PASTE = '\u001b[?2004h';
const DISABLE_BRACKETED_PASTE = '\u001b[?2004l';

/**
 * Line editing for one prompt in raw mode, fed chunk by chunk.
 *
 * Terminals send an Enter key as a chunk of its own; a paste arrives as one longer chunk, or wrapped
 * in bracketed-paste markers where the terminal supports them (most do). Line breaks inside a paste
 * are kept for multi-line prompts, so a whole reset email can be pasted before pressing Enter.
 */
export class PromptEditor {
  value = '';
  private inPaste = false;

  constructor(private readonly multiline: boolean) {}

  /**
   * Take a chunk; returns `done` with the rest of the chunk (typed ahead for the next prompt),
   * `interrupt` on Ctrl-C, or `more` when the answer is not finished.
   */
  feed(chunk: string): { state: 'done'; rest: string } | { state: 'interrupt' } | { state: 'more' } {
    const pasted = this.multiline && chunk.length > 1 && !chunk.startsWith('\u001b');
    let i = 0;
    while (i < chunk.length) {
      if (chunk.startsWith(PASTE_START, i)) {
        this.inPaste = true;
        i += PASTE_START.length;
        continue;
      }
      if (chunk.startsWith(PASTE_END, i)) {
        this.inPaste = false;
        i += PASTE_END.length;
        continue;
      }
      const ch = chunk[i]!;
      i += 1;
      if (ch === '\u0003') return { state: 'interrupt' };
      if (ch === '\u0004') return { state: 'done', rest: chunk.slice(i) };
      if (ch === '\r' || ch === '\n') {
        if (this.multiline && (this.inPaste || (pasted && !this.onlyLineBreaksFollow(chunk, i)))) {
          // \r\n from a paste is one line break.
          if (ch === '\r' && chunk[i] === '\n') i += 1;
          this.value += '\n';
          continue;
        }
        if (ch === '\r' && chunk[i] === '\n') i += 1;
        return { state: 'done', rest: chunk.slice(i) };
      }
      if (ch === '\u007f' || ch === '\b') {
        if (!this.inPaste) this.value = [...this.value].slice(0, -1).join('');
        continue;
      }
      if (ch === '\u0015') {
        this.value = ''; // Ctrl-U: start the line again
        continue;
      }
      if (ch === '\u001b') {
        // Arrow keys and other escape sequences: skip the whole sequence.
        const sequence = /^\[[0-9;?]*[ -/]*[@-~]|^O./.exec(chunk.slice(i));
        i += sequence ? sequence[0].length : 0;
        continue;
      }
      if (ch < ' ' && ch !== '\t') continue;
      this.value += ch;
    }
    return { state: 'more' };
  }

  /** The line break that ends a pasted chunk finishes the answer, like Enter after the paste. */
  private onlyLineBreaksFollow(chunk: string, from: number): boolean {
    return /^[\r\n]*$/.test(chunk.slice(from));
  }
}

/** Split what was piped to stdin into lines, without the line ending characters. */
export function stdinLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

export function nodeIo(): Io {
  let typedAhead = '';
  const stdin = process.stdin;

  return {
    env: process.env,
    platform: process.platform,
    stdinIsTTY: !!stdin.isTTY,
    stdoutIsTTY: !!process.stdout.isTTY,
    out: (line) => void process.stdout.write(`${terminalLine(line)}\n`),
    outBlock: (text) => void process.stdout.write(`${terminalText(text)}\n`),
    outSecret: (secret) => void process.stdout.write(`${secret}\n`),
    outRaw: (text) => void process.stdout.write(text),
    // Carriage return, the line, then erase what an older, longer line left on the right.
    status: (line) => void (process.stderr.isTTY && process.stderr.write(`\r${terminalLine(line)}\u001b[K`)),
    err: (line) => void process.stderr.write(`${terminalLine(line)}\n`),
    errBlock: (text) => void process.stderr.write(`${terminalText(text)}\n`),

    async readStdin({ maxBytes = Infinity } = {}) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of stdin) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        bytes += buffer.length;
        if (bytes > COUNT_LIMIT) throw new InputTooLarge(bytes, false);
        if (bytes <= maxBytes) chunks.push(buffer);
      }
      if (bytes > maxBytes) throw new InputTooLarge(bytes, true);
      return Buffer.concat(chunks).toString('utf8');
    },

    ask(question, { hidden, multiline = false }) {
      const output = process.stderr;
      const editor = new PromptEditor(multiline);
      output.write(terminalText(question));
      stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      if (multiline) output.write(ENABLE_BRACKETED_PASTE);
      return new Promise<string>((resolve, reject) => {
        let shownLength = 0;
        const finish = (result: { ok: true; rest: string } | { ok: false }) => {
          stdin.off('data', onData);
          if (multiline) output.write(DISABLE_BRACKETED_PASTE);
          stdin.setRawMode(false);
          stdin.pause();
          output.write('\n');
          if (result.ok) {
            typedAhead = result.rest;
            resolve(editor.value);
          } else {
            reject(new PromptInterrupted());
          }
        };
        const onData = (chunk: string) => {
          const step = editor.feed(chunk);
          if (!hidden) {
            // Echo visible answers (confirmations) by redrawing what changed.
            const shown = terminalText(editor.value.replace(/\n/g, ' '));
            output.write('\b \b'.repeat(Math.max(0, shownLength - shown.length)) + shown.slice(Math.min(shownLength, shown.length)));
            shownLength = shown.length;
          }
          if (step.state === 'done') finish({ ok: true, rest: step.rest });
          else if (step.state === 'interrupt') finish({ ok: false });
        };
        stdin.on('data', onData);
        stdin.resume();
        if (typedAhead) {
          const ahead = typedAhead;
          typedAhead = '';
          onData(ahead);
        }
      });
    },

    onInterrupt(handler) {
      const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
      for (const signal of signals) process.on(signal, handler);
      return () => {
        for (const signal of signals) process.off(signal, handler);
      };
    },
  };
}
