// What the usage model suites share: a fake pinned to a fixed day, a client for it, and the fake's
// raw buckets read over plain HTTP (not through the code under test) to compare against.
import { closeSharedDispatchers, createAdminClient, type AdminClient } from '../../../src/api';
import { startFakeAdminApi } from '../../fake-admin-api';
import { ok } from '../../fake-admin-api/helpers';
import type { FakeAdminApi, FakeOptions } from '../../fake-admin-api/types';
import type { RawBucket } from '../../../src/model/usage/catalogue';

/** 2026-06-15 00:00 UTC: the fake's "now"; usage stops there. */
export const FAKE_NOW = Date.UTC(2026, 5, 15) / 1000;
/** The dashboard's clock: ten hours into the fake's day. */
export const CLOCK_MS = (FAKE_NOW + 10 * 3_600) * 1000;

export function useUsageFake(options: FakeOptions = {}): { fake: () => FakeAdminApi; client: () => AdminClient } {
  let fake: FakeAdminApi | undefined;
  let client: AdminClient | undefined;
  before(async () => {
    fake = await startFakeAdminApi({ seed: 7, projects: 12, users: 60, now: FAKE_NOW, ...options });
    client = createAdminClient({ apiKey: fake.adminKey, baseUrl: fake.url, env: {}, maxRetries: 0 });
  });
  beforeEach(() => fake?.faults.clear());
  after(async () => {
    await closeSharedDispatchers();
    await fake?.close();
  });
  return {
    fake: () => fake ?? assertStarted(),
    client: () => client ?? assertStarted(),
  };
}

function assertStarted(): never {
  throw new Error('fake Admin API not started');
}

export const PATHS: Record<string, string> = {
  costs: '/organization/costs',
  completions: '/organization/usage/completions',
  decisions: '/organization/usage/decisions',
  embeddings: '/organization/usage/embeddings',
  moderations: '/organization/usage/moderations',
  images: '/organization/usage/images',
  audio_speeches: '/organization/usage/audio_speeches',
  audio_transcriptions: '/organization/usage/audio_transcriptions',
  vector_stores: '/organization/usage/vector_stores',
  code_interpreter_sessions: '/organization/usage/code_interpreter_sessions',
  file_search_calls: '/organization/usage/file_search_calls',
  web_search_calls: '/organization/usage/web_search_calls',
};

/** Every bucket of a query, following next_page by hand. */
export async function rawBuckets(fake: FakeAdminApi, kind: string, query: Record<string, unknown>): Promise<RawBucket[]> {
  const out: RawBucket[] = [];
  let page: string | undefined;
  for (;;) {
    const body = await ok<{ data: RawBucket[]; has_more: boolean; next_page: string | null }>(fake, 'GET', PATHS[kind]!, {
      query: { ...query, ...(page ? { page } : {}) } as never,
    });
    out.push(...body.data);
    if (!body.has_more || !body.next_page) return out;
    page = body.next_page;
  }
}

/** Sum of one numeric result field (or the costs amount) over raw buckets. */
export function rawSum(buckets: readonly RawBucket[], field: string): number {
  let sum = 0;
  for (const b of buckets) for (const r of b.results) {
    const v = field === 'amount' ? (r.amount as { value?: number } | undefined)?.value : field === 'total_tokens' ? Number(r.input_tokens) + Number(r.output_tokens) : r[field];
    if (typeof v === 'number') sum += v;
  }
  return sum;
}

/** All subsets of a list (the group_by combinations). */
export function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]);
}

export const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
