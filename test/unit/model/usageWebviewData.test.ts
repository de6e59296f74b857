// The webview's copy of a dashboard load (src/model/usage/webviewData.ts): everything it draws, none
// of the per-bucket series the host keeps for exports.
import assert from 'node:assert/strict';
import { OrgStore } from '../../../src/model/store';
import { UsageDashboard } from '../../../src/model/usage/dashboard';
import { webviewData } from '../../../src/model/usage/webviewData';
import { CLOCK_MS, useUsageFake } from './usageHelpers';

describe('usage model: what the webview gets', () => {
  const { client } = useUsageFake({ seed: 3 });

  it('keeps chart datasets, totals, names and summary; drops per-bucket series values; leaves the host copy whole', async () => {
    const dashboard = new UsageDashboard(async () => client(), new OrgStore(async () => client()), { clock: () => CLOCK_MS });
    const selection = dashboard.normalize({ kind: 'completions', range: { preset: '24h' }, width: '1h', groupBy: ['model'] });
    const data = await dashboard.load(selection, new AbortController().signal, { fresh: true });
    assert.ok(data.view.series.length > 1 && data.view.series.every((s) => Object.keys(s.values).length > 0), 'the load has series values');
    const before = JSON.stringify(data);

    const sent = webviewData(data);
    assert.equal(JSON.stringify(data), before, 'the host copy is unchanged (exports read it)');
    assert.deepEqual(sent.chart, data.chart);
    assert.deepEqual(sent.summary, data.summary);
    assert.deepEqual(sent.view.buckets, data.view.buckets);
    assert.deepEqual(sent.view.series.map((s) => [s.key, s.label, s.names, s.totals]), data.view.series.map((s) => [s.key, s.label, s.names, s.totals]));
    assert.ok(sent.view.series.every((s) => Object.keys(s.values).length === 0));
    assert.ok(JSON.stringify(sent).length < before.length / 2, `${JSON.stringify(sent).length} of ${before.length} characters`);
  });
});
