// /__fake/* — steering the fake over HTTP, for tests that run in another process (the VS Code
// extension host). No auth: the server only listens on 127.0.0.1.
import type http from 'node:http';
import { checkRule } from './faults';
import { TokenBucket } from './rateLimit';
import type { ServerContext } from './server';
import type { FaultRule } from './types';

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function jsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw.trim() ? JSON.parse(raw) : undefined;
}

export function controlPlane(ctx: ServerContext, resetStats: () => void) {
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    const route = `${req.method} ${url.pathname}`;
    try {
      switch (route) {
        case 'POST /__fake/faults': {
          const body = (await jsonBody(req)) as FaultRule | FaultRule[];
          const rules = Array.isArray(body) ? body : [body];
          rules.forEach(checkRule);
          ctx.faults.add(rules);
          return reply(res, 200, { ok: true, rules: ctx.faults.rules });
        }
        case 'DELETE /__fake/faults':
          ctx.faults.clear();
          return reply(res, 200, { ok: true });
        case 'GET /__fake/faults':
          return reply(res, 200, ctx.faults.rules);
        case 'GET /__fake/requests':
          return reply(res, 200, ctx.requests);
        case 'DELETE /__fake/requests':
          resetStats();
          return reply(res, 200, { ok: true });
        case 'GET /__fake/stats':
          return reply(res, 200, ctx.stats);
        case 'GET /__fake/state':
          return reply(res, 200, ctx.state);
        case 'POST /__fake/latency': {
          const body = (await jsonBody(req)) as { latencyMs?: unknown } | undefined;
          const ms = body?.latencyMs;
          if (typeof ms !== 'number' || !(ms >= 0)) return reply(res, 400, { error: "expected {\"latencyMs\": <number >= 0>}" });
          ctx.config.latencyMs = ms;
          return reply(res, 200, { ok: true, latencyMs: ms });
        }
        case 'POST /__fake/rate-limit': {
          const body = (await jsonBody(req)) as { requestsPerSecond?: unknown } | undefined;
          const rps = body?.requestsPerSecond;
          if (rps === null) {
            ctx.config.rateLimit = null;
            return reply(res, 200, { ok: true, requestsPerSecond: null });
          }
          if (typeof rps !== 'number' || !(rps > 0)) return reply(res, 400, { error: 'expected {"requestsPerSecond": <number > 0> | null}' });
          ctx.config.rateLimit = new TokenBucket(rps);
          return reply(res, 200, { ok: true, requestsPerSecond: rps });
        }
        case 'POST /__fake/cost-spikes': {
          // Test-only: multiply a project's costs on one UTC day (an anomaly the Usage & Costs panel must find).
          const body = (await jsonBody(req)) as unknown;
          const spikes = (Array.isArray(body) ? body : [body]) as Array<{ project_id?: unknown; day?: unknown; factor?: unknown }>;
          for (const s of spikes) {
            const day = typeof s.day === 'string' ? Date.parse(`${s.day}T00:00:00Z`) : NaN;
            if (typeof s.project_id !== 'string' || !Number.isFinite(day) || typeof s.factor !== 'number' || !(s.factor >= 0)) {
              return reply(res, 400, { error: 'expected {"project_id": "proj_…", "day": "YYYY-MM-DD", "factor": <number >= 0>} or an array of them' });
            }
            ctx.state.costSpikes.set(`${s.project_id} ${day / 86_400_000}`, s.factor);
          }
          return reply(res, 200, { ok: true, spikes: ctx.state.costSpikes.size });
        }
        case 'DELETE /__fake/cost-spikes':
          ctx.state.costSpikes.clear();
          return reply(res, 200, { ok: true });
        default:
          return reply(res, 404, { error: `unknown control route ${route}` });
      }
    } catch (err) {
      return reply(res, 400, { error: err instanceof Error ? err.message : String(err) });
    }
  };
}
