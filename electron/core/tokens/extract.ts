/**
 * Find the security token in what the admin pasted: the token alone, or the whole reset email as
 * any mail client copies it (plain text, text copied from HTML mail, quoted `>` replies, odd
 * whitespace, the label and token on separate lines), in whatever language Salesforce sent it.
 *
 * Salesforce's email has a `Username: …` line followed by a `Security token (case-sensitive): …`
 * line, translated into the user's language (Japanese: `ユーザ名: …` and
 * `セキュリティトークン (大文字と小文字を区別): …`). The labels below are known in the languages the
 * corpus test lists; an email in any other language is read by its structure: a `label: value`
 * line whose value is a token as Salesforce mails them (24–25 letters and digits, case-sensitive),
 * with the username on the `label: value` line before it.
 *
 * Everything here is linear in the length of the paste: text is read line by line, labels are
 * looked for only in a line's first few characters, and no pattern can backtrack across lines.
 */
import { USERNAME_MAX } from '../../../shared/validation';

export type Extraction =
  | { ok: true; token: string; username?: string; from: 'email' | 'token' }
  | { ok: false; message: string };

/** What a value after a known token label may be: the token checks elsewhere allow 16–40. */
const TOKEN = /^[A-Za-z0-9]{16,40}$/;
/** What an unlabelled guess must be: a token as Salesforce mails them. */
const MAILED_TOKEN = /^[A-Za-z0-9]{24,25}$/;
/** A word, not a token: one capital at most, at the start (`Kundenbeziehungsmanagement`). */
const WORD = /^[A-Z]?[a-z]+$/;
/** Labels are short; the colon of a longer run of text is punctuation in a sentence. */
const LABEL_MAX = 80;

/**
 * The email's two labels, as `labelKey` reads them. English and Japanese are from captured
 * emails; the others are Salesforce's terms in those languages, inferred for the email (the
 * corpus test says which is which).
 */
const TOKEN_LABELS = [
  'securitytoken',
  'セキュリティトークン',
  'sicherheitstoken',
  'jetondesécurité',
  'tokendeseguridad',
  'tokendisicurezza',
  'tokendesegurança',
  '安全令牌',
  '安全性權杖',
  '安全權杖',
  '보안토큰',
  'beveiligingstoken',
];
const USERNAME_LABELS = [
  'username',
  'ユーザ名',
  'ユーザー名',
  'benutzername',
  'nomdutilisateur',
  'nombredeusuario',
  'nomeutente',
  'nomedeusuário',
  'nomedeutilizador',
  '用户名',
  '使用者名稱',
  '사용자이름',
  'gebruikersnaam',
];

/**
 * The pasted text's lines, with what mail clients do undone: CRLF, zero-width and non-breaking
 * spaces, tabs, quote markers (`> > `), and spaces at either end.
 */
function mailLines(raw: string): string[] {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ')
    .split('\n')
    .map((line) => {
      const text = line.trim();
      return text.startsWith('>') ? text.replace(/^(?:>\s*)+/, '') : text;
    });
}

const LEADING_JUNK = new Set([...`"'“”‘’«»<([*`]);
const TRAILING_JUNK = new Set([...`"'“”‘’«»>)].,;:*`]);
const isSpace = (ch: string) => /\s/.test(ch);

// Written as loops: a pattern such as /[…]+$/ rescans the rest of the text from every position.
function trimLeadingJunk(text: string): string {
  let start = 0;
  while (start < text.length && (LEADING_JUNK.has(text[start]!) || isSpace(text[start]!))) start += 1;
  return text.slice(start);
}

/** Strip what often clings to a copied token or username: quotes, brackets, markers, punctuation. */
function clean(candidate: string): string {
  const text = trimLeadingJunk(candidate);
  let end = text.length;
  while (end > 0 && (TRAILING_JUNK.has(text[end - 1]!) || isSpace(text[end - 1]!))) end -= 1;
  return text.slice(0, end);
}

/** The first word of a value (after any quotes or markers before it), cleaned; '' when there is none. */
function firstWord(text: string): string {
  return clean(/\S+/.exec(trimLeadingJunk(text))?.[0] ?? '');
}

interface Field {
  line: number;
  value: string;
  kind: 'token' | 'username' | null;
}

/** Line `index` read as `label: value`, or null when it has no label (no colon early on, or a URL's). */
function fieldOf(line: string, index: number): Field | null {
  const limit = Math.min(line.length, LABEL_MAX + 1);
  for (let i = 0; i < limit; i += 1) {
    const ch = line[i];
    if (ch !== ':' && ch !== '：') continue;
    // `https://…`: the line is text with an address in it, not a label.
    if (line.startsWith('//', i + 1)) return null;
    const label = line.slice(0, i).trim();
    return label ? { line: index, value: line.slice(i + 1).trim(), kind: labelKind(label) } : null;
  }
  return null;
}

