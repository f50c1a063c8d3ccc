/**
 * Java `.properties` text, as Data Loader reads `config.properties` (java.util.Properties.load).
 *
 * Writing escapes what the format needs (backslashes, leading spaces, control and non-ASCII
 * characters as `\uXXXX`, so the file reads the same whatever charset Java assumes). Reading follows
 * the format's rules (comments, `=`/`:`/whitespace separators, continuation lines, escapes), and
 * `replaceProperty` changes one key's value in place, keeping every other line exactly as it was.
 */

export interface PropertyEntry {
  key: string;
  value: string;
  /** First and last physical line (0-based) of the logical line. */
  firstLine: number;
  lastLine: number;
  /** The logical line's text up to where its value starts (indent, key as written, separator). */
  head: string;
}

function escapeChars(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\f') out += '\\f';
    else if (ch === ' ' && (isKey || i === 0)) out += '\\ ';
    else if (isKey && (ch === '=' || ch === ':' || ch === '#' || ch === '!')) out += `\\${ch}`;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

export const escapePropertyKey = (key: string): string => escapeChars(key, true);
export const escapePropertyValue = (value: string): string => escapeChars(value, false);

/** One `key=value` line (without its line break). */
export function propertyLine(key: string, value: string): string {
  return `${escapePropertyKey(key)}=${escapePropertyValue(value)}`;
}

function unescape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    i += 1;
    const next = text[i];
    if (next === undefined) break;
    if (next === 't') out += '\t';
    else if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else if (next === 'f') out += '\f';
    else if (next === 'u') {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Error('Malformed \\uXXXX escape in a properties file.');
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else out += next;
  }
  return out;
}

/** Split text into physical lines, each keeping its own line break. */
export function physicalLines(text: string): string[] {
  const lines = text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g);
  return lines ?? [];
}

const lineBody = (line: string) => line.replace(/(?:\r\n|\r|\n)$/, '');
const endsWithOddBackslashes = (body: string) => /(?:^|[^\\])(?:\\\\)*\\$/.test(body);

/** Every key/value pair in the text, in order (a key may appear more than once; Java keeps the last). */
export function parseProperties(text: string): PropertyEntry[] {
  const lines = physicalLines(text);
  const entries: PropertyEntry[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lineBody(lines[i]!);
    const trimmed = first.replace(/^[ \t\f]+/, '');
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) {
      i += 1;
      continue;
    }
    const firstLine = i;
    let logical = first;
    while (endsWithOddBackslashes(lineBody(lines[i]!)) && i + 1 < lines.length) {
      logical = logical.slice(0, -1) + lineBody(lines[i + 1]!).replace(/^[ \t\f]+/, '');
      i += 1;
    }
    if (endsWithOddBackslashes(logical)) logical = logical.slice(0, -1);
    const indent = logical.length - logical.replace(/^[ \t\f]+/, '').length;
    let k = indent;
    while (k < logical.length) {
      const ch = logical[k]!;
      if (ch === '\\') k += 2;
      else if (ch === '=' || ch === ':' || ch === ' ' || ch === '\t' || ch === '\f') break;
      else k += 1;
    }
    const rawKey = logical.slice(indent, Math.min(k, logical.length));
    let v = k;
    while (v < logical.length && /[ \t\f]/.test(logical[v]!)) v += 1;
    if (v < logical.length && (logical[v] === '=' || logical[v] === ':')) {
      v += 1;
      while (v < logical.length && /[ \t\f]/.test(logical[v]!)) v += 1;
    }
    entries.push({
      key: unescape(rawKey),
      value: unescape(logical.slice(v)),
      firstLine,
      lastLine: i,
      head: logical.slice(0, v),
    });
    i += 1;
  }
  return entries;
}

/** The value Java would load for `key` (the last occurrence wins), or undefined. */
export function getProperty(text: string, key: string): string | undefined {
  return parseProperties(text)
    .filter((entry) => entry.key === key)
    .at(-1)?.value;
}

/**
 * Give `key` a new value on every line that sets it, leaving all other lines byte for byte as they were.
 *
 * Each changed line keeps its indent, key spelling and separator, and its line break. Returns the new
 * text and how many lines set the key (0 means nothing was changed).
 */
export function replaceProperty(text: string, key: string, value: string): { text: string; replaced: number } {
  const lines = physicalLines(text);
  const targets = parseProperties(text).filter((entry) => entry.key === key);
  for (const entry of [...targets].reverse()) {
    const lastBreak = /(?:\r\n|\r|\n)$/.exec(lines[entry.lastLine]!)?.[0] ?? '';
    const head = /[ \t\f]$/.test(entry.head) || /[=:]$/.test(entry.head) ? entry.head : `${entry.head}=`;
    lines.splice(entry.firstLine, entry.lastLine - entry.firstLine + 1, `${head}${escapePropertyValue(value)}${lastBreak}`);
  }
  return { text: lines.join(''), replaced: targets.length };
}
