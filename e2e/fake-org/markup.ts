/** Escaping for the XML and HTML the fake org writes, and the frame of its HTML pages. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes element text. Quotes stay as they are: jsforce reads `faultstring` without decoding
 * entities, so an escaped quote would reach the user as `&quot;`.
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
}

/** Escapes a double-quoted HTML attribute value. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * A complete, self-contained page: no scripts, styles or other resources. `title` is plain text;
 * `body` is markup the caller has escaped.
 */
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeText(title)} | Salesforce</title></head><body><main>${body}</main></body></html>`;
}
