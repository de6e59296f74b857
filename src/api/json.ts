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

/** Reused for every string's bytes: a page has hundreds, and a Buffer each was most of the garbage. */
let scratch = Buffer.allocUnsafe(4096);

function decodeString(s: string): string {
  if (!HIGH_BYTE.test(s)) return s;
  if (s.length > scratch.length) scratch = Buffer.allocUnsafe(Math.max(s.length, scratch.length * 2));
  const n = scratch.write(s, 0, 'latin1');
  return scratch.toString('utf8', 0, n);
}

/** Own data property, also for a key such as "__proto__" (JSON.parse makes it an ordinary key). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Decodes every string in a freshly parsed value, in place (strings, being immutable, are replaced). */
function decodeStrings(value: unknown): unknown {
  if (typeof value === 'string') return decodeString(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeStrings(value[i]);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.some((k) => HIGH_BYTE.test(k))) {
    // Rare (keys are the API's field names): rebuilt so every key keeps its place.
    const entries = keys.map((k) => [decodeString(k), decodeStrings(obj[k])] as const);
    for (const k of keys) delete obj[k];
    for (const [k, v] of entries) put(obj, k, v);
    return obj;
  }
  for (const k of keys) {
    const before = obj[k];
    const after = decodeStrings(before);
    if (after !== before) put(obj, k, after);
  }
  return obj;
}
