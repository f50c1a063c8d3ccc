/**
 * Find the security token in what the admin pasted: the token alone, or the whole reset email as
 * any mail client copies it (plain text, text copied from HTML mail, quoted `>` replies, odd
 * whitespace, the label and token on separate lines).
 *
 * Salesforce's email carries `Username: …` and `Security token (case-sensitive): …` lines
 * (reference §5); the token is 24–25 letters and digits, case-sensitive.
 */

export type Extraction =
  | { ok: true; token: string; username?: string; from: 'email' | 'token' }
  | { ok: false; message: string };

const TOKEN = /^[A-Za-z0-9]{16,40}$/;

/** Undo what mail clients do to text: quote markers, non-breaking and zero-width spaces, CRLF. */
export function normaliseMailText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ')
    .split('\n')
    .map((line) => line.replace(/^\s*(?:>\s*)+/, '').trimEnd())
    .join('\n');
}

// "Security token (case-sensitive): XXXX", tolerant of spacing, case, a missing "(case-sensitive)",
// a fullwidth colon, and the token landing on the next non-empty line (HTML mail copied as text).
const TOKEN_LABEL = /security\s*token\s*(?:\(\s*case[\s-]*sensitive\s*\))?\s*[:：]\s*([^\s]*)\s*(?:\n\s*)*([^\s]*)?/i;
const USERNAME_LABEL = /(?:^|\n)\s*user\s*name\s*[:：]\s*([^\s]+)/i;

/** Strip what often clings to a copied token: quotes, brackets, trailing punctuation. */
function clean(candidate: string | undefined): string {
  return (candidate ?? '').replace(/^[\s"'“”‘’«»<([*]+|[\s"'“”‘’«»>)\].,;:*]+$/g, '');
}

export function extractToken(raw: string): Extraction {
  const text = normaliseMailText(raw);
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: 'Paste the security token, or the whole “Your new Salesforce security token” email.' };

  const usernameMatch = USERNAME_LABEL.exec(text);
  const username = usernameMatch ? clean(usernameMatch[1]) : undefined;
  const labelled = TOKEN_LABEL.exec(text);
  if (labelled) {
    const sameLine = clean(labelled[1]);
    const nextLine = clean(labelled[2]);
    const token = TOKEN.test(sameLine) ? sameLine : !sameLine && TOKEN.test(nextLine) ? nextLine : '';
    if (token) return { ok: true, token, ...(username ? { username } : {}), from: 'email' };
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
    message: 'No security token found. Paste the token itself, or the whole email with the line “Security token (case-sensitive): …”.',
  };
}

/** A masked preview: the first two and last two characters, dots between. */
export function maskedPreview(token: string): string {
  if (token.length <= 6) return '•'.repeat(token.length);
  return `${token.slice(0, 2)}${'•'.repeat(token.length - 4)}${token.slice(-2)}`;
}
