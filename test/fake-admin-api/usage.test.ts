// Usage and costs: grouping never changes totals, widths add up, limits and paging, filters,
// zero buckets, costs only reference what exists, and the numbers come fast.
import assert from 'node:assert/strict';
import { call, daysAgo, ok } from './helpers';
import { startFakeAdminApi } from './index';
import type { FakeAdminApi } from './types';

type Result = Record<string, unknown>;
interface Bucket {
  start_time: number;
  end_time: number;
  results: Result[];
}

const GROUPS: Record<string, string[]> = {
  completions: ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier', 'api_source'],
  decisions: ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier', 'api_source'],
  embeddings: ['project_id', 'user_id', 'api_key_id', 'model'],
  moderations: ['project_id', 'user_id', 'api_key_id', 'model'],
  images: ['project_id', 'user_id', 'api_key_id', 'model', 'size', 'source'],
  audio_speeches: ['project_id', 'user_id', 'api_key_id', 'model'],
  audio_transcriptions: ['project_id', 'user_id', 'api_key_id', 'model'],
  vector_stores: ['project_id'],
  code_interpreter_sessions: ['project_id'],
  file_search_calls: ['project_id', 'user_id', 'api_key_id', 'vector_store_id'],
  web_search_calls: ['project_id', 'user_id', 'api_key_id', 'model', 'context_level', 'api_source'],
};

/** Sums every numeric field of a bucket's results. */
function totals(b: Bucket): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of b.results) for (const [k, v] of Object.entries(r)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out;
}

function sumBuckets(buckets: Bucket[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of buckets) for (const [k, v] of Object.entries(totals(b))) out[k] = (out[k] ?? 0) + v;
  return out;
}

