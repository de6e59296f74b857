// Ranges, widths and selections → API queries (no server).
import assert from 'node:assert/strict';
import { catalogue, ENDPOINTS, KIND_IDS } from '../../../src/model/usage/catalogue';
import { bucketCount, bucketGrid, defaultWidth, MAX_BUCKETS, parseDay, resolveRange, widthsFor } from '../../../src/model/usage/range';
import { buildQuery, normalizeSelection } from '../../../src/model/usage/selection';

const at = (iso: string) => Date.parse(iso) / 1000;
const NOW = at('2026-06-15T10:17:45Z');

describe('usage model: ranges', () => {
  it('presets end with the bucket holding now and start with the one holding now minus the duration', () => {
    assert.deepEqual(resolveRange({ preset: '24h' }, '1h', NOW), { start: at('2026-06-14T10:00:00Z'), end: at('2026-06-15T11:00:00Z') });
    assert.deepEqual(resolveRange({ preset: '24h' }, '1d', NOW), { start: at('2026-06-14T00:00:00Z'), end: at('2026-06-16T00:00:00Z') });
    assert.deepEqual(resolveRange({ preset: '7d' }, '1d', NOW), { start: at('2026-06-08T00:00:00Z'), end: at('2026-06-16T00:00:00Z') });
    assert.deepEqual(resolveRange({ preset: '24h' }, '1m', NOW), { start: at('2026-06-14T10:17:00Z'), end: at('2026-06-15T10:18:00Z') });
    assert.equal(bucketCount(resolveRange({ preset: '90d' }, '1d', NOW), '1d'), 91);
    assert.equal(bucketCount(resolveRange({ preset: '30d' }, '1h', NOW), '1h'), 30 * 24 + 1);
  });

  it('custom ranges cover whole UTC days, both ends included', () => {
    const r = resolveRange({ preset: 'custom', from: '2026-02-27', to: '2026-03-01' }, '1d', NOW);
    assert.deepEqual(r, { start: at('2026-02-27T00:00:00Z'), end: at('2026-03-02T00:00:00Z') });
    assert.deepEqual(bucketGrid(r, '1d'), [at('2026-02-27T00:00:00Z'), at('2026-02-28T00:00:00Z'), at('2026-03-01T00:00:00Z')]);
    assert.equal(bucketCount(resolveRange({ preset: 'custom', from: '2026-06-01', to: '2026-06-01' }, '1h', NOW), '1h'), 24);
    assert.throws(() => resolveRange({ preset: 'custom', from: '2026-06-02', to: '2026-06-01' }, '1d', NOW), /before the start/);
    assert.throws(() => resolveRange({ preset: 'custom', from: '2026-02-30', to: '2026-03-01' }, '1d', NOW), /Pick a start/);
    assert.equal(parseDay('2026-13-01'), undefined);
    assert.equal(parseDay('26-1-1'), undefined);
  });

  it('widths that would exceed the bucket cap are not offered; the coarsest always is', () => {
    const all = ['1d', '1h', '1m'] as const;
    assert.deepEqual(widthsFor({ preset: '24h' }, all, NOW), ['1d', '1h', '1m']);
    assert.deepEqual(widthsFor({ preset: '7d' }, all, NOW), ['1d', '1h']);
    assert.deepEqual(widthsFor({ preset: '90d' }, all, NOW), ['1d', '1h']);
    assert.deepEqual(widthsFor({ preset: 'custom', from: '2025-01-01', to: '2026-06-01' }, all, NOW), ['1d']);
    assert.deepEqual(widthsFor({ preset: 'custom', from: '2010-01-01', to: '2026-06-01' }, all, NOW), ['1d'], 'even past the cap, daily stays');
    for (const preset of ['24h', '7d', '30d', '90d'] as const) {
      for (const w of widthsFor({ preset }, all, NOW)) assert.ok(bucketCount(resolveRange({ preset }, w, NOW), w) <= MAX_BUCKETS || w === '1d');
    }
    assert.equal(defaultWidth({ preset: '24h' }, all, NOW), '1h');
    assert.equal(defaultWidth({ preset: '30d' }, all, NOW), '1d');
    assert.equal(defaultWidth({ preset: '24h' }, ['1d'], NOW), '1d');
  });
});