/**
 * A label as the lists above spell it: compatibility forms folded (fullwidth letters and
 * brackets), lower case, notes in brackets dropped (`(case-sensitive)`), and spaces, hyphens,
 * apostrophes and emphasis markers removed (`Sicherheits-Token`, `Nom d’utilisateur`, `*Username*`).
 */
function labelKey(label: string): string {
  // Plain ASCII has nothing to fold; most labels are, and this runs once per line.
  return (/^[\x20-\x7e]*$/.test(label) ? label : label.normalize('NFKC'))
    .toLowerCase()
    .replace(/\([^()]*\)/g, '')
    .replace(/[\s\-‐'’*_"“”«»]/g, '');
}

function labelKind(label: string): 'token' | 'username' | null {
  const key = labelKey(label);
  if (TOKEN_LABELS.some((known) => key.includes(known))) return 'token';
  if (USERNAME_LABELS.some((known) => key.includes(known))) return 'username';
  return null;
}

/** Whether an unlabelled value is a token as Salesforce mails them, rather than a word or name. */
function looksMailedToken(value: string): boolean {
  return MAILED_TOKEN.test(value) && !WORD.test(value);
}

/** Whether a value has the form of a Salesforce username (an email address's, not necessarily a mailbox). */
function looksLikeUsername(value: string): boolean {
  return value.length <= USERNAME_MAX && /^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(value);
}

export function extractToken(raw: string): Extraction {
  const lines = mailLines(raw);
  const trimmed = lines.join('\n').trim();
  if (!trimmed) return { ok: false, message: 'Paste the security token, or the whole “Your new Salesforce security token” email.' };

  const fields: Field[] = [];
  lines.forEach((line, index) => {
    const field = fieldOf(line, index);
    if (field) fields.push(field);
  });
  // The first non-empty line after each line: HTML mail copied as text puts the token below its label.
  const nextText: number[] = new Array<number>(lines.length + 1).fill(-1);
  for (let i = lines.length - 1; i >= 0; i -= 1) nextText[i] = lines[i + 1] ? i + 1 : nextText[i + 1]!;
  const below = (field: Field) => lines[nextText[field.line]!] ?? '';
  const valueOf = (field: Field) => firstWord(field.value || below(field));
  const soleValueOf = (field: Field) => {
    const value = field.value || below(field);
    return /\s/.test(value) ? '' : clean(value);
  };

  const labelled = fields.filter((field) => field.kind === 'token');
  const known = labelled.find((field) => TOKEN.test(valueOf(field)));
  // No known label: the first `label: value` line whose whole value is a mailed token.
  const found = known ?? (labelled.length ? undefined : fields.find((field) => field.kind === null && looksMailedToken(soleValueOf(field))));
  if (found) {
    const token = known ? valueOf(found) : soleValueOf(found);
    const username = usernameFor(fields, found, nextText);
    return { ok: true, token, ...(username ? { username } : {}), from: 'email' };
  }
  if (labelled.length) {
    return {
      ok: false,
      message: 'The email’s “Security token” line has no complete token after it. Copy the email again, or paste just the token.',
    };
  }

  const bare = clean(trimmed);
  if (TOKEN.test(bare)) return { ok: true, token: bare, from: 'token' };
  if (/\s/.test(bare) && bare.split(/\s+/).every((part) => /^[A-Za-z0-9]+$/.test(part)) && TOKEN.test(bare.replace(/\s+/g, ''))) {
    return { ok: false, message: 'The token is broken by spaces or line breaks. Paste it as one piece.' };
  }
  if (/^[A-Za-z0-9]+$/.test(bare)) {
    return { ok: false, message: `This is ${bare.length} characters long; a security token is usually 25. Check that all of it was copied.` };
  }
  return {
    ok: false,
    message: 'No security token found. Paste the token itself, or the whole “new security token” email Salesforce sent (in any language).',
  };
}

/**
 * The username the email is for: the value of a known username label, else the value of the
 * `label: value` line right before the token line when it has a username's form.
 */
function usernameFor(fields: Field[], tokenField: Field, nextText: number[]): string | undefined {
  const labelled = fields.find((field) => field.kind === 'username' && field.value);
  if (labelled) {
    const value = firstWord(labelled.value);
    return value.length <= USERNAME_MAX ? value : undefined;
  }
  const before = fields[fields.indexOf(tokenField) - 1];
  if (!before || nextText[before.line] !== tokenField.line) return undefined;
  const value = firstWord(before.value);
  return looksLikeUsername(value) ? value : undefined;
}

/** A masked preview: the first two and last two characters, dots between. */
export function maskedPreview(token: string): string {
  if (token.length <= 6) return '•'.repeat(token.length);
  return `${token.slice(0, 2)}${'•'.repeat(token.length - 4)}${token.slice(-2)}`;
}
