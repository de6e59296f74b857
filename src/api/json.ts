// Parsing a JSON body without decoding all of it as UTF-8 first. A page of 100 users is about 70 KB;
// one name with an accent, an emoji or an RTL mark makes a UTF-8 decode produce a two-byte string of
// the whole body, and that decode cost more than the parse itself (BENCHMARKS.md fig. 1). JSON's
// structure is ASCII, and no byte of a multi-byte UTF-8 character is below 0x80, so the body is read
// one byte to one character (Latin-1), and each run of bytes ≥ 0x80 is replaced by the \u escapes of
// what it decodes to. The parse then makes exactly the strings a full decode would have made, and
// only those strings are wide. A run is bounded by ASCII bytes, which never belong to a multi-byte
// character, so decoding it alone gives what decoding the whole body gives it (an invalid sequence
// becomes U+FFFD either way).

const HIGH_RUN = /[\u0080-\u00ff]+/g;
const BACKSLASH = 0x5c;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/** Reused for bodies up to this size: a rewritten body is copied out of it into a string at once. */
const SCRATCH_MAX = 1 << 20;
let scratch = Buffer.alloc(0);

/** The body's JSON value, exactly as JSON.parse(body as UTF-8 without a byte-order mark). Throws on invalid JSON. */
export function parseJsonBody(body: Buffer): unknown {
  const start = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  const text = body.toString('latin1', start);
  HIGH_RUN.lastIndex = 0;
  let match = HIGH_RUN.exec(text);
  if (match === null) return JSON.parse(text);

  const runs: number[] = []; // [start, end) pairs, as offsets into body
  let highBytes = 0;
  do {
    const from = start + match.index;
    // After a backslash the escape would change what the text means (and `\é` is invalid JSON anyway).
    if (body[from - 1] === BACKSLASH) return JSON.parse(body.toString('utf8', start));
    runs.push(from, start + HIGH_RUN.lastIndex);
    highBytes += HIGH_RUN.lastIndex - match.index;
  } while ((match = HIGH_RUN.exec(text)) !== null);

  // A byte decodes to at most one UTF-16 unit, written as six bytes (\uXXXX).
  const size = body.length - start + 5 * highBytes;
  if (scratch.length < size && size <= SCRATCH_MAX) scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX, Math.max(size, 2 * scratch.length)));
  // A rare larger body gets a buffer of its own rather than one kept for the life of the client.
  const out = size <= scratch.length ? scratch : Buffer.allocUnsafe(size);
  let written = 0;
  let copied = start;
  for (let i = 0; i < runs.length; i += 2) {
    const from = runs[i]!;
    const to = runs[i + 1]!;
    written += body.copy(out, written, copied, from);
    const chars = body.toString('utf8', from, to);
    for (let k = 0; k < chars.length; k++) {
      const unit = chars.charCodeAt(k);
      out[written++] = BACKSLASH;
      out[written++] = 0x75; // u
      out[written++] = HEX[unit >> 12]!;
      out[written++] = HEX[(unit >> 8) & 15]!;
      out[written++] = HEX[(unit >> 4) & 15]!;
      out[written++] = HEX[unit & 15]!;
    }
    copied = to;
  }
  written += body.copy(out, written, copied);
  return JSON.parse(out.toString('latin1', 0, written));
}
