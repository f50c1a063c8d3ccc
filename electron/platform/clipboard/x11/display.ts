/**
 * Where an X display is and which cookie opens it: `$DISPLAY` parsed the way Xlib reads it, and
 * the MIT-MAGIC-COOKIE-1 entry for it from the Xauthority file (`$XAUTHORITY`, else ~/.Xauthority).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DisplayAddress {
  /** Unix socket paths to try in order (Linux also listens on an abstract socket), or a TCP host. */
  socketPaths: string[];
  tcp?: { host: string; port: number };
  display: number;
  screen: number;
}

/**
 * `:0`, `:0.1`, `unix:0` and `hostname/unix:0` are the local socket /tmp/.X11-unix/X<n>; `host:n`
 * (SSH forwarding sets `localhost:10.0`) is TCP port 6000+n. Null for anything else.
 */
export function parseDisplay(value: string | undefined, platform: NodeJS.Platform = process.platform): DisplayAddress | null {
  const match = /^([^:]*):(\d+)(?:\.(\d+))?$/.exec(value?.trim() ?? '');
  if (!match) return null;
  const [, rawHost = '', displayText = '', screenText] = match;
  const display = Number(displayText);
  const screen = screenText === undefined ? 0 : Number(screenText);
  if (!Number.isSafeInteger(display) || display > 65535 - 6000) return null;
  const local = rawHost === '' || rawHost === 'unix' || rawHost.endsWith('/unix');
  if (local) {
    const file = `/tmp/.X11-unix/X${display}`;
    // Linux X servers also listen on the abstract socket of the same name, which works where the
    // file is not shared (containers, a private /tmp).
    return { socketPaths: platform === 'linux' ? [file, `\0${file}`] : [file], display, screen };
  }
  return { socketPaths: [], tcp: { host: rawHost, port: 6000 + display }, display, screen };
}

export interface XauthEntry {
  family: number;
  address: Buffer;
  number: string;
  name: string;
  data: Buffer;
}

export const FAMILY_INTERNET = 0;
export const FAMILY_LOCAL = 256;
export const FAMILY_WILD = 65535;

/** The records of an Xauthority file (big-endian lengths); a truncated tail is ignored. */
export function parseXauthority(bytes: Buffer): XauthEntry[] {
  const entries: XauthEntry[] = [];
  let offset = 0;
  const field = (): Buffer | null => {
    if (offset + 2 > bytes.length) return null;
    const length = bytes.readUInt16BE(offset);
    if (offset + 2 + length > bytes.length) return null;
    const value = bytes.subarray(offset + 2, offset + 2 + length);
    offset += 2 + length;
    return value;
  };
  while (offset + 2 <= bytes.length) {
    const family = bytes.readUInt16BE(offset);
    offset += 2;
    const address = field();
    const number = field();
    const name = field();
    const data = field();
    if (!address || !number || !name || !data) break;
    entries.push({ family, address, number: number.toString('latin1'), name: name.toString('latin1'), data });
  }
  return entries;
}

/** One Xauthority record, as `xauth` writes it (for tests and tools that make a cookie file). */
export function encodeXauthEntry(entry: XauthEntry): Buffer {
  const parts = [entry.address, Buffer.from(entry.number, 'latin1'), Buffer.from(entry.name, 'latin1'), entry.data];
  const head = Buffer.alloc(2);
  head.writeUInt16BE(entry.family);
  return Buffer.concat([head, ...parts.flatMap((part) => [Buffer.from([part.length >> 8, part.length & 0xff]), part])]);
}

export const MIT_MAGIC_COOKIE = 'MIT-MAGIC-COOKIE-1';

/**
 * The cookie for `address`, as Xlib chooses it: the first MIT-MAGIC-COOKIE-1 record whose display
 * number matches (or is empty) and whose address is this host (local socket or loopback TCP) or
 * the TCP host's IPv4 address, or a wildcard. A cookie for another machine is never sent.
 */
export function findCookie(entries: readonly XauthEntry[], address: DisplayAddress, hostname = os.hostname()): Buffer | null {
  const loopback = !address.tcp || ['localhost', '127.0.0.1', '::1'].includes(address.tcp.host);
  const ipv4 = address.tcp && /^\d+\.\d+\.\d+\.\d+$/.test(address.tcp.host) ? Buffer.from(address.tcp.host.split('.').map(Number)) : null;
  const wanted = String(address.display);
  for (const entry of entries) {
    if (entry.name !== MIT_MAGIC_COOKIE || (entry.number !== '' && entry.number !== wanted)) continue;
    const here =
      entry.family === FAMILY_WILD ||
      (loopback && entry.family === FAMILY_LOCAL && entry.address.toString('latin1') === hostname) ||
      (ipv4 !== null && entry.family === FAMILY_INTERNET && entry.address.equals(ipv4)) ||
      (loopback && entry.family === FAMILY_INTERNET && entry.address.equals(Buffer.from([127, 0, 0, 1])));
    if (here) return entry.data;
  }
  return null;
}

/** The Xauthority file's cookie for `address`, or null when there is no file or no entry (then none is sent). */
export function cookieFor(address: DisplayAddress, env: NodeJS.ProcessEnv): Buffer | null {
  const file = env.XAUTHORITY || (env.HOME ? path.join(env.HOME, '.Xauthority') : null);
  if (!file) return null;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  return findCookie(parseXauthority(bytes), address);
}
