/**
 * A small structured log: one JSON object per line in `orgkey.log` in the user-data folder, with a
 * time, level, component tag and message, rotated by size (orgkey.log → orgkey.1.log … orgkey.3.log).
 *
 * The file is readable by the owner only. Messages pass through the redactor first, and writing a
 * log line never throws: a full disk must not stop a connection test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inFolder } from '../file-names';
import type { Clock, Logger } from '../ports';
import type { Redactor } from './redactor';

export const LOG_FILE = 'orgkey.log';

export interface FileLoggerOptions {
  dir: string;
  redactor: Redactor;
  clock: Clock;
  /** Rotate when the file reaches this size; default 1 MB. */
  maxBytes?: number;
  /** How many rotated files to keep; default 3. */
  keep?: number;
  /** Where lines also go (e.g. the console in development); receives the redacted line. */
  echo?: (line: string) => void;
  /** Which process wrote the line: `app`, `cli`. */
  source?: string;
}

export function createFileLogger(options: FileLoggerOptions): Logger & { readonly file: string } {
  const file = path.join(options.dir, LOG_FILE);
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const rotated = (n: number) => path.join(options.dir, `orgkey.${n}.log`);

  const rotate = () => {
    fs.rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) if (fs.existsSync(rotated(n))) fs.renameSync(rotated(n), rotated(n + 1));
    fs.renameSync(file, rotated(1));
  };

  /** Open the log for appending (its folder made if missing), rotated first if this line would overflow it. */
  const openLog = (bytes: number): number => {
    const fd = inFolder(options.dir, () => fs.openSync(file, 'a', 0o600), 0o700);
    if (fs.fstatSync(fd).size + bytes <= maxBytes) return fd;
    fs.closeSync(fd);
    rotate();
    return fs.openSync(file, 'a', 0o600);
  };
  // A line is a few system calls (open, fstat, write, close), not a folder check and a stat of the
  // path before them: the logger writes at every test (`npm run bench`).
  const append = (text: string) => {
    const bytes = Buffer.from(text);
    const fd = openLog(bytes.byteLength);
    try {
      fs.writeSync(fd, bytes);
    } finally {
      fs.closeSync(fd);
    }
  };

  const write = (level: 'info' | 'warn' | 'error', tag: string, message: string) => {
    const line = JSON.stringify({
      time: options.clock.now().toISOString(),
      level,
      tag: options.redactor.redact(tag),
      message: options.redactor.redact(message),
      ...(options.source ? { source: options.source } : {}),
    });
    try {
      append(`${line}\n`);
    } catch {
      // Logging is best effort; the action that logged must not fail because of it.
    }
    options.echo?.(line);
  };

  return {
    file,
    info: (tag, message) => write('info', tag, message),
    warn: (tag, message) => write('warn', tag, message),
    error: (tag, message) => write('error', tag, message),
  };
}

/** Wrap any logger so that every line is redacted before it reaches it. */
export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  return {
    info: (tag, message) => inner.info(tag, redactor.redact(message)),
    warn: (tag, message) => inner.warn(tag, redactor.redact(message)),
    error: (tag, message) => inner.error(tag, redactor.redact(message)),
  };
}
