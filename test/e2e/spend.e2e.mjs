// @ts-check
// Spend at a glance as a person sees it: after the first look at the explorer the status bar shows
// this month's organization cost, its tooltip names the top projects, the limit and the forecast,
// and it is coloured as a warning when the forecast passes the limit; a click opens Usage & Costs on
// this month, where a spike put into the fake's costs is marked on the chart and listed under it,
// next to the month's forecast and the spend limit.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { screenshot } from '../../scripts/vscode/index.mjs';
import { withVSCode } from './fixture.mjs';

const DAY = 86_400;

/** @param {{ adminKey: string }} fake */
const auth = (fake) => ({ authorization: `Bearer ${fake.adminKey}`, 'content-type': 'application/json' });

/**
 * The project with the largest costs this month, straight from the fake.
 * @param {{ url: string, adminKey: string }} fake
 */
async function topProject(fake, start) {
  const res = await fetch(`${fake.url}/organization/costs?start_time=${start}&group_by=project_id&limit=31`, { headers: auth(fake) });
  assert.equal(res.status, 200);
  /** @type {Map<string, number>} */
  const totals = new Map();
  for (const b of (await res.json()).data) for (const r of b.results) totals.set(r.project_id, (totals.get(r.project_id) ?? 0) + r.amount.value);
  return [...totals].sort((a, b) => b[1] - a[1])[0][0];
}

/** @param {import('playwright-core').Page} page */
const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

describe('spend at a glance', function () {
  // Three views, a webview and a chart on a 2-core machine shared with other runs.
  this.timeout(300_000);
  it('the status bar item, its tooltip and warning; a click shows anomalies and the forecast on the costs chart (dark)', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
      const now = Math.floor(Date.now() / 1000);
      const today = Math.floor(now / DAY) * DAY;
      const d = new Date(now * 1000);
      const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
      // A spike three days ago (within this month), twenty times the project's usual cost.
      const spikeDay = Math.max(monthStart, today - 3 * DAY);
      const project = await topProject(fake, monthStart);
      const origin = new URL(fake.url).origin;
      const spiked = await fetch(`${origin}/__fake/cost-spikes`, { method: 'POST', body: JSON.stringify({ project_id: project, day: new Date(spikeDay * 1000).toISOString().slice(0, 10), factor: 20 }) });
      assert.equal(spiked.status, 200);
      // A limit the month will pass: the item turns into a warning.
      const limited = await fetch(`${fake.url}/organization/spend_limit`, { method: 'POST', headers: auth(fake), body: JSON.stringify({ threshold_amount: 100_000, currency: 'USD', interval: 'month' }) });
      assert.equal(limited.status, 200);

      // Activation made no request, so there is no item yet; the first look at the tree starts it.
      assert.equal(await vs.statusBar().getByText(/this month/).count(), 0);
      await vs.openContainer();
      const item = vs.statusBar().locator('.statusbar-item').filter({ hasText: /this month/ });
      await item.waitFor({ state: 'visible', timeout: 60_000 });
      assert.match((await item.innerText()).trim(), /^\$[\d,]+ this month$/);
      const background = await item.evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the warning colour is on');
      assert.ok(await item.evaluate((el) => el.classList.contains('warning-kind') || el.style.backgroundColor !== ''), 'drawn with statusBarItem.warningBackground');

      await item.hover();
      const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Top projects' });
      await hover.waitFor({ state: 'visible' });
      const tip = (await hover.innerText()).replace(/\u00a0/g, ' ');
      assert.match(tip, /Spend limit: \$1,000\.00/);
      assert.match(tip, /forecast for the month's end/);
      assert.match(tip, /exceeds the spend limit/);
      await screenshot(page, join('e2e', 'spend-status-tooltip-dark'));

      await item.click();
      const view = webview(page);
      await view.locator('.insights table.anomalies tbody tr').first().waitFor({ state: 'visible', timeout: 60_000 });
      await view.locator('main[aria-busy="false"]').waitFor();
      const rows = await view.locator('.insights table.anomalies tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
      const dayLabel = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(spikeDay * 1000));
      assert.ok(rows.some((r) => r[1] === dayLabel && /×$/.test(r[4] ?? '')), `the spike is listed: ${JSON.stringify(rows)}`);
      assert.equal(await view.locator('.insights table.anomalies caption').count(), 1, 'a real table with a caption');
      assert.match(await view.locator('.insights .forecast').innerText(), /^Forecast for the month's end: \$[\d,.]+/);
      assert.deepEqual(await view.locator('.chart-key li').allTextContents(), ['Anomaly', 'This month so far (right axis)', 'Forecast', 'Spend limit']);
      await shot('spend-costs-anomalies-forecast-dark');
      await view.locator('.insights').scrollIntoViewIfNeeded();
      await shot('spend-costs-anomaly-table-dark');
    }));
});