describe('usage model: selections and queries', () => {
  it('the catalogue covers the twelve endpoints with their widths, group_by fields and metrics', () => {
    assert.deepEqual(KIND_IDS, ['costs', 'completions', 'decisions', 'embeddings', 'moderations', 'images', 'audio_speeches', 'audio_transcriptions',
      'vector_stores', 'code_interpreter_sessions', 'file_search_calls', 'web_search_calls']);
    const info = Object.fromEntries(catalogue().map((k) => [k.id, k]));
    assert.deepEqual(info.costs!.widths, ['1d']);
    assert.deepEqual(info.costs!.groupBy.map((g) => g.field), ['project_id', 'user_id', 'line_item', 'api_key_id', 'api_source']);
    assert.deepEqual(info.costs!.filters.map((f) => f.param), ['project_ids', 'api_key_ids', 'line_items']);
    assert.deepEqual(info.completions!.groupBy.map((g) => g.field), ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier', 'api_source']);
    assert.deepEqual(info.decisions!.widths, ['1d', '1h', '1m']);
    assert.deepEqual(info.decisions!.groupBy.map((g) => g.field), ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier', 'api_source']);
    assert.deepEqual(info.decisions!.filters.map((f) => [f.param, f.type]), [['project_ids', 'multi'], ['user_ids', 'multi'], ['api_key_ids', 'multi'], ['models', 'multi'], ['batch', 'bool']]);
    for (const kind of ['completions', 'decisions'] as const) {
      const keys = info[kind]!.metrics.map((m) => m.key);
      for (const k of ['input_tokens', 'output_tokens', 'num_model_requests', 'input_cache_write_tokens', 'input_cache_write_30m_tokens', 'input_cache_write_12h_tokens']) assert.ok(keys.includes(k), `${kind}: ${k}`);
    }
    assert.equal(info.decisions!.groupBy.find((g) => g.field === 'api_source')!.label, 'API source');
    assert.deepEqual(info.images!.groupBy.map((g) => g.field), ['project_id', 'user_id', 'api_key_id', 'model', 'size', 'source']);
    assert.deepEqual(info.file_search_calls!.groupBy.map((g) => g.field), ['project_id', 'user_id', 'api_key_id', 'vector_store_id']);
    assert.deepEqual(info.web_search_calls!.groupBy.map((g) => g.field), ['project_id', 'user_id', 'api_key_id', 'model', 'context_level', 'api_source']);
    // Every metric label is unique within its kind: the table finds a total's metric by its column title.
    for (const k of catalogue()) assert.equal(new Set(k.metrics.map((m) => m.label)).size, k.metrics.length, k.id);
    assert.deepEqual(info.vector_stores!.metrics.map((m) => [m.key, m.unit, m.aggregate]), [['usage_bytes', 'bytes', 'peak']]);
    const units = new Set(catalogue().flatMap((k) => k.metrics.map((m) => m.unit)));
    for (const u of ['tokens', 'requests', 'images', 'characters', 'seconds', 'bytes', 'sessions', 'calls', 'currency']) assert.ok(units.has(u as never), u);
    assert.ok(!JSON.stringify(catalogue()).includes('function'), 'the catalogue sent to the webview is plain data');
  });

  it('normalize keeps only what the endpoint supports', () => {
    const s = normalizeSelection({
      kind: 'vector_stores', metric: 'input_tokens', range: { preset: '7d' }, width: '1m',
      groupBy: ['model', 'project_id', 'project_id'], filters: { project_ids: ['p1', 'p1', ''], models: ['gpt-4o'] }, chart: 'pie',
    }, NOW);
    assert.deepEqual(s, { kind: 'vector_stores', metric: 'usage_bytes', range: { preset: '7d' }, width: '1d', groupBy: ['project_id'], filters: { project_ids: ['p1'] }, chart: 'bar' });
    assert.equal(normalizeSelection({ kind: 'costs', width: '1h' }, NOW).width, '1d');
    assert.equal(normalizeSelection({ kind: 'nope' }, NOW).kind, 'costs');
    assert.deepEqual(normalizeSelection({ kind: 'completions', filters: { batch: ['yes', 'false', 'true'] } }, NOW).filters, { batch: ['false'] });
    assert.deepEqual(normalizeSelection({ kind: 'images', filters: { sizes: ['9x9', '256x256'] } }, NOW).filters, { sizes: ['256x256'] });
    assert.deepEqual(normalizeSelection(undefined, NOW).range, { preset: '30d' });
  });

  it('buildQuery sends range, width, group_by and only the filters the endpoint takes', () => {
    const sel = normalizeSelection({ kind: 'completions', range: { preset: '7d' }, width: '1h', groupBy: ['model'], filters: { project_ids: ['p1'], batch: ['true'], models: ['o3'] } }, NOW);
    const range = resolveRange(sel.range, sel.width, NOW);
    assert.deepEqual(buildQuery(ENDPOINTS.completions, sel, range), {
      start_time: range.start, end_time: range.end, bucket_width: '1h', group_by: ['model'], project_ids: ['p1'], models: ['o3'], batch: true,
    });
    // The same selection for the costs summary: only project_ids survives.
    assert.deepEqual(buildQuery(ENDPOINTS.costs, { ...sel, width: '1d', groupBy: ['project_id', 'model'] }, range), {
      start_time: range.start, end_time: range.end, bucket_width: '1d', group_by: ['project_id'], project_ids: ['p1'],
    });
  });

  it('decisions by api_source with its filters; costs by user and api_source with a line-items filter', () => {
    const sel = normalizeSelection({
      kind: 'decisions', range: { preset: '24h' }, width: '1m', groupBy: ['api_source', 'context_level', 'model'], metric: 'input_cache_write_12h_tokens',
      filters: { user_ids: ['user_a'], batch: ['false'], sizes: ['256x256'] },
    }, NOW);
    assert.deepEqual([sel.width, sel.groupBy, sel.metric, sel.filters], ['1m', ['api_source', 'model'], 'input_cache_write_12h_tokens', { user_ids: ['user_a'], batch: ['false'] }]);
    const range = resolveRange(sel.range, sel.width, NOW);
    assert.deepEqual(buildQuery(ENDPOINTS.decisions, sel, range), {
      start_time: range.start, end_time: range.end, bucket_width: '1m', group_by: ['api_source', 'model'], user_ids: ['user_a'], batch: false,
    });

    const costs = normalizeSelection({ kind: 'costs', groupBy: ['user_id', 'api_source', 'model'], filters: { line_items: ['gpt-4o, input', 'gpt-4o, input'], models: ['o3'] } }, NOW);
    assert.deepEqual([costs.groupBy, costs.filters], [['user_id', 'api_source'], { line_items: ['gpt-4o, input'] }]);
    const daily = resolveRange(costs.range, '1d', NOW);
    assert.deepEqual(buildQuery(ENDPOINTS.costs, costs, daily), {
      start_time: daily.start, end_time: daily.end, bucket_width: '1d', group_by: ['user_id', 'api_source'], line_items: ['gpt-4o, input'],
    });
  });
});
