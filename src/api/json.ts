// Parsing a JSON body without decoding all of it as UTF-8 first. A page of 100 users is about 70 KB;
// one name with an accent, an emoji or an RTL mark makes V8 decode the whole body into a two-byte
// string, and that decode cost more than the parse itself (issue 7, fig. 1). JSON's structure is
// ASCII and no byte of a multi-byte UTF-8 character is below 0x80, so the bytes read one-to-one as
// Latin-1 parse into the same structure; only the strings that hold bytes ≥ 0x80 are then decoded
// as UTF-8, which is what decoding the whole body would have given them. An escape such as \u00e9
// would be indistinguishable from those bytes afterwards, so a body with one is decoded in full.

const HIGH_BYTE = /[\u0080-\u00ff]/;
/** `\u` escapes of U+0080 and above (and, harmlessly, an escaped backslash followed by "u"). */
const WIDE_ESCAPE = /\\u(?!00[0-7])/;

/** The body's JSON value, exactly as JSON.parse(body as UTF-8 without a byte-order mark). Throws on invalid JSON. */
export function parseJsonBody(body: Buffer): unknown {
  const bom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  const bytes = body.toString('latin1', bom ? 3 : 0);
  if (!HIGH_BYTE.test(bytes)) return JSON.parse(bytes);
  if (WIDE_ESCAPE.test(bytes)) return JSON.parse(body.toString('utf8', bom ? 3 : 0));
  return decodeStrings(JSON.parse(bytes));
}

function decodeString(s: string): string {
  return HIGH_BYTE.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

/**
 * Decodes many strings with one conversion: joined by a control character none of them contains,
 * decoded, split again. A control character is one byte in UTF-8 and never part of a multi-byte
 * character, so each string decodes exactly as it would alone (an unfinished character at a
 * string's end becomes U+FFFD either way). A page has hundreds of such strings; a conversion each
 * cost more than the parse.
 */
function decodeMany(texts: string[]): string[] {
  for (let code = 1; code < 0x20; code++) {
    const sep = String.fromCharCode(code);
    if (texts.some((t) => t.includes(sep))) continue;
    return Buffer.from(texts.join(sep), 'latin1').toString('utf8').split(sep);
  }
  return texts.map(decodeString);
}

/** Own data property, also for a key such as "__proto__" (JSON.parse makes it an ordinary key). */
function put(holder: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Decodes every string in a freshly parsed value, in place; returns the value (a new one for a string). */
function decodeStrings(root: unknown): unknown {
  if (typeof root === 'string') return decodeString(root);
  const holders: (Record<string, unknown> | unknown[])[] = [];
  const keys: (string | number)[] = [];
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'string') {
          if (HIGH_BYTE.test(item)) holders.push(value), keys.push(i), texts.push(item);
        } else {
          visit(item);
        }
      }
      return;
    }
    const obj = value as Record<string, unknown>;
    const names = Object.keys(obj);
    if (names.some((k) => HIGH_BYTE.test(k))) renameKeys(obj, names);
    for (const k of Object.keys(obj)) {
      const item = obj[k];
      if (typeof item === 'string') {
        if (HIGH_BYTE.test(item)) holders.push(obj), keys.push(k), texts.push(item);
      } else {
        visit(item);
      }
    }
  };
  visit(root);
  if (texts.length === 0) return root;
  const decoded = decodeMany(texts);
  for (let i = 0; i < texts.length; i++) {
    const holder = holders[i]!;
    if (Array.isArray(holder)) holder[keys[i] as number] = decoded[i];
    else put(holder, keys[i] as string, decoded[i]);
  }
  return root;
}

/** Rare (keys are the API's field names): rebuilt so that every key keeps its place. */
function renameKeys(obj: Record<string, unknown>, names: string[]): void {
  const entries = names.map((k) => [decodeString(k), obj[k]] as const);
  for (const k of names) delete obj[k];
  for (const [k, v] of entries) put(obj, k, v);
}
