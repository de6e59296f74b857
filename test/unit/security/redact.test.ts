// Scrubbing a known secret wherever it could surface: as-is, percent-encoded in either hex case or
// only in part (encoders differ on which characters to escape), and form-encoded (a space as "+").
// And the logger's last line of defence: anything shaped like an OpenAI key is masked even when it is
// not a secret the logger was told about.
import assert from 'node:assert/strict';
import { createScrubber } from '../../../src/api/errors';
import type { Logger as LoggerType } from '../../../src/log';
import { redact } from '../../../src/util/redact';
import { installVscodeStub } from './helpers/vscodeStub';

/** Every symbol that some encoder leaves alone and another escapes, plus a space (a proxy password may have one). */
const SECRET = "pa55/w+rd=~!'()*;:@&$,? x%y";

function encodings(secret: string): [string, string][] {
  const upper = encodeURIComponent(secret);
  const everyByte = [...new TextEncoder().encode(secret)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return [
    ['as-is', secret],
    ['encodeURIComponent', upper],
    ['lower-case hex', upper.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['every byte encoded (lower case)', everyByte],
    ['every byte encoded (upper case)', everyByte.toUpperCase()],
    ['form encoding', new URLSearchParams({ k: secret }).toString().slice(2)],
    ['form encoding, lower-case hex', new URLSearchParams({ k: secret }).toString().slice(2).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['encodeURI', encodeURI(secret)],
  ];
}

describe('secret scrubbing (pure)', () => {
  it('the encodings differ from one another (else this test would prove little)', () => {
    assert.equal(new Set(encodings(SECRET).map(([, text]) => text)).size, encodings(SECRET).length);
  });

  for (const [name, encoded] of encodings(SECRET)) {
    it(`createScrubber removes the secret ${name}`, () => {
      const out = createScrubber(SECRET)(`before ${encoded} after ?k=${encoded}&x=1`);
      assert.equal(out, 'before [redacted] after ?k=[redacted]&x=1');
    });

    it(`redact (the logger's) removes a protected secret ${name}`, () => {
      assert.equal(redact(`url: https://h/?k=${encoded}#`, [SECRET]), 'url: https://h/?k=[redacted]#');
    });
  }

  it('leaves text that only looks similar alone', () => {
    const scrub = createScrubber('sk-admin-AAAA1111bbbb');
    assert.equal(scrub('sk-admin-AAAA1111bbb and %73k'), 'sk-admin-AAAA1111bbb and %73k');
    assert.equal(scrub('x%73k-admin-AAAA1111bbbby'), 'x[redacted]y');
  });
});

describe('logger key-shape backstop (vscode stand-in)', () => {
  installVscodeStub();
  const { Logger } = require('../../../src/log') as { Logger: typeof LoggerType };
  const written: string[] = [];
  const channel = { info: (l: string) => written.push(l), warn: (l: string) => written.push(l), error: (l: string) => written.push(l), debug: (l: string) => written.push(l), show() {}, dispose() {} };

  const strangers = ['sk-admin-Zx81Qw0pLm4N', 'sk-proj-9f8e7d6c5b4a3210', 'sk-svcacct-abcdefgh_ijk-LMNOP', 'sk-abcdefgh12345678'];

  it('redact masks any key-shaped text that nobody registered, keeping a recognisable stub', () => {
    for (const key of strangers) {
      const out = redact(`the key ${key}, then more`);
      assert.ok(!out.includes(key.slice(7)), `${key}: ${out}`);
      assert.equal(out, `the key ${key.slice(0, 7)}…[redacted], then more`);
    }
    // Too short to be a key, or not starting a word: left alone.
    assert.equal(redact('sk-abc and task-manager-1234567890 and risk-assessment'), 'sk-abc and task-manager-1234567890 and risk-assessment');
  });

  it('masks bearer credentials of any shape', () => {
    assert.equal(redact('authorization: Bearer eyJhbGciOi.x-y_z, next'), 'authorization: Bearer [redacted], next');
  });

  it('every level of the Logger writes key-shaped text masked, also when no secret is protected', () => {
    const log = new Logger(channel as never);
    const [a, b, c, d] = strangers as [string, string, string, string];
    log.info(`info ${a}`);
    log.warn(`warn ${b}`);
    log.error(`error ${c}`);
    log.debug(`debug ${d}`);
    const everything = [...written, ...log.lines()].join('\n');
    for (const key of strangers) assert.ok(!everything.includes(key.slice(8)), `${key} reached the log: ${everything}`);
    assert.equal(written.length, 4);
    assert.ok(log.lines().every((l) => l.includes('…[redacted]')), log.lines().join('\n'));
  });
});
