// The harness' leak scan (scripts/vscode/leaks.mjs) must find what it looks for, or its "clean"
// verdict after the integration and e2e runs means nothing: plain and UTF-16 text, a key without
// its prefix, one-time keys by shape, and files inside a zip archive such as the .vsix.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';

interface Finding { file: string; what: string }
type Scan = (roots: string[], opts: { secrets?: string[]; patterns?: [string, RegExp][] }) => Finding[];

const KEY = 'sk-admin-CANARY-unit-leak-scan-0c9e';

/** A one-entry zip (deflated), enough for the scanner's reader. */
function zip(name: string, data: Buffer): Buffer {
  const body = deflateRawSync(data);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(8, 8); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(8, 10); central.writeUInt32LE(body.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(n.length, 28);
  const cdOffset = local.length + n.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10); end.writeUInt32LE(central.length + n.length, 12); end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, body, central, n, end]);
}

describe('leak scan of the test runs (scripts/vscode/leaks.mjs)', () => {
  let dir: string;
  let findSecrets: Scan;
  let ONE_TIME_SECRETS: [string, RegExp][];

  before(async () => {
    ({ findSecrets, ONE_TIME_SECRETS } = await import('../../../scripts/vscode/leaks.mjs' as string) as { findSecrets: Scan; ONE_TIME_SECRETS: [string, RegExp][] });
    dir = mkdtempSync(join(tmpdir(), 'oae-leakscan-'));
    mkdirSync(join(dir, 'logs', 'exthost'), { recursive: true });
    writeFileSync(join(dir, 'clean.log'), 'GET /organization/projects → 200 Bearer [redacted]\n');
    writeFileSync(join(dir, 'logs', 'exthost', 'a.log'), `authorization: Bearer ${KEY}\n`);
    writeFileSync(join(dir, 'state.ldb'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`{"k":"${KEY}"}`, 'utf16le')]));
    writeFileSync(join(dir, 'cut.txt'), `key body ${KEY.slice(9)}`);
    writeFileSync(join(dir, 'one-time.json'), `{"value":"sk-svcacct-${'A1b2C3'.repeat(11)}"}`);
    writeFileSync(join(dir, 'ext.vsix'), zip('extension/dist/extension.js', Buffer.from(`const k = "${KEY}";`)));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the key in UTF-8, UTF-16, without its prefix and inside a zip; one-time keys by their shape', () => {
    const found = findSecrets([dir], { secrets: [KEY], patterns: ONE_TIME_SECRETS }).map((f) => `${f.file.slice(dir.length + 1)}: ${f.what}`);
    for (const expected of ['logs/exthost/a.log: the key (utf8)', 'state.ldb: the key (utf16)', 'cut.txt: the key (utf8)', 'one-time.json: a service-account key (utf8)', 'ext.vsix!extension/dist/extension.js: the key (utf8)']) {
      assert.ok(found.includes(expected), `not found: ${expected}\nfound: ${found.join('\n')}`);
    }
    assert.ok(!found.some((f) => f.startsWith('clean.log')), 'a clean file was reported');
  });
});
