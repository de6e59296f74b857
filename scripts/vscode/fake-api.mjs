// @ts-check
// The fake OpenAI Admin API (test/fake-admin-api) as a child process, plus its HTTP control plane.
import { join } from 'node:path';
import { ROOT } from './paths.mjs';
import { spawnGroup, cleanupGroup, waitForLine } from './processes.mjs';

const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/**
 * Starts `test/fake-admin-api/cli.ts` through tsx and waits for its "listening on" line.
 * Returns { url, origin, adminKey, nonAdminKey, requests(), clearRequests(), setFaults(), clearFaults(), state(), stop() }.
 * `echo` copies the fake's later output to this process' stderr.
 * @param {{
 *   port?: number, projects?: number, users?: number, seed?: number, extraArgs?: string[],
 *   echo?: boolean, timeoutMs?: number,
 * }} [options]
 */
export async function startFakeApi({ port = 0, projects, users, seed, extraArgs = [], echo = false, timeoutMs = 30_000 } = {}) {
  const args = [TSX_CLI, join(ROOT, 'test', 'fake-admin-api', 'cli.ts'), '--port', String(port)];
  if (projects !== undefined) args.push('--projects', String(projects));
  if (users !== undefined) args.push('--users', String(users));
  if (seed !== undefined) args.push('--seed', String(seed));
  args.push(...extraArgs);
  const child = /** @type {import('./processes.mjs').PipedChild} */ (spawnGroup(process.execPath, args, { name: 'fake Admin API', cwd: ROOT }));
  const stop = cleanupGroup(child);
  let m;
  try {
    m = await waitForLine(child, /listening on (http:\/\/[^\s]+\/v1)(?:.*admin key: ([^\s)]+))?/, timeoutMs, 'fake Admin API');
  } catch (err) {
    await stop();
    throw err;
  }
  if (echo) {
    child.stdout.on('data', (c) => process.stderr.write(`[fake] ${c}`));
    child.stderr.on('data', (c) => process.stderr.write(`[fake] ${c}`));
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  const url = m[1];
  return fakeControl({ url, adminKey: m[2] ?? 'sk-admin-demo', stop, child });
}

/**
 * The control plane of a fake that is already running (e.g. from OPENAI_ADMIN_FAKE_URL).
 * @param {{
 *   url: string, adminKey?: string, stop?: () => Promise<void>,
 *   child?: import('./processes.mjs').HarnessChild,
 * }} options (`url` is required: the `{}` default only fails on it)
 */
export function fakeControl({ url, adminKey = 'sk-admin-demo', stop = async () => {}, child } = /** @type {any} */ ({})) {
  const origin = new URL(url).origin;
  const call = async (method, path, body) => {
    const res = await fetch(origin + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`fake ${method} ${path} → ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    origin,
    port: Number(new URL(url).port),
    adminKey,
    nonAdminKey: 'sk-proj-not-admin',
    child,
    requests: () => call('GET', '/__fake/requests'),
    clearRequests: () => call('DELETE', '/__fake/requests'),
    setFaults: (faults) => call('POST', '/__fake/faults', faults),
    clearFaults: () => call('DELETE', '/__fake/faults'),
    state: () => call('GET', '/__fake/state'),
    stop,
  };
}
