/**
 * What an API key may contain: printable ASCII without spaces. It travels as an HTTP header, where
 * anything else is refused or mangled; real keys are letters, digits, "-" and "_". A smart quote, an
 * accented letter or a zero-width space usually came along from a document the key was pasted from.
 */

const PRINTABLE = /^[\x21-\x7e]*$/;

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `key` cannot be an API key, or undefined when it can. Names the offending character by
 * position and code point, never by quoting the key.
 */
export function checkApiKeyText(key: string): string | undefined {
  if (key === '') return 'The key is empty.';
  if (PRINTABLE.test(key)) return undefined;
  const chars = [...key];
  const index = chars.findIndex((c) => !PRINTABLE.test(c));
  const char = chars[index]!;
  if (/\s/.test(char)) return `A key contains no spaces or line breaks (character ${index + 1} is ${codePoint(char)}).`;
  return `A key contains only printable ASCII characters (letters, digits and symbols): character ${index + 1} is ${codePoint(char)}. Copy the key again from the page that showed it.`;
}
