// Property tests: any response the OpenAPI schemas allow, through every function that shapes API
// data for the screen (tree node kinds, Project panel sections, usage views and exports), never
// throws and always gives the views what they need. Webview input is checked the same way: the
// host's readers of untrusted messages accept any JSON value.
import '../security/helpers/installVscodeStub';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AdminClient } from '../../../src/api';
import { OrgStore } from '../../../src/model/store';
import { toApiKeyRow, toMemberRow, toOverview, toServiceAccountRow, loadSnapshot } from '../../../src/model/project/load';
import { readChanges } from '../../../src/model/project/save';
import { toRateLimitRow } from '../../../src/model/rateLimitEdits';
import { ENDPOINTS, KIND_IDS } from '../../../src/model/usage/catalogue';
import type { DashboardData } from '../../../src/model/usage/types';
import { UsageDashboard } from '../../../src/model/usage/dashboard';
import { toCsv, toJson } from '../../../src/model/usage/export';
import { bucketCount, MAX_BUCKETS } from '../../../src/model/usage/range';
import { normalizeSelection, rangeOf } from '../../../src/model/usage/selection';
import { chartDatasets, ranked, shape } from '../../../src/model/usage/shape';
import { isRpcMessage } from '../../../src/webviews/protocol';
import type { NodeSpec } from '../../../src/tree/nodeSpec';
import { organizationRoots } from '../../../src/tree/kinds/organization';
import { folderPage } from './helpers/folderPage';
import { loadSchemaArbitraries, type SchemaArbitraries } from './helpers/schemaArbitrary';
import { holds } from './helpers/property';
import { stubTransport } from './helpers/stubClient';
import { loadSpec, type Spec } from '../../fake-admin-api/openapi';

const NOW = 1_767_225_600; // 2026-01-01, fixed so runs reproduce
const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

/** What ExplorerProvider.getTreeItem and the copy/open commands rely on. */
function checkSpec(spec: NodeSpec, where: string): void {
  assert.equal(typeof spec.key, 'string', `${where}: key`);
  assert.ok(spec.key.length > 0, `${where}: empty key`);
  assert.equal(typeof spec.label, 'string', `${where}/${spec.key}: label`);
  assert.ok(spec.description === undefined || typeof spec.description === 'string', `${where}/${spec.key}: description`);
  for (const line of spec.tooltip ?? []) {
    if (typeof line === 'string') continue;
    assert.ok(Array.isArray(line) && typeof line[0] === 'string', `${where}/${spec.key}: tooltip line ${JSON.stringify(line)}`);
    assert.ok(['string', 'number', 'undefined'].includes(typeof line[1]) || line[1] === null, `${where}/${spec.key}: tooltip value ${JSON.stringify(line)}`);
  }
  for (const [label, value] of spec.copy ?? []) assert.ok(typeof label === 'string' && typeof value === 'string', `${where}/${spec.key}: copy entry`);
  for (const v of Object.values(spec.context ?? {})) assert.equal(typeof v, 'string', `${where}/${spec.key}: context value`);
}

/**
 * Every folder of the explorer, as the view would open them: first page and a later page, two
 * children deep below each folder (enough to reach every node kind once).
 */
async function walk(client: AdminClient, specs: NodeSpec[], where: string, depth: number): Promise<number> {
  let loads = 0;
  const keys = new Set<string>();
  for (const spec of specs) {
    checkSpec(spec, where);
    assert.ok(!keys.has(spec.key), `${where}: two rows share the key ${JSON.stringify(spec.key)}`);
    keys.add(spec.key);
  }
  for (const spec of specs) {
    const children = spec.children;
    if (!children || depth === 0) continue;
    let kids: NodeSpec[];
    if (children.type === 'static') {
      kids = children.nodes();
    } else {
      const signal = new AbortController().signal;
      const first = await folderPage(children, client, undefined, signal);
      const later = await folderPage(children, client, 'cursor_next', signal);
      loads += 2;
      assert.equal(typeof first.hasMore, 'boolean');
      kids = [...(children.fixed?.() ?? []), ...first.data];
      await walk(client, later.data, `${where}/${spec.key}(page 2)`, 0);
    }
    // Fixed folders are all opened; of loaded items, two with children are enough to reach their kinds.
    const opened = children.type === 'static' ? kids : [...kids.filter((k) => !k.children), ...kids.filter((k) => k.children).slice(0, 2)];
    loads += await walk(client, opened, `${where}/${spec.key}`, depth - 1);
  }
  return loads;
}

