// Entry point: startFakeAdminApi() boots a generated org behind a real HTTP server on
// 127.0.0.1. See README.md for options, fault rules and the control plane.
import type { AddressInfo } from 'node:net';
import { controlPlane } from './control-plane';
import { Faults } from './faults';
import { generateOrg } from './generator';
import { TokenBucket } from './rateLimit';
import { Rng } from './rng';
import { createFakeServer, type ServerContext } from './server';
import type { FakeAdminApi, FakeOptions, FakeStats, RequestRecord } from './types';
import { ViewCache } from './viewCache';

export type { FakeAdminApi, FakeOptions, FaultController, FaultRule, RequestRecord, FakeStats } from './types';
export { FakeState } from './state';
export { generateOrg } from './generator';
export { HOSTILE_STRINGS } from './hostile-strings';

export const NON_ADMIN_KEY = 'sk-proj-not-admin';

export async function startFakeAdminApi(opts: FakeOptions = {}): Promise<FakeAdminApi> {
  const seed = opts.seed ?? 1;
  const adminKey = opts.adminKey ?? 'sk-admin-demo';
  const state = generateOrg({ projects: opts.projects, users: opts.users, seed, hostile: opts.hostile, now: opts.now, adminKey, empty: opts.empty });
  if (opts.cacheViews) state.viewCache = new ViewCache();
  const requests: RequestRecord[] = [];
  const stats: FakeStats = { inFlight: 0, maxInFlight: 0, total: 0, aborted: 0 };
  const faults = new Faults(new Rng(seed ^ 0xfa17));
  const ctx: ServerContext = {
    state,
    faults,
    requests,
    stats,
    config: { adminKey, nonAdminKey: NON_ADMIN_KEY, latencyMs: opts.latencyMs ?? 0, rateLimit: opts.rateLimit ? new TokenBucket(opts.rateLimit) : null },
    ids: new Rng(seed ^ 0x1d5),
    closing: false,
    seq: 0,
  };
  // In place, so callers holding `fake.requests` / `fake.stats` see the reset. Requests still
  // in flight stay counted in inFlight.
  const resetStats = () => {
    requests.length = 0;
    stats.total = 0;
    stats.aborted = 0;
    stats.maxInFlight = stats.inFlight;
  };
  const server = createFakeServer(ctx, controlPlane(ctx, resetStats));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    adminKey,
    nonAdminKey: NON_ADMIN_KEY,
    state,
    faults,
    requests,
    stats,
    resetStats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        ctx.closing = true;
        server.close((err) => (err ? reject(err) : resolve()));
        // Hung ('timeout' fault) and keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
