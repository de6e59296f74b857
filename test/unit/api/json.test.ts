// parseJsonBody (src/api/json.ts) must give exactly what JSON.parse of the UTF-8 text gives, for any
// body: accents, emoji, RTL and zero-width characters, escapes, odd keys, byte-order marks.
import assert from 'node:assert/strict';
import { parseJsonBody } from '../../../src/api/json';

const reference = (body: Buffer) => JSON.parse(body.toString('utf8', body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0));

const PIECES = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\u0000', '\u001f', 'é', 'ü', 'ß', '\u00ff', '\u0100', '€', '中文', '😀', '👩‍💻', '\u202e', '\u200b', '\u200d', '\ufeff', 'مشروع', '<script>', '&amp;'];

function randomString(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 3 || r < 0.35) return randomString(rand);
  if (r < 0.45) return Math.floor(rand() * 1e6) / 7;
  if (r < 0.5) return [true, false, null][Math.floor(rand() * 3)];
  if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 4); i > 0; i--) obj[rand() < 0.8 ? `k${Math.floor(rand() * 9)}` : randomString(rand)] = randomValue(rand, depth + 1);
  return obj;
}

describe('api: JSON bodies (parseJsonBody)', () => {
  it('equals JSON.parse of the UTF-8 text for 2,000 random documents', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 2_000; i++) {
      const text = JSON.stringify(randomValue(rand, 0));
      const body = Buffer.from(text, 'utf8');
      assert.deepEqual(parseJsonBody(body), reference(body), text);
    }
  });

  it('keeps strings that \\u escapes wrote (which would look like raw bytes), mixed with raw UTF-8', () => {
    const body = Buffer.from('{"name":"caf\\u00e9 café","emoji":"\\ud83d\\ude00 😀","tab":"a\\tb","slash":"\\\\u00e9","lone":"\\ud800 é"}', 'utf8');
    assert.deepEqual(parseJsonBody(body), { name: 'café café', emoji: '😀 😀', tab: 'a\tb', slash: '\\u00e9', lone: '\ud800 é' });
  });

  it('keeps strings that hold every control character beside non-ASCII text', () => {
    const controls = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('');
    const value = { a: `é${controls}`, b: ['ü', `${controls}中`], c: 'plain' };
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    assert.deepEqual(parseJsonBody(body), value);
  });

  it('decodes keys too, keeps their order, and keeps "__proto__" an ordinary key', () => {
    const body = Buffer.from('{"a":"x","ключ":"значение","__proto__":{"polluted":"é"},"z":["ü"]}', 'utf8');
    const value = parseJsonBody(body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ['a', 'ключ', '__proto__', 'z']);
    assert.equal(value['ключ'], 'значение');
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, { polluted: 'é' });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('skips a byte-order mark, replaces invalid UTF-8 as a full decode does, and throws on invalid JSON', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"n":"ß"}')]);
    assert.deepEqual(parseJsonBody(bom), { n: 'ß' });
    const invalid = Buffer.concat([Buffer.from('{"a":"x'), Buffer.from([0xe2, 0x82]), Buffer.from('","b":"\u00e9"}')]);
    assert.deepEqual(parseJsonBody(invalid), reference(invalid));
    assert.throws(() => parseJsonBody(Buffer.from('{"a":')), SyntaxError);
    assert.throws(() => parseJsonBody(Buffer.from('{"a":"é"')), SyntaxError);
  });

  it('reads a backslash before non-ASCII bytes as a full decode does: an escaped backslash is kept, a bare one is an error', () => {
    const escaped = Buffer.from('{"path":"C:\\\\é\\\\ü","n":"ñ"}', 'utf8');
    assert.deepEqual(parseJsonBody(escaped), { path: 'C:\\é\\ü', n: 'ñ' });
    assert.throws(() => parseJsonBody(Buffer.from('{"a":"\\é"}', 'utf8')), SyntaxError);
  });

  it('handles bodies of any size, one after another (over the reused buffer\'s 1 MB, under it, tiny)', () => {
    const page = (n: number) => ({ data: Array.from({ length: n }, (_, i) => ({ id: `user-${i}`, name: `Zoë Ölafsdóttir 中文 😀 ${i}` })) });
    for (const value of [page(20_000), page(5_000), page(20_000), { a: 'é' }]) {
      assert.deepEqual(parseJsonBody(Buffer.from(JSON.stringify(value), 'utf8')), value);
    }
  });

  it('equals JSON.parse of the UTF-8 text for 500 bodies with random (often invalid) high bytes inside strings', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 500; i++) {
      const parts: Buffer[] = [Buffer.from('{"a":"')];
      for (let j = Math.floor(rand() * 6); j > 0; j--) {
        parts.push(Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 5) }, () => 0x80 + Math.floor(rand() * 0x80))));
        parts.push(Buffer.from(['x', ' ', '\\n', '\\\\', '\\u00e9', ''][Math.floor(rand() * 6)]!));
      }
      parts.push(Buffer.from('","b":["'), Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0xc3]), Buffer.from('"]}'));
      const body = Buffer.concat(parts);
      assert.deepEqual(parseJsonBody(body), reference(body), body.toString('hex'));
    }
  });
});
