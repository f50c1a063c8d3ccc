/**
 * Redaction by construction: every secret the core reads from or writes to the keychain is
 * remembered here (in memory only), and every log line passes through `redact` before it is written.
 *
 * So a secret cannot reach a log even through a library's error text that happens to quote it.
 * Salesforce session ids and bearer tokens, which never pass through the keychain, are caught by shape.
 */

const SHAPES: RegExp[] = [
  // Session ids / access tokens: the org id, "!", then a long opaque tail.
  /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{20,}/g,
  /\b(Bearer|OAuth)\s+[A-Za-z0-9._!-]{16,}/gi,
  /(<(?:[\w-]+:)?(?:sessionId|password)>)[^<]*(<\/)/gi,
  /((?:password|client_secret|refresh_token|access_token|code_verifier)=)[^&\s]+/gi,
];

export const REDACTED = '[redacted]';

export interface Redactor {
  /** Remember a secret so that no log line will ever show it. Values under 4 characters are too common to hide. */
  add(secret: string | null | undefined): void;
  redact(text: string): string;
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  return {
    add(secret) {
      if (secret && secret.length >= 4) secrets.add(secret);
    },
    redact(text) {
      let out = text;
      // Longest first, so "password+token" is hidden whole before "password" alone.
      for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
      out = out.replace(SHAPES[0]!, REDACTED).replace(SHAPES[1]!, `$1 ${REDACTED}`);
      out = out.replace(SHAPES[2]!, `$1${REDACTED}$2`).replace(SHAPES[3]!, `$1${REDACTED}`);
      return out;
    },
  };
}
