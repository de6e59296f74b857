// @ts-check
// Child processes that never outlive the harness.
//
// Every long-lived child is started in its own session (Node's `detached: true` calls setsid), so it
// leads a process group, and is stopped with `kill -- -PGID`: code-server's ptyHost and extension
// host, or tsx's node child, go with it. Everything started is registered in one cleanup stack that
// runs on normal completion, on failure, on SIGINT/SIGTERM/SIGHUP and, as a last resort, on exit.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';

/**
 * A child started by spawnGroup: its name in messages and a promise of how it exited.
 * @typedef {import('node:child_process').ChildProcess & {
 *   harnessName: string,
 *   exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>,
 * }} HarnessChild
 */
/**
 * A HarnessChild whose stdout and stderr are pipes (spawnGroup's default `stdio`).
 * @typedef {HarnessChild & { stdout: import('node:stream').Readable, stderr: import('node:stream').Readable }} PipedChild
 */

const groups = new Set(); // pids of live process-group leaders
const cleanups = [];      // LIFO stack of async teardown functions
let cleaning;

/** Linux: every process as { pid, ppid, pgid, state }, read from /proc. */
export function processTable() {
  const rows = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
    const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    rows.push({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), state });
  }
  return rows;
}

/**
 * Whether any live (non-zombie) process is left in the group. On Linux this reads /proc: orphans that
 * died are re-parented to PID 1, which in some containers never reaps them, and `kill(-pgid, 0)` still
 * counts such zombies.
 */
function groupAlive(pgid) {
  if (process.platform === 'linux') {
    return processTable().some((p) => p.pgid === pgid && p.state !== 'Z' && p.state !== 'X');
  }
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

/**
 * Starts `cmd` as the leader of a new process group; output is piped unless `stdio` says otherwise.
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnOptions & { name?: string }} [options]
 * @returns {HarnessChild}
 */
export function spawnGroup(cmd, args, { name = cmd, ...opts } = {}) {
  const child = /** @type {HarnessChild} */ (spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts, detached: true }));
  child.harnessName = name;
  if (child.pid) groups.add(child.pid);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('error', () => groups.delete(child.pid));
  return child;
}

/** SIGTERM to the whole group, SIGKILL to what is left after `graceMs`. Resolves when the group is gone. */
export async function killGroup(child, graceMs = 3000) {
  const pgid = child.pid;
  if (!pgid || !groups.has(pgid)) return;
  try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(pgid)) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone meanwhile */ }
    while (groupAlive(pgid) && Date.now() < deadline + 2000) await sleep(50);
  }
  groups.delete(pgid);
}

/** Registers a teardown step; steps run last-in first-out. Returns a function that runs (and removes) it early. */
export function onCleanup(fn) {
  const entry = { fn, done: false };
  cleanups.push(entry);
  return async () => {
    if (entry.done) return;
    entry.done = true;
    await fn();
  };
}

/** Stops a process group when the harness cleans up (SIGKILL after `graceMs`). */
export function cleanupGroup(child, graceMs) {
  return onCleanup(() => killGroup(child, graceMs));
}

/** Removes a temporary folder when the harness cleans up (kept when KEEP_TMP=1, for debugging). */
export function cleanupDir(dir) {
  return onCleanup(() => {
    if (process.env.KEEP_TMP) console.log(`[harness] kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });
}

/** Runs every registered teardown step once (idempotent, safe to call from several places). */
export function cleanupAll() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const entry = cleanups.pop();
      if (entry.done) continue;
      entry.done = true;
      try { await entry.fn(); } catch (err) { console.error('[harness] cleanup step failed:', err); }
    }
  })().finally(() => { cleaning = undefined; });
  return cleaning;
}

let handlersInstalled = false;
/** SIGINT/SIGTERM/SIGHUP tear everything down, then exit 130/143/129; exit kills any group still alive. */
export function installSignalHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [sig, code] of Object.entries(codes)) {
    process.on(sig, () => {
      console.error(`\n[harness] ${sig}: stopping everything…`);
      const force = setTimeout(() => process.exit(code), 10_000);
      force.unref();
      cleanupAll().finally(() => process.exit(code));
    });
  }
  process.on('exit', () => {
    for (const pgid of groups) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
  });
}

/** Rejects after `ms` with a message naming what took too long; the timer does not keep Node alive. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves with the first line of the child's stdout that matches `re` (its match), rejects if it exits first. */
export function waitForLine(child, re, ms, what) {
  return withTimeout(new Promise((resolve, reject) => {
    let buffer = '';
    let seen = '';
    const onData = (chunk) => {
      buffer += chunk;
      seen = (seen + chunk).slice(-4000);
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = re.exec(line);
        if (m) { child.stdout.off('data', onData); resolve(m); return; }
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (c) => { seen = (seen + c).slice(-4000); });
    child.exited.then(({ code, signal }) => reject(new Error(`${what} exited (${signal ?? code}) before it was ready:\n${seen}`)));
  }), ms, what);
}

/**
 * Runs a command to completion; rejects with its output when it fails.
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnOptions & { name?: string, quiet?: boolean, timeoutMs?: number }} [options]
 * @returns {Promise<string>}
 */
export function run(cmd, args, { name = `${cmd} ${args.join(' ')}`, quiet = false, timeoutMs = 300_000, ...opts } = {}) {
  const child = spawnGroup(cmd, args, { name, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'], ...opts });
  let out = '';
  child.stdout?.on('data', (c) => { out += c; });
  child.stderr?.on('data', (c) => { out += c; });
  return withTimeout(child.exited, timeoutMs, name)
    .catch(async (err) => { await killGroup(child, 500); throw err; })
    .then(({ code, signal }) => {
      groups.delete(child.pid);
      if (code !== 0) throw new Error(`${name} failed (${signal ?? code})${out ? `:\n${out}` : ''}`);
      return out;
    });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