describe('shaping functions never throw on any schema-valid response (fast-check over the OpenAPI schemas)', function () {
  this.timeout(120_000);
  const loaded = loadSchemaArbitraries();
  const validation = loadSpec();
  let arbs: SchemaArbitraries;
  let spec: Spec;

  before(function () {
    if ('skipped' in loaded || 'skipped' in validation) {
      console.warn(`      (skipped: ${'skipped' in loaded ? loaded.skipped : ''})`);
      this.skip();
    }
    arbs = loaded as SchemaArbitraries;
    spec = validation as Spec;
  });

  it('the generator only makes bodies the official schemas accept', () => {
    for (const op of ['list-projects', 'list-audit-logs', 'usage-completions', 'usage-costs', 'list-project-api-keys', 'list-roles', 'list-project-rate-limits']) {
      const validate = spec.validator(op);
      for (const body of fc.sample(arbs.response(op), { numRuns: 15, seed: 8 })) {
        assert.ok(validate(JSON.parse(JSON.stringify(body))), `${op}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
      }
    }
  });

  it('tree: every node kind builds well-formed rows with unique keys from any page', async () => {
    await holds(fc.asyncProperty(fc.gen(), async (g) => {
      const stub = stubTransport((op) => g(() => arbs.response(op)));
      try {
        const loads = await walk(stub.client(), organizationRoots(), 'root', 4);
        assert.ok(loads >= 20, `only ${loads} folders were loaded`);
      } finally {
        stub.restore();
      }
    }), { numRuns: RUNS, seed: 8, endOnFailure: true });
  });

  it('Project panel: every section reads into rows or an error text, never a rejection', async () => {
    await holds(fc.asyncProperty(fc.gen(), async (g) => {
      const stub = stubTransport((op) => g(() => arbs.response(op)));
      try {
        const client = stub.client();
        const snapshot = await loadSnapshot(new OrgStore(async () => client), 'proj_abc', new AbortController().signal);
        for (const [section, s] of Object.entries(snapshot)) {
          assert.ok(s.ok || (typeof s.error === 'string' && s.error.length > 0), `${section}: ${JSON.stringify(s)}`);
        }
        JSON.stringify(snapshot); // what the webview is sent
      } finally {
        stub.restore();
      }
    }), { numRuns: RUNS, seed: 8, endOnFailure: true });
  });

  it('Project panel row mappers accept any object of their schema', async () => {
    await holds(fc.property(
      arbs.component('Project'), arbs.component('ProjectUser'), arbs.component('ProjectServiceAccount'),
      arbs.component('ProjectApiKey'), arbs.component('ProjectRateLimit'), fc.array(arbs.component('AssignedRoleDetails'), { maxLength: 3 }),
      (p, u, s, k, r, roles) => {
        const rows = [toOverview(p as never), toMemberRow(u as never, roles as never), toMemberRow(u as never, new Error('x')),
          toServiceAccountRow(s as never), toApiKeyRow(k as never), toRateLimitRow(r as never)];
        JSON.stringify(rows);
      },
    ), { numRuns: RUNS * 5, seed: 8 });
  });

  for (const kind of KIND_IDS) {
    it(`usage ${kind}: shape, chart, ranking, CSV and JSON from any buckets and any selection`, async () => {
      const endpoint = ENDPOINTS[kind];
      const selectionInput = fc.record({
        kind: fc.constant(kind),
        metric: fc.constantFrom(...endpoint.metrics.map((m) => m.key)),
        groupBy: fc.subarray(endpoint.groupBy.map((g) => g.field)),
        range: fc.constantFrom({ preset: '24h' }, { preset: '7d' }, { preset: '30d' }),
        width: fc.constantFrom('1d', '1h', '1m'),
      });
      await holds(fc.property(selectionInput, arbs.component('UsageTimeBucket'), fc.array(arbs.component('UsageTimeBucket'), { maxLength: 3 }), (raw, one, more) => {
        const selection = normalizeSelection(raw, NOW);
        const range = rangeOf(selection, NOW);
        // Put some buckets inside the range, where they are counted.
        const buckets = [one, ...more].map((b, i) => ({ ...(b as object), start_time: i % 2 ? (b as { start_time: number }).start_time : range.start })) as never[];
        const view = shape(endpoint, buckets, { selection, range, names: (field, value) => (field === 'project_id' ? `name of ${value}` : undefined) });
        for (const s of view.series) for (const m of view.metrics) assert.equal(s.values[m.key]!.length, view.buckets.length);
        chartDatasets(view);
        ranked(view, selection.metric, 5);
        toCsv(view);
        JSON.parse(toJson(view));
      }), { numRuns: RUNS * 2, seed: 8 });
    });
  }

  it('usage dashboard: a whole load (chart, summaries), then names for its ids, from any responses', async () => {
    await holds(fc.asyncProperty(fc.gen(), fc.constantFrom(...KIND_IDS), async (g, kind) => {
      const stub = stubTransport((op) => g(() => arbs.response(op)));
      try {
        const dashboard = new UsageDashboard(async () => stub.client(), new OrgStore(async () => stub.client()), { clock: () => NOW * 1000 });
        const data = await dashboard.load({ kind, range: { preset: '7d' }, groupBy: ['api_key_id', 'user_id'] }, new AbortController().signal).catch((err: unknown) => err);
        // A broken page (has_more without a cursor) is reported as an API error; anything else is a bug.
        if (data instanceof Error) assert.match(data.name, /AdminApiError/, String(data));
        else {
          JSON.stringify(data);
          // Names for the ids: lists that cannot be read become warnings, never a failure.
          JSON.stringify(await dashboard.resolveNames(data as DashboardData, new AbortController().signal));
        }
      } finally {
        stub.restore();
      }
    }), { numRuns: RUNS, seed: 8, endOnFailure: true });
  });

  it('webview input: any JSON the panels send is read without throwing anything but a TypeError', async () => {
    await holds(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      const selection = normalizeSelection(a, NOW);
      assert.ok(KIND_IDS.includes(selection.kind));
      normalizeSelection({ kind: 'completions', range: a, filters: b, groupBy: b, width: a }, NOW);
      isRpcMessage(a);
      try {
        readChanges(a);
      } catch (err) {
        assert.ok(err instanceof TypeError, String(err));
      }
    }), { numRuns: RUNS * 10, seed: 8 });
  });

  it('a custom range of decades is refused before a single request (chart and filter choices)', async () => {
    let requests = 0;
    const stub = stubTransport(() => { requests++; return { object: 'page', data: [], has_more: false, next_page: null }; });
    try {
      const dashboard = new UsageDashboard(async () => stub.client(), new OrgStore(async () => stub.client()), { clock: () => NOW * 1000 });
      const century = { kind: 'completions', range: { preset: 'custom', from: '1970-01-01', to: '2069-12-31' } };
      await assert.rejects(dashboard.load(century, new AbortController().signal), /at most 2,880 can be shown/);
      await assert.rejects(dashboard.filterOptions(century, new AbortController().signal), /at most 2,880 can be shown/);
      assert.equal(requests, 0);
    } finally {
      stub.restore();
    }
  });

  it('a selection from the webview never asks for more buckets than the cap (custom ranges included)', async () => {
    const day = fc.tuple(fc.integer({ min: 1970, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    await holds(fc.property(fc.constantFrom(...KIND_IDS), day, day, fc.constantFrom('1d', '1h', '1m'), (kind, from, to, width) => {
      const selection = normalizeSelection({ kind, range: { preset: 'custom', from, to }, width }, NOW);
      let buckets: number;
      try {
        buckets = bucketCount(rangeOf(selection, NOW), selection.width);
      } catch (err) {
        assert.ok(err instanceof RangeError, String(err)); // shown to the user as the range's problem
        return;
      }
      assert.ok(buckets <= MAX_BUCKETS, `${from}..${to} at ${selection.width}: ${buckets} buckets`);
    }), { numRuns: RUNS * 5, seed: 8 });
  });
});
