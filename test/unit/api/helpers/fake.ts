/** Starts the fake Admin API for a describe block and builds clients pointed at it. */
import { closeSharedDispatchers, createAdminClient, type AdminClient, type AdminClientOptions } from '../../../../src/api';
import { startFakeAdminApi } from '../../../fake-admin-api';
import type { FakeAdminApi, FakeOptions, RequestRecord } from '../../../fake-admin-api/types';

export type { FakeAdminApi, RequestRecord };

export function useFakeApi(options: FakeOptions = {}): () => FakeAdminApi {
  let fake: FakeAdminApi | undefined;
  before(async () => {
    fake = await startFakeAdminApi(options);
  });
  beforeEach(() => fake?.faults.clear());
  after(async () => {
    await closeSharedDispatchers();
    await fake?.close();
  });
  return () => {
    if (!fake) throw new Error('fake Admin API not started');
    return fake;
  };
}

/** A client for the fake; `env: {}` so a proxy in the developer's environment cannot interfere. */
export function clientFor(fake: FakeAdminApi, options: Partial<AdminClientOptions> = {}): AdminClient {
  return createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, env: {}, ...options });
}

/** Requests the fake received since `since` (a requests.length taken earlier). */
export function requestsSince(fake: FakeAdminApi, since: number, route?: string): RequestRecord[] {
  return fake.requests.slice(since).filter((r) => route === undefined || r.route === route);
}

/** Waits until `check` passes (server-side bookkeeping can trail the client by a tick). */
export async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
