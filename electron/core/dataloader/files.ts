/**
 * Writing a set of files so that a failure leaves none of them half-written.
 *
 * Every file is first written in full to a temporary file beside its target (flushed to disk), and only
 * when all of them are written are they renamed over their targets; a failure while writing removes
 * the temporary files and leaves the folder as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { uniqueSuffix } from '../file-names';

export interface FileToWrite {
  path: string;
  /** The file's content; pieces are written one after another. */
  content: string | Uint8Array | readonly Uint8Array[];
  /**
   * Permission bits the file gets, whatever the umask or the file it replaces had (e.g. 0o600 for
   * anything that can log in: a refreshed config.properties that was 0644 comes back 0600).
   */
  mode: number;
}

function writeFlushed(target: string, content: FileToWrite['content'], mode: number): void {
  const fd = fs.openSync(target, 'wx', mode);
  try {
    // openSync's mode is filtered by the umask: set the bits on the open file before any byte of
    // the content is in it, so the ciphertext is never readable by others, not even for a moment.
    // On Windows the bits mean only "read-only"; there the folder's permissions apply.
    if (process.platform !== 'win32') fs.fchmodSync(fd, mode);
    if (Array.isArray(content)) writeAll(fd, content);
    else fs.writeFileSync(fd, content as string | Uint8Array);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Write `pieces` one after another from `fd`'s position, in one system call unless the system
 * writes less than asked (`writev`: the system call, given for tests).
 */
export function writeAll(fd: number, pieces: readonly Uint8Array[], writev: (fd: number, pieces: Uint8Array[]) => number = fs.writevSync): void {
  let rest = pieces.filter((piece) => piece.byteLength > 0);
  while (rest.length > 0) {
    let written = writev(fd, rest);
    // A short write: skip what was written, and go on from the middle of the piece it ended in.
    while (rest.length > 0 && written >= rest[0]!.byteLength) {
      written -= rest[0]!.byteLength;
      rest = rest.slice(1);
    }
    if (written > 0) rest = [rest[0]!.subarray(written), ...rest.slice(1)];
  }
}

/** Write every file or none (up to the final renames, which do not fail in practice on one volume). */
export function writeFilesAtomically(files: FileToWrite[]): void {
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const file of files) {
      const temp = path.join(path.dirname(file.path), `.${path.basename(file.path)}.${uniqueSuffix()}.tmp`);
      writeFlushed(temp, file.content, file.mode);
      staged.push({ temp, target: file.path });
    }
  } catch (error) {
    for (const { temp } of staged) fs.rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of staged) fs.renameSync(temp, target);
}

export type PathProblem = { ok: false; message: string } | { ok: true; path: string };

/**
 * A path as typed by the admin, made absolute: `~` means the home folder; anything else must be a
 * full path, because a relative one would depend on where OrgKey happened to be started.
 */
export function resolveUserPath(typed: string, home: string, what: string): PathProblem {
  const text = typed.trim();
  if (text === '') return { ok: false, message: `Enter the ${what}’s full path.` };
  if (text.includes('\0')) return { ok: false, message: 'This path contains a character that paths cannot have.' };
  const expanded = text === '~' ? home : /^~[/\\]/.test(text) ? path.join(home, text.slice(2)) : text;
  if (!path.isAbsolute(expanded)) {
    const example = process.platform === 'win32' ? 'C:\\Users\\you\\Documents\\dataloader' : '/Users/you/Documents/dataloader';
    return { ok: false, message: `Enter a full path, such as ${example} (or start with ~ for your home folder).` };
  }
  return { ok: true, path: path.resolve(expanded) };
}

/** Say what a file-system error means, with the path it concerns (paths are not secrets). */
export function describeFsError(error: unknown, target: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `OrgKey is not allowed to write to ${target}.`;
    case 'ENOSPC':
      return `The disk holding ${target} is full.`;
    case 'EROFS':
      return `${target} is on a read-only disk.`;
    case 'ENOTDIR':
      return `Part of the path ${target} is a file, not a folder.`;
    case 'ENAMETOOLONG':
      return `The path ${target} is too long.`;
    default:
      return `Writing ${target} failed (${code ?? 'unknown error'}).`;
  }
}