describe('fake-admin-api: usage and costs', () => {
  let fake: FakeAdminApi;
  const start = daysAgo(14);
  const end = daysAgo(0);
  before(async () => {
    fake = await startFakeAdminApi({ seed: 4, projects: 25, users: 120 });
  });
  after(() => fake.close());

  const usage = (kind: string, query: Record<string, unknown> = {}) =>
    ok<{ data: Bucket[]; has_more: boolean; next_page: string | null }>(fake, 'GET', `/organization/usage/${kind}`, { query: { start_time: start, end_time: end, limit: 14, ...query } as never });

  for (const [kind, fields] of Object.entries(GROUPS)) {
    it(`${kind}: every group_by combination sums to the ungrouped totals`, async () => {
      const plain = (await usage(kind)).data;
      assert.equal(plain.length, 14);
      assert.ok(plain.some((b) => b.results.length > 0), 'the org has some usage of this kind');
      for (const b of plain) {
        assert.ok(b.results.length <= 1);
        for (const r of b.results) for (const f of fields) assert.equal(r[f], null, `${f} must be null when not grouped`);
      }
      const combos = [...fields.map((f) => [f]), fields, fields.slice(0, 2)];
      for (const groupBy of combos) {
        const grouped = (await usage(kind, { group_by: groupBy })).data;
        grouped.forEach((b, i) => {
          assert.deepEqual(totals(b), totals(plain[i]!), `${kind} group_by=${groupBy.join(',')} bucket ${i}`);
          for (const r of b.results) for (const f of fields) if (!groupBy.includes(f)) assert.equal(r[f], null);
        });
        const keys = grouped.flatMap((b) => b.results.map((r) => JSON.stringify(groupBy.map((f) => r[f]))));
        const perBucketUnique = grouped.every((b) => new Set(b.results.map((r) => JSON.stringify(groupBy.map((f) => r[f])))).size === b.results.length);
        assert.ok(perBucketUnique, 'one result per group per bucket');
        if (groupBy.length === 1 && groupBy[0] === 'project_id') assert.ok(keys.every((k) => fake.state.projects.has(JSON.parse(k)[0])));
      }
    });
  }

  it('completions: 1m buckets add up to their hour, hours to their day', async () => {
    const day = daysAgo(3);
    const daily = (await usage('completions', { start_time: day, end_time: day + 86_400, limit: 1, group_by: 'model' })).data;
    const hourly = (await usage('completions', { start_time: day, end_time: day + 86_400, bucket_width: '1h', limit: 24, group_by: 'model' })).data;
    assert.equal(hourly.length, 24);
    assert.deepEqual(sumBuckets(hourly), totals(daily[0]!));
    const busiest = hourly.reduce((a, b) => ((totals(b).num_model_requests ?? 0) > (totals(a).num_model_requests ?? 0) ? b : a));
    const minutes = (await usage('completions', { start_time: busiest.start_time, end_time: busiest.end_time, bucket_width: '1m', limit: 60 })).data;
    assert.equal(minutes.length, 60);
    assert.deepEqual(sumBuckets(minutes), totals(busiest));
    assert.ok(minutes.some((m) => m.results.length === 0) || minutes.every((m) => m.results.length === 1));
  });

  it('decisions: 1h buckets add up to their day; the batch filter and group agree', async () => {
    const day = daysAgo(2);
    const daily = (await usage('decisions', { start_time: day, end_time: day + 86_400, limit: 1, group_by: ['model', 'api_source'] })).data;
    const hourly = (await usage('decisions', { start_time: day, end_time: day + 86_400, bucket_width: '1h', limit: 24, group_by: ['model', 'api_source'] })).data;
    assert.ok(daily[0]!.results.length > 0, 'the org has Decisions usage that day');
    assert.deepEqual(sumBuckets(hourly), totals(daily[0]!));
    const batchGroup = (await usage('decisions', { group_by: 'batch' })).data.map((b) => (b.results.find((r) => r.batch === true)?.num_model_requests ?? 0) as number);
    const batchOnly = (await usage('decisions', { batch: true })).data.map((b) => (b.results[0]?.num_model_requests ?? 0) as number);
    assert.deepEqual(batchOnly, batchGroup);
    assert.ok(batchOnly.some((n) => n > 0));
  });

  it('api_source groups are agents_api or unlabeled, and both occur (completions, web search, decisions, costs)', async () => {
    for (const kind of ['completions', 'web_search_calls', 'decisions']) {
      const sources = new Set((await usage(kind, { group_by: 'api_source' })).data.flatMap((b) => b.results.map((r) => r.api_source)));
      assert.deepEqual([...sources].sort(), ['agents_api', 'unlabeled'], kind);
    }
    const costs = await ok<{ data: Bucket[] }>(fake, 'GET', '/organization/costs', { query: { start_time: start, end_time: end, limit: 14, group_by: 'api_source' } });
    assert.deepEqual([...new Set(costs.data.flatMap((b) => b.results.map((r) => r.api_source)))].sort(), ['agents_api', 'unlabeled']);
  });

  it('completions and decisions fields are internally consistent (input = cached + cache write + uncached = text + audio + image parts; cache write = 30m + 12h)', async () => {
    const results = [
      ...(await usage('completions', { group_by: ['model'] })).data,
      ...(await usage('decisions', { group_by: ['model'] })).data,
    ].flatMap((b) => b.results as Record<string, number>[]);
    assert.ok(results.some((r) => r.input_cache_write_12h_tokens! > 0), 'some streams write 12-hour cache entries');
    for (const b of [{ results }]) {
      for (const r of b.results) {
        assert.equal(r.input_cache_write_tokens, r.input_cache_write_30m_tokens! + r.input_cache_write_12h_tokens!);
        assert.equal(r.input_tokens, r.input_cached_tokens! + r.input_cache_write_tokens! + r.input_uncached_tokens!);
        assert.equal(r.input_uncached_tokens, r.input_text_tokens! + r.input_audio_tokens! + r.input_image_tokens!);
        assert.equal(r.input_cached_tokens, r.input_cached_text_tokens! + r.input_cached_audio_tokens! + r.input_cached_image_tokens!);
        assert.equal(r.output_tokens, r.output_text_tokens! + r.output_audio_tokens! + r.output_image_tokens!);
        assert.ok(r.num_model_requests! > 0);
      }
    }
  });

  it('bucket limits: defaults 7/24/60, maxima 31/168/1440, otherwise 400', async () => {
    const q = (query: Record<string, unknown>) => call(fake, 'GET', '/organization/usage/embeddings', { query: { start_time: daysAgo(60), ...query } as never });
    assert.equal((await q({})).json.data.length, 7);
    assert.equal((await q({ bucket_width: '1h' })).json.data.length, 24);
    assert.equal((await q({ bucket_width: '1m' })).json.data.length, 60);
    assert.equal((await q({ limit: 31 })).json.data.length, 31);
    assert.equal((await q({ bucket_width: '1h', limit: 168 })).json.data.length, 168);
    assert.equal((await q({ bucket_width: '1m', limit: 1440 })).json.data.length, 1440);
    for (const bad of [{ limit: 32 }, { bucket_width: '1h', limit: 169 }, { bucket_width: '1m', limit: 1441 }, { limit: 0 }]) {
      const r = await q(bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.equal(r.json.error.param, 'limit');
    }
    assert.equal((await q({ bucket_width: '2h' })).json.error.param, 'bucket_width');
    const r = await q({});
    assert.equal(r.json.has_more, true);
    assert.match(r.json.next_page, /^page_/);
  });

  it('buckets without usage are returned with empty results', async () => {
    const longAgo = daysAgo(3650);
    const r = await usage('completions', { start_time: longAgo, end_time: longAgo + 5 * 86_400 });
    assert.equal(r.data.length, 5);
    assert.ok(r.data.every((b) => Array.isArray(b.results) && b.results.length === 0));
  });

  it('start_time is required; end_time must follow it', async () => {
    const missing = await call(fake, 'GET', '/organization/usage/completions');
    assert.deepEqual([missing.status, missing.json.error.param], [400, 'start_time']);
    const inverted = await call(fake, 'GET', '/organization/usage/completions', { query: { start_time: daysAgo(1), end_time: daysAgo(2) } });
    assert.deepEqual([inverted.status, inverted.json.error.param], [400, 'end_time']);
  });

  it('group_by must come from the endpoint enum; `group_by[]=` is accepted too', async () => {
    const bad = await call(fake, 'GET', '/organization/usage/vector_stores', { query: { start_time: start, group_by: 'model' } });
    assert.deepEqual([bad.status, bad.json.error.param], [400, 'group_by']);
    const plain = (await usage('embeddings', { group_by: ['model', 'project_id'] })).data;
    const brackets = (await usage('embeddings', { 'group_by[]': ['model', 'project_id'] })).data;
    assert.deepEqual(brackets, plain);
  });

  it('filters restrict results (project_ids, models, batch, enums validated)', async () => {
    const byProject = (await usage('completions', { group_by: 'project_id' })).data.flatMap((b) => b.results);
    const project = byProject[0]!.project_id as string;
    const filtered = (await usage('completions', { project_ids: project, group_by: ['project_id', 'model'] })).data.flatMap((b) => b.results);
    assert.ok(filtered.length > 0 && filtered.every((r) => r.project_id === project));
    const batchOnly = (await usage('completions', { batch: true, group_by: 'batch' })).data.flatMap((b) => b.results);
    assert.ok(batchOnly.every((r) => r.batch === true));
    const model = filtered[0]!.model as string;
    const byModel = (await usage('completions', { models: model, group_by: 'model' })).data.flatMap((b) => b.results);
    assert.ok(byModel.every((r) => r.model === model));
    assert.equal((await call(fake, 'GET', '/organization/usage/images', { query: { start_time: start, sizes: '9x9' } })).json.error.param, 'sizes');
  });

  it('costs: grouped amounts sum to the total and only reference existing projects and keys', async () => {
    const costs = (query: Record<string, unknown> = {}) => ok<{ data: Bucket[] }>(fake, 'GET', '/organization/costs', { query: { start_time: start, end_time: end, limit: 14, ...query } as never });
    const amount = (b: Bucket) => b.results.reduce((s, r) => s + (r.amount as { value: number }).value, 0);
    const plain = (await costs()).data;
    const grouped = (await costs({ group_by: ['project_id', 'api_key_id', 'line_item'] })).data;
    const byLine = (await costs({ group_by: 'line_item' })).data;
    assert.ok(plain.some((b) => amount(b) > 0));
    plain.forEach((b, i) => {
      assert.ok(Math.abs(amount(b) - amount(grouped[i]!)) < 1e-6);
      assert.ok(Math.abs(amount(b) - amount(byLine[i]!)) < 1e-6);
      for (const r of b.results) assert.deepEqual([r.project_id, r.line_item, r.quantity, r.quantity_unit], [null, null, null, null]);
    });
    const keyIds = new Set([...fake.state.projectData.values()].flatMap((d) => d.apiKeys.values().map((k) => k.id)));
    for (const r of grouped.flatMap((b) => b.results)) {
      assert.ok(fake.state.projects.has(r.project_id as string), `unknown project ${r.project_id}`);
      assert.ok(r.api_key_id === null || keyIds.has(r.api_key_id as string), `unknown key ${r.api_key_id}`);
      assert.equal((r.amount as { currency: string }).currency, 'usd');
      assert.equal(typeof r.quantity, 'number');
    }
    // user_id and api_source group like the rest (null when not grouped), and sum to the total.
    for (const groupBy of [['user_id'], ['api_source'], ['user_id', 'api_source', 'project_id']]) {
      const g = (await costs({ group_by: groupBy })).data;
      plain.forEach((b, i) => assert.ok(Math.abs(amount(b) - amount(g[i]!)) < 1e-6, `group_by=${groupBy.join(',')} bucket ${i}`));
      const users = new Set(g.flatMap((b) => b.results.map((r) => r.user_id)));
      if (groupBy.includes('user_id')) assert.ok([...users].some((u) => u !== null && fake.state.users.has(u as string)) && users.has(null), 'user-owned and project-level costs');
      else assert.deepEqual([...users], [null]);
    }
    for (const r of plain.flatMap((b) => b.results)) assert.deepEqual([r.user_id, r.api_source], [null, null]);
    // line_items keeps exactly the named line items.
    const lines = [...new Set(byLine.flatMap((b) => b.results.map((r) => r.line_item as string)))].slice(0, 2);
    const onlyLines = (await costs({ line_items: lines, group_by: 'line_item' })).data;
    assert.ok(onlyLines.some((b) => b.results.length > 0));
    onlyLines.forEach((b, i) => {
      assert.ok(b.results.every((r) => lines.includes(r.line_item as string)));
      const expected = byLine[i]!.results.filter((r) => lines.includes(r.line_item as string)).reduce((sum, r) => sum + (r.amount as { value: number }).value, 0);
      assert.ok(Math.abs(amount(b) - expected) < 1e-6);
    });
    assert.ok(byLine.some((b) => b.results.some((r) => String(r.line_item).includes('decisions'))), 'Decisions usage is priced');
    assert.equal((await call(fake, 'GET', '/organization/costs', { query: { start_time: start, bucket_width: '1h' } })).json.error.param, 'bucket_width');
    assert.equal((await call(fake, 'GET', '/organization/costs', { query: { start_time: start, limit: 181 } })).json.error.param, 'limit');
    assert.equal((await call(fake, 'GET', '/organization/costs', { query: { start_time: start } })).json.data.length, 7);
  });

  it('deleting a key removes it from costs', async () => {
    const grouped = (await ok(fake, 'GET', '/organization/costs', { query: { start_time: start, end_time: end, limit: 14, group_by: 'api_key_id' } })).data as Bucket[];
    const keyId = grouped.flatMap((b) => b.results).map((r) => r.api_key_id as string | null).find((id) => {
      if (!id) return false;
      const projectId = [...fake.state.projectData].find(([, d]) => d.apiKeys.has(id))![0];
      return fake.state.project(projectId)!.apiKeys.get(id)!.owner.type === 'user' && fake.state.projects.get(projectId)!.status === 'active';
    })!;
    const projectId = [...fake.state.projectData].find(([, d]) => d.apiKeys.has(keyId))![0];
    await ok(fake, 'DELETE', `/organization/projects/${projectId}/api_keys/${keyId}`);
    const after = (await ok(fake, 'GET', '/organization/costs', { query: { start_time: start, end_time: end, limit: 14, group_by: 'api_key_id' } })).data as Bucket[];
    assert.ok(!after.flatMap((b) => b.results).some((r) => r.api_key_id === keyId));
  });

  it('is deterministic for a seed', async () => {
    const other = await startFakeAdminApi({ seed: 4, projects: 25, users: 120 });
    try {
      const q = { query: { start_time: daysAgo(20), end_time: daysAgo(15), group_by: ['model', 'project_id'] } };
      assert.deepEqual(await ok(other, 'GET', '/organization/usage/embeddings', q), await ok(fake, 'GET', '/organization/usage/embeddings', q));
    } finally {
      await other.close();
    }
  });
});

// Bounds are regression guards for a shared, busy CI box (timings are logged); on an idle
// laptop these queries take a fraction of them.
describe('fake-admin-api: usage speed on a large org', () => {
  let fake: FakeAdminApi;
  before(async function () {
    this.timeout(30_000);
    fake = await startFakeAdminApi({ seed: 9, projects: 500, users: 2000 });
    // Streams are derived lazily; the first query pays for that once.
    await ok(fake, 'GET', '/organization/usage/completions', { query: { start_time: daysAgo(1) } });
  });
  after(() => fake?.close());

  async function timed(path: string, query: Record<string, unknown>): Promise<number> {
    const t0 = performance.now();
    let page: string | undefined;
    do {
      const r = await ok(fake, 'GET', path, { query: { ...query, page } as never });
      page = r.next_page ?? undefined;
    } while (page);
    return performance.now() - t0;
  }

  it('90 days × 1d over 500 projects (3 pages of 31), ungrouped and by model', async () => {
    const cold = await timed('/organization/usage/completions', { start_time: daysAgo(90), end_time: daysAgo(0), limit: 31 });
    const byModel = await timed('/organization/usage/completions', { start_time: daysAgo(90), end_time: daysAgo(0), limit: 31, group_by: 'model' });
    console.log(`      90d × 1d completions: ${cold.toFixed(0)} ms cold, ${byModel.toFixed(0)} ms by model (cached days)`);
    assert.ok(cold < 3000 && byModel < 1500, `${cold} / ${byModel} ms`);
  });

  it('90 days × 1d grouped by project (≈46k results, several MB of JSON)', async () => {
    const ms = await timed('/organization/usage/completions', { start_time: daysAgo(90), end_time: daysAgo(0), limit: 31, group_by: 'project_id' });
    console.log(`      90d × 1d completions by project: ${ms.toFixed(0)} ms`);
    assert.ok(ms < 6000, `${ms} ms`);
  });

  it('24 hours × 1m over 500 projects', async () => {
    const ms = await timed('/organization/usage/completions', { start_time: daysAgo(2), end_time: daysAgo(1), bucket_width: '1m', limit: 1440 });
    console.log(`      24h × 1m completions: ${ms.toFixed(0)} ms`);
    assert.ok(ms < 3000, `${ms} ms`);
  });

  it('90 days of costs grouped by line item', async () => {
    const ms = await timed('/organization/costs', { start_time: daysAgo(90), end_time: daysAgo(0), limit: 90, group_by: 'line_item' });
    console.log(`      90d costs: ${ms.toFixed(0)} ms`);
    assert.ok(ms < 5000, `${ms} ms`);
  });
});
