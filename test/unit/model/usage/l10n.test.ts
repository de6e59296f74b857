// Usage & Costs in another display language: the model's labels are looked up when read (not when
// the module loaded, which is before activation configures @vscode/l10n), and the panel's numbers
// and dates follow the display language while English stays as the tests elsewhere expect it.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { bucketLabel, formatValue, rangeLabel } from '../../../../media/usage/format';
import { setDisplayLocale } from '../../../../src/model/locale';
import { stepLabel } from '../../../../src/model/usage/bars';
import { catalogue, ENDPOINTS } from '../../../../src/model/usage/catalogue';
import { chartSummary } from '../../../../src/model/usage/chartSummary';
import { usageTitle } from '../../../../src/model/usage/organizations';
import { queryRange } from '../../../../src/model/usage/range';

const DEC_1_2026 = Date.UTC(2026, 11, 1) / 1000;

describe('Usage & Costs: display language', () => {
  afterEach(() => {
    setDisplayLocale(undefined);
    l10n.config({ contents: {} });
  });

  it('reads the catalogue labels in the language configured after the module loaded', () => {
    assert.equal(ENDPOINTS.costs.metrics[0]!.label, 'Cost');
    l10n.config({ contents: { Cost: 'Kosten', Costs: 'Kosten (alle)', Project: 'Projekt', Projects: 'Projekte' } });
    assert.equal(ENDPOINTS.costs.metrics[0]!.label, 'Kosten');
    const costs = catalogue().find((k) => k.id === 'costs')!;
    // What the webview gets is plain data (JSON over postMessage), with the labels in it.
    const sent = JSON.parse(JSON.stringify(costs)) as typeof costs;
    assert.equal(sent.label, 'Kosten (alle)');
    assert.equal(sent.groupBy.find((g) => g.field === 'project_id')?.label, 'Projekt');
    assert.equal(sent.filters.find((f) => f.param === 'project_ids')?.label, 'Projekte');
    assert.equal(sent.metrics[0]!.key, 'amount', 'keys are never translated');
  });

  it('words plurals and sentences from the bundle', () => {
    l10n.config({ contents: { '1 day': '1 Tag', '{0} hours': '{0} Stunden', 'Usage & Costs — {0}': 'Nutzung & Kosten — {0}' } });
    assert.equal(stepLabel('1h', 24), '1 Tag');
    assert.equal(stepLabel('1h', 6), '6 Stunden');
    assert.equal(usageTitle([{ id: 'a', name: 'Acme' }, { id: 'b', name: 'Globex' }], 'b'), 'Nutzung & Kosten — Globex');
  });

  it('formats numbers, money and dates in the display language; English as before', () => {
    const tokens = { unit: 'tokens' as const };
    assert.equal(formatValue(tokens, 1234567.5), '1,234,567.5');
    assert.equal(formatValue({ unit: 'currency' }, 1284, 'usd'), '$1,284.00');
    assert.equal(formatValue({ unit: 'bytes' }, 1536), '1.5 KiB');
    assert.equal(bucketLabel(DEC_1_2026, '1d'), 'Dec 1');
    assert.equal(rangeLabel(DEC_1_2026, DEC_1_2026 + 7 * 86_400), 'Dec 1, 2026 – Dec 7, 2026 (UTC)');
    setDisplayLocale('de');
    assert.equal(formatValue(tokens, 1234567.5), '1.234.567,5');
    assert.equal(formatValue({ unit: 'currency' }, 1284, 'usd'), '1.284,00\u00a0$');
    assert.equal(formatValue({ unit: 'bytes' }, 1536), '1,5 KiB');
    assert.equal(bucketLabel(DEC_1_2026, '1d'), '1. Dez.');
  });

  it('the chart summary and the range error read in the display language', () => {
    setDisplayLocale('de');
    l10n.config({ contents: { '{0} by day, {1}': '{0} pro Tag, {1}', '{0}: nothing in this range.': '{0}: nichts in diesem Zeitraum.' } });
    const text = chartSummary({ what: 'Kosten', width: '1d', buckets: [DEC_1_2026], datasets: [], aggregate: 'sum' }, { value: String, bucket: String, range: 'R' });
    assert.equal(text, 'Kosten pro Tag, R: nichts in diesem Zeitraum.');
    assert.throws(() => queryRange({ preset: 'custom', from: '2000-01-01', to: '2026-12-01' }, '1d', DEC_1_2026), /This range spans 9\.832 days; at most 2\.880 can be shown/);
  });
});
