// The benchmark's hands inside the real extension host (code-server), for figures 3 and 4 of
// `npm run bench`. Loaded through the workbench URL's `extensionTestsPath` payload, like the
// integration suite, but instead of running tests it takes commands from scripts/bench/vscode.mjs
// over loopback HTTP (OAE_BENCH_CONTROL) until told to exit: activate and report the timings, store
// the key, run commands, measure memory. The timing of what the user sees is measured in the browser
// by the bench; this side only does what needs the extension host.
import { copyFileSync, appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';

const EXTENSION_ID = 'openai-admin-explorer.openai-admin-explorer';

interface Command {
  id: number;
  op: 'activate' | 'moduleLoad' | 'perf' | 'setKey' | 'hasKey' | 'command' | 'memory' | 'treeChildren' | 'logLines' | 'noop' | 'exit';
  args?: unknown[];
}

let api: ExtensionTestApi | undefined;

function forceGc(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) gc();
}

async function handle(cmd: Command): Promise<unknown> {
  const ext = vscode.extensions.getExtension<ExtensionTestApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const args = cmd.args ?? [];
  switch (cmd.op) {
    case 'noop':
      return null;
    case 'activate': {
      const wasActive = ext.isActive;
      const t0 = performance.now();
      api = await ext.activate();
      const ms = performance.now() - t0;
      return { wasActive, ms, logLine: api.logLines().find((l) => /Activated in/.test(l)) ?? null };
    }
    case 'moduleLoad': {
      // Loading the shipped bundle as VS Code does (require), timed here: a copy with a unique last line,
      // so V8 compiles it afresh instead of reusing the compilation of the real load. It sits next to
      // the original, so its `require('vscode')` resolves to this extension's API like the real one.
      // Only the module's top level runs (nothing is registered: activate() is not called).
      // The same for a two-line module that only requires 'vscode': what any extension's load costs
      // in this host before its own code runs (shown beside the figure, not subtracted from it).
      const copy = join(ext.extensionPath, 'dist', `.bench-load-${process.pid}-${cmd.id}.js`);
      const empty = join(ext.extensionPath, 'dist', `.bench-empty-${process.pid}-${cmd.id}.js`);
      copyFileSync(join(ext.extensionPath, 'dist', 'extension.js'), copy);
      appendFileSync(copy, `\n// ${Date.now()}-${Math.random()}\n`);
      writeFileSync(empty, `"use strict";\nmodule.exports = typeof require("vscode");\n// ${Date.now()}-${Math.random()}\n`);
      const timed = (file: string) => {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        require(file);
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
      };
      try {
        const baseline = timed(empty);
        return { ...timed(copy), baselineMs: baseline.ms };
      } finally {
        for (const f of [copy, empty]) {
          delete require.cache[f];
          rmSync(f, { force: true });
        }
      }
    }
    case 'perf': {
      // What Developer: Startup Performance shows, including VS Code's own record of our activation.
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' }));
      return doc.getText();
    }
    case 'setKey':
      return vscode.commands.executeCommand('openaiAdmin.setAdminKey', args[0]);
    case 'hasKey':
      return (api ?? await ext.activate()).hasKey();
    case 'command': {
      const t0 = performance.now();
      const result = await vscode.commands.executeCommand(String(args[0]), ...args.slice(1));
      return { ms: performance.now() - t0, result: result === undefined ? null : typeof result === 'object' ? null : result };
    }
    case 'treeChildren': {
      if (!api) api = await ext.activate();
      const t0 = performance.now();
      const rows = await api.treeChildren((args[0] ?? undefined) as string | undefined);
      return { ms: performance.now() - t0, count: rows.length, rows: rows.map((r) => ({ id: r.id, label: r.label, contextValue: r.contextValue })) };
    }
    case 'memory': {
      forceGc();
      const m = process.memoryUsage();
      return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
    }
    case 'logLines':
      return api?.logLines() ?? [];
    case 'exit':
      return null;
  }
}

async function call(url: string, body: unknown): Promise<Command> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`bench control ${url} → ${res.status}`);
  return (await res.json()) as Command;
}

export async function run(): Promise<void> {
  const control = process.env.OAE_BENCH_CONTROL;
  if (!control) throw new Error('OAE_BENCH_CONTROL is not set: this suite is run by npm run bench');
  let next = await call(`${control}/hello`, { pid: process.pid });
  // Bounded: the bench answers every call within a minute (a noop when it has nothing to ask) and
  // ends with exit; 10,000 exchanges are far more than any run needs.
  for (let i = 0; i < 10_000 && next.op !== 'exit'; i++) {
    let reply: { id: number; result?: unknown; error?: string };
    try {
      reply = { id: next.id, result: await handle(next) };
    } catch (err) {
      reply = { id: next.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
    }
    next = await call(`${control}/result`, reply);
  }
}
