// @ts-check
// Looks for secrets where they must never be: every file under some folders (logs, settings, state,
// browser profiles, workspaces), inside zip archives too (the .vsix), in UTF-8 and UTF-16 (Chromium
// keeps some strings as UTF-16). Findings name the file and offset, never the secret.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The key itself and, for prefixed keys (sk-admin-…), its body: a leak with the prefix cut off is still a leak. */
function needles(secret) {
  const texts = [secret, secret.replace(/^sk-[a-z]+-/, '')].filter((t, i, all) => t.length >= 12 && all.indexOf(t) === i);
  return texts.flatMap((t) => [['utf8', Buffer.from(t, 'utf8')], ['utf16', Buffer.from(t, 'utf16le')]]);
}

/** Entries of a zip archive (no zip64; stored or deflated), or [] when it is not one. */
function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return [];
  const out = [];
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = buf.readUInt16LE(eocd + 10); i > 0 && buf.readUInt32LE(p) === 0x02014b50; i--) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.push({ name, data: method === 8 ? inflateRawSync(raw) : raw });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

function scanBuffer(buf, where, secrets, patterns, findings) {
  for (const secret of secrets) {
    for (const [encoding, needle] of needles(secret)) {
      const at = buf.indexOf(needle);
      if (at >= 0) findings.push({ file: where, offset: at, what: `the key (${encoding})` });
    }
  }
  if (patterns.length) {
    const texts = [['utf8', buf.toString('latin1')], ['utf16', buf.toString('utf16le')]];
    for (const [name, pattern] of patterns) {
      for (const [encoding, text] of texts) {
        const m = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
        if (m) findings.push({ file: where, offset: m.index, what: `${name} (${encoding})` });
      }
    }
  }
  if (/\.(vsix|zip)$/i.test(where)) {
    for (const entry of zipEntries(buf)) scanBuffer(entry.data, `${where}!${entry.name}`, secrets, patterns, findings);
  }
}

/**
 * Every place under `roots` that holds one of `secrets` or matches one of `patterns` ([name, RegExp]).
 * Symbolic links are not followed (a workspace may link to shared caches).
 * @param {Iterable<string | undefined>} roots
 * @param {{ secrets?: readonly string[], patterns?: ReadonlyArray<readonly [string, RegExp]> }} [options]
 */
export function findSecrets(roots, { secrets = [], patterns = [] } = {}) {
  const findings = [];
  const visit = (path) => {
    let st;
    try { st = lstatSync(path); } catch { return; }
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (st.isFile() && st.size <= MAX_FILE_BYTES) {
      let buf;
      try { buf = readFileSync(path); } catch { return; } // a file removed meanwhile, or a socket
      scanBuffer(buf, path, secrets, patterns, findings);
    }
  };
  for (const root of roots) if (root) visit(root);
  return findings;
}

/**
 * One-time secrets the fake hands out (service-account and admin keys created through the API).
 * @type {Array<[string, RegExp]>}
 */
export const ONE_TIME_SECRETS = [
  ['a service-account key', /sk-svcacct-[A-Za-z0-9]{40,}/],
  ['a created admin key', /sk-admin-[A-Za-z0-9]{40,}/],
];

export function describeFindings(findings) {
  return findings.map((f) => `  ${f.what} in ${f.file} at byte ${f.offset}`).join('\n');
}

/**
 * The end-of-run check: no secret in any file under `roots`, no request at the decoy. Prints what it
 * found (file and offset only) and returns whether everything was clean.
 */
export async function leakCheck({ label, secrets, roots, decoy }) {
  const findings = findSecrets(roots, { secrets, patterns: ONE_TIME_SECRETS });
  const steered = decoy ? decoy.requests() : [];
  if (findings.length) console.error(`\n[harness] ${label}: a secret was left behind:\n${describeFindings(findings)}`);
  if (steered.length) console.error(`\n[harness] ${label}: ${steered.length} request(s) went to the workspace's base URL: ${JSON.stringify(steered.slice(0, 5))}`);
  if (!findings.length && !steered.length) console.log(`[harness] ${label}: no key or one-time secret in any file left behind, no request to the workspace's base URL`);
  return !findings.length && !steered.length;
}
