// @ts-check
// The bench's end of test/bench/extensionHost.ts: a loopback HTTP server the suite in the extension
// host calls. Each call carries the answer to the previous command and is held open until the bench
// has the next one (or a minute passes: then it gets a noop and calls again).
import http from 'node:http';
import { onCleanup } from '../vscode/index.mjs';

const HOLD_MS = 50_000;

/** @param {{ log?: (line: string) => void }} [options] */
export async function startHostControl({ log = () => {} } = {}) {
  let nextId = 1;
  const queue = [];           // commands not yet handed out
  const pending = new Map();  // id → { resolve, reject, op }
  let held;                   // { res, timer } of the call waiting for a command
  /** @type {Array<(sessions: number) => void>} */
  const helloWaiters = [];
  let sessions = 0;

  const send = (res, command) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(command));
  };
  const handOut = (res) => {
    const command = queue.shift();
    if (command) return send(res, command);
    const timer = setTimeout(() => {
      if (held?.res === res) held = undefined;
      send(res, { id: 0, op: 'noop' });
    }, HOLD_MS);
    held = { res, timer };
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      /** @type {any} */
      let msg = {};
      try { msg = body ? JSON.parse(body) : {}; } catch { /* empty */ }
      if (req.url === '/hello') {
        sessions++;
        log(`  [host] extension host ${msg.pid} connected (session ${sessions})`);
        for (const w of helloWaiters.splice(0)) w(sessions);
      } else if (req.url === '/result') {
        const p = pending.get(msg.id);
        if (p) {
          pending.delete(msg.id);
          if (msg.error) p.reject(new Error(`extension host ${p.op}: ${msg.error}`));
          else p.resolve(msg.result);
        }
      } else {
        res.writeHead(404).end();
        return;
      }
      handOut(res);
    });
  });
  await new Promise(/** @param {(value?: unknown) => void} resolve */ (resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;

  const close = onCleanup(async () => {
    if (held) { clearTimeout(held.timer); held.res.destroy(); held = undefined; }
    for (const p of pending.values()) p.reject(new Error('bench stopped'));
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  });

  return {
    url,
    close,
    /** Resolves when an extension host (a new workbench load) connects. */
    nextSession: (timeoutMs = 180_000) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no extension host connected within ${timeoutMs / 1000} s`)), timeoutMs);
      helloWaiters.push((n) => { clearTimeout(timer); resolve(n); });
    }),
    /** Lets the suite in the extension host return (the workbench then reports it finished). */
    exit() {
      const command = { id: nextId++, op: 'exit' };
      if (held) {
        clearTimeout(held.timer);
        const { res } = held;
        held = undefined;
        send(res, command);
      } else {
        queue.push(command);
      }
    },
    /** Runs `op` in the extension host; resolves with its result. */
    call(op, ...args) {
      const command = { id: nextId++, op, args };
      const done = new Promise((resolve, reject) => pending.set(command.id, { resolve, reject, op }));
      if (held) {
        clearTimeout(held.timer);
        const { res } = held;
        held = undefined;
        send(res, command);
      } else {
        queue.push(command);
      }
      return done;
    },
  };
}
