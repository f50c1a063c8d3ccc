/** Escaping for the XML and HTML the fake org writes. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes element text. Quotes stay as they are: jsforce reads `faultstring` without decoding
 * entities, so an escaped quote would reach the user as `&quot;`.
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
}
