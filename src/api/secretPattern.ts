/**
 * Finds a secret in text however a URL or a form may have carried it: as-is, percent-encoded with
 * upper- or lower-case hex, wholly or only in part (encoders differ on which characters they
 * escape), or form-encoded (application/x-www-form-urlencoded: a space as "+"). Used by the
 * client's scrubber (./errors.ts) and the logger's redaction (src/util/redact.ts).
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function hexDigit(digit: string): string {
  return /\d/.test(digit) ? digit : `[${digit}${digit.toUpperCase()}]`;
}

/** `%xx` for each UTF-8 byte of `char`, either hex case. */
function percentEncoded(char: string): string {
  return [...new TextEncoder().encode(char)].map((byte) => `%${[...byte.toString(16).padStart(2, '0')].map(hexDigit).join('')}`).join('');
}

/** A global pattern for every spelling of `secret` (which must not be empty). */
export function secretPattern(secret: string): RegExp {
  const chars = [...secret].map((char) => {
    const spellings = [escapeRegExp(char), percentEncoded(char)];
    if (char === ' ') spellings.push('\\+');
    return `(?:${spellings.join('|')})`;
  });
  return new RegExp(chars.join(''), 'g');
}
