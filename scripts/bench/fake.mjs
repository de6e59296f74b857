// @ts-check
// The fake Admin API for the benchmarks: its own process (the harness helper), so the server's work
// never shares an event loop with the client being measured; plus the control-plane calls we need.
import { readFileSync } from 'node:fs';
import { processTable, startFakeApi } from '../vscode/index.mjs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system, ms) used so far by every process of a process group (Linux /proc). */
function groupCpuMs(pgid) {
  if (process.platform !== 'linux' || !pgid) return NaN;
  let ticks = 0;
  for (const p of processTable()) {
    if (p.pgid !== pgid) continue;
    try {
      const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch { /* exited */ }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

export async function startBenchFake(options) {
  const { latencyMs, ...rest } = options;
  const extraArgs = [...(rest.extraArgs ?? [])];
  // The figures in BENCHMARKS.md were measured with the hostile corpus in the names (10,000-character
  // strings included), so the bench keeps asking for it unless a figure says otherwise.
  if (!extraArgs.includes('--no-hostile')) extraArgs.push('--hostile');
  if (latencyMs) extraArgs.push('--latency-ms', String(latencyMs));
  const fake = await startFakeApi({ ...rest, extraArgs, timeoutMs: 120_000 });
  const control = async (method, path, body) => {
    const res = await fetch(fake.origin + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`fake ${method} ${path} → ${res.status}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    ...fake,
    setLatency: (ms) => control('POST', '/__fake/latency', { latencyMs: ms }),
    stats: () => control('GET', '/__fake/stats'),
    /** CPU ms the fake's processes have used so far (10 ms resolution). */
    cpuMs: () => groupCpuMs(fake.child?.pid),
    /** Clears the request log and the counters (the log would otherwise grow with every run). */
    reset: () => control('DELETE', '/__fake/requests'),
  };
}

/** `METHOD path?query` of each request record, in arrival order. */
export const requestKeys = (records) => records.map((r) => `${r.method} ${r.path}${r.query ?? ''}`);

export function duplicates(records) {
  const seen = new Set();
  const dup = [];
  for (const key of requestKeys(records)) {
    if (seen.has(key)) dup.push(key);
    seen.add(key);
  }
  return dup;
}
