// The spend status bar item in the real extension host against the fake: its text is the fake's
// month-to-date cost in the display language, its tooltip names the top projects and the limit,
// its warning colour follows the organization's spend limit, a click opens Usage & Costs on this
// month, and it hides without a key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { v1 } from './fixtures';
import { api, eventually, fake } from './helpers';

interface Bucket { start_time: number; results: Array<{ amount?: { value: number }; project_id?: string | null }> }

const DAY = 86_400;

/** This month's costs straight from the fake (UTC month, to the end of today). */
async function monthToDate(): Promise<number> {
  const now = new Date();
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
  const end = Math.floor(Date.now() / 1000 / DAY) * DAY + DAY;
  const res = await fetch(`${fake.url()}/organization/costs?start_time=${start}&end_time=${end}&limit=31`, { headers: { authorization: `Bearer ${fake.adminKey}` } });
  assert.equal(res.status, 200);
  const body = await res.json() as { data: Bucket[] };
  return body.data.reduce((s, b) => s + b.results.reduce((t, r) => t + (r.amount?.value ?? 0), 0), 0);
}

/** The tooltip as it reads (appendText writes spaces as &nbsp; and escapes Markdown punctuation). */
const read = (tooltip: string) => tooltip.replace(/&nbsp;/g, ' ').replace(/\\([()\[\]*_#.!-])/g, '$1');

const dollars = (v: number, digits = 0) => new Intl.NumberFormat(vscode.env.language, { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);

describe('spend status bar item', function () {
  this.timeout(90_000);
  let t: ExtensionTestApi;
  let limitBefore: { threshold_amount: number } | undefined;

  before(async () => {
    t = await api();
    assert.equal(await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey), true);
    const res = await fetch(`${fake.url()}/organization/spend_limit`, { headers: { authorization: `Bearer ${fake.adminKey}` } });
    limitBefore = res.ok ? await res.json() as { threshold_amount: number } : undefined;
  });
  after(async () => {
    // Leave the organization's limit as it was for the other suites.
    if (limitBefore) await v1('POST', '/organization/spend_limit', { threshold_amount: limitBefore.threshold_amount, currency: 'USD', interval: 'month' });
    else await fetch(`${fake.url()}/organization/spend_limit`, { method: 'DELETE', headers: { authorization: `Bearer ${fake.adminKey}` } });
    t.usagePanel.close();
  });

  it('shows this month\'s cost from the fake; the warning follows the spend limit against the forecast', async () => {
    await v1('POST', '/organization/spend_limit', { threshold_amount: 100, currency: 'USD', interval: 'month' });
    await t.spendStatus.refresh();
    const low = t.spendStatus.snapshot()!;
    low.tooltip = read(low.tooltip);
    assert.ok(low.visible, 'shown with a valid key');
    assert.equal(low.text, `$(graph) ${dollars(await monthToDate())} this month`);
    assert.ok(low.warning, `a forecast above a $1 limit is a warning: ${low.tooltip}`);
    assert.match(low.tooltip, /Spend limit: \$1\.00/);
    assert.match(low.tooltip, /exceeds the spend limit/);
    assert.match(low.tooltip, /Top projects/);

    const alerts = (await v1<{ data: Array<{ threshold_amount: number }> }>('GET', '/organization/spend_alerts?limit=100')).data;
    const mtd = await monthToDate();
    const crossed = alerts.some((a) => mtd >= a.threshold_amount / 100);
    await v1('POST', '/organization/spend_limit', { threshold_amount: 10_000_000_000, currency: 'USD', interval: 'month' });
    await t.spendStatus.refresh();
    const high = t.spendStatus.snapshot()!;
    high.tooltip = read(high.tooltip);
    assert.match(high.tooltip, /Spend limit: \$100,000,000\.00/);
    assert.doesNotMatch(high.tooltip, /exceeds the spend limit/);
    // With the limit out of reach, only a crossed spend alert can still colour the item.
    assert.equal(high.warning, crossed, high.tooltip);
  });

  it('a click opens Usage & Costs on this month\'s costs by project', async () => {
    const snap = t.spendStatus.snapshot()!;
    assert.equal(snap.command?.command, 'openaiAdmin.openUsage');
    await vscode.commands.executeCommand(snap.command!.command, ...(snap.command!.arguments ?? []));
    const today = new Date().toISOString().slice(0, 10);
    const report = await t.usagePanel.waitForRender((r) => r.status !== 'error' && r.selection.range.preset === 'custom', 30_000);
    assert.equal(report.selection.kind, 'costs');
    assert.deepEqual(report.selection.range, { preset: 'custom', from: `${today.slice(0, 8)}01`, to: today });
    assert.deepEqual(report.selection.groupBy, ['project_id']);
    // The costs view carries the forecast for the month the range reaches.
    assert.ok(report.insights.some((line) => /^Forecast for the month's end: /.test(line)), JSON.stringify(report.insights));
  });

  it('hides when the key is removed and comes back with it', async () => {
    await vscode.commands.executeCommand('openaiAdmin.clearAdminKey', { confirm: false });
    await eventually(() => t.spendStatus.snapshot()?.visible === false, 10_000, 'the item hides without a key');
    assert.equal(await vscode.commands.executeCommand('openaiAdmin.setAdminKey', fake.adminKey), true);
    await t.spendStatus.refresh();
    assert.equal(t.spendStatus.snapshot()?.visible, true);
  });
});
