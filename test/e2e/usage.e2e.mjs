// @ts-check
// The Usage & Costs panel as a person sees it: opened from the Organization view's title, in a dark and a light theme,
// with a hostile project name shown as text in the legend and the table, controls that reload the
// chart, a live theme switch, and the panel coming back after a window reload.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withVSCode } from './fixture.mjs';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script> "Ünïcode" & co';

const auth = (fake) => ({ authorization: `Bearer ${fake.adminKey}`, 'content-type': 'application/json' });

/**
 * Renames the project with the largest costs over the last 30 days that can be renamed (not the
 * default project, not archived), straight at the fake, so the name is in the legend and the table.
 */
async function nameTopProject(fake, name) {
  const start = Math.floor(Date.now() / 1000) - 31 * 86_400;
  const res = await fetch(`${fake.url}/organization/costs?start_time=${start}&group_by=project_id&limit=180`, { headers: auth(fake) });
  assert.equal(res.status, 200);
  const totals = new Map();
  for (const b of (await res.json()).data) for (const r of b.results) totals.set(r.project_id, (totals.get(r.project_id) ?? 0) + r.amount.value);
  for (const [id] of [...totals].sort((a, b) => b[1] - a[1])) {
    const renamed = await fetch(`${fake.url}/organization/projects/${id}`, { method: 'POST', headers: auth(fake), body: JSON.stringify({ name }) });
    if (renamed.status === 200) return id;
  }
  throw new Error('no project with costs could be renamed');
}

const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/** The Organization view's "Open Usage & Costs" title action opens the panel; resolves once the legend is drawn. */
async function openFromTree(page, vs) {
  await vs.openContainer();
  await vs.viewTitleAction('Open Usage & Costs');
  const view = webview(page);
  await view.locator('.legend li').first().waitFor({ state: 'visible' });
  await view.locator('main[aria-busy="false"]').waitFor();
  return view;
}

/**
 * Waits until no legend label is a bare id with this prefix: the chart is drawn first, and names
 * for projects, users and keys follow from the org store. Returns the labels.
 */
async function namesShown(view, prefix) {
  for (let i = 0; i < 150; i++) {
    const labels = await view.locator('.legend-label').allTextContents();
    if (labels.length && !labels.some((l) => l.startsWith(prefix))) return labels;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`legend still shows ${prefix} ids: ${JSON.stringify(await view.locator('.legend-label').allTextContents())}`);
}

/**
 * Everything in the webview that could only be there if a name had become markup or code. (Outside
 * the panel's #app there are two scripts: VS Code's own shim and the panel's bundle.)
 */
function injected(view) {
  return view.locator('body').evaluate((body) => ({
    elements: body.querySelectorAll('img, svg, iframe, object, embed, #app script, #app style, #app link').length,
    pwned: document.title !== 'Usage & Costs' ? document.title : '',
  }));
}

/**
 * Picks an option of a vscode-single-select by its label (the dropdown lives in the element's shadow
 * root) and waits until the select holds it. Controls are disabled while the panel loads, and a click
 * that lands then is lost, so a pick that did not take is tried again once the panel is idle.
 */
async function choose(view, id, label) {
  const select = view.locator(`#${id}`);
  const value = await select.locator('vscode-option', { hasText: label }).first().getAttribute('value');
  for (let attempt = 1; ; attempt++) {
    await view.locator('main[aria-busy="false"]').waitFor();
    await select.click();
    await view.locator(`#${id} li.option`, { hasText: label }).first().click();
    for (let i = 0; i < 30; i++) {
      if (await select.evaluate((el) => el.value) === value) return;
      await view.locator('body').page().waitForTimeout(100);
    }
    if (attempt === 3) throw new Error(`#${id} did not take "${label}" (${value}) after ${attempt} tries; it holds ${await select.evaluate((el) => el.value)}`);
    await view.locator('body').press('Escape');
  }
}

/**
 * Sets the Group by multi-select to exactly `labels`, as a person does: open it, click options on and
 * off, close it. The panel reloads once the picks settle.
 */
async function groupBy(view, labels) {
  await view.locator('main[aria-busy="false"]').waitFor();
  const select = view.locator('#ctl-group-by');
  await select.click();
  const options = select.locator('li.option');
  await options.first().waitFor();
  for (const option of await options.all()) {
    const label = (await option.textContent()).trim();
    const on = (await option.getAttribute('aria-selected')) === 'true';
    if (on !== labels.includes(label)) await option.click();
  }
  await select.press('Escape');
  return select.evaluate((el) => el.value);
}

describe('usage & costs panel', () => {
  for (const theme of ['dark', 'light']) {
    it(`draws costs per project with a hostile project name as plain text (${theme})`, () =>
      withVSCode({ theme, key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
        const dialogs = [];
        page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
        await nameTopProject(fake, HOSTILE);
        const view = await openFromTree(page, vs);

        const legend = await namesShown(view, 'proj_');
        assert.ok(legend.includes(HOSTILE), `legend: ${JSON.stringify(legend)}`);
        const rowHeads = await view.locator('#usage-table tbody th').allTextContents();
        assert.ok(rowHeads.includes(HOSTILE), 'the table shows the name as text');
        assert.ok((await view.locator('.ranked-label').allTextContents()).includes(HOSTILE), 'top projects show it as text');
        assert.deepEqual(await injected(view), { elements: 0, pwned: '' });
        assert.deepEqual(dialogs, [], 'no dialog opened');

        // Native look: the controls are vscode-elements, colours come from the theme.
        assert.equal(await view.locator('vscode-single-select').count() >= 5, true);
        const figure = await view.locator('.card .figure').first().textContent();
        assert.match(figure, /^\$[\d,]+\.\d\d$/);
        await shot(`usage-${theme}`);
      }));
  }

  it('groups costs by API key: each key named with its owner and project, resolved after the chart', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, shot }) => {
      const view = await openFromTree(page, vs);
      assert.deepEqual(await groupBy(view, ['API key']), ['api_key_id']);
      await view.locator('#usage-table thead th', { hasText: /^API key$/ }).first().waitFor();
      await view.locator('main[aria-busy="false"]').waitFor();
      const legend = await namesShown(view, 'key_');
      // "name (sk-…abcd) · owner · project"; project-level costs have no key.
      const keys = legend.filter((l) => l !== '(none)' && !/^Other \(/.test(l));
      assert.ok(keys.length > 0 && keys.every((l) => /^(?:[\s\S]* \()?sk-(proj|svcacct)\.\.\.\w{4}\)? · [\s\S]+ · [\s\S]+$/.test(l)), JSON.stringify(legend));
      const rows = await view.locator('#usage-table tbody th').allTextContents();
      assert.ok(rows.every((r) => !r.startsWith('key_')), JSON.stringify(rows));
      // The raw id is the row's hover text.
      assert.match(await view.locator('#usage-table tbody th', { hasText: keys[0] }).first().getAttribute('title'), /^key_/);
      await view.locator('body').evaluate(() => window.scrollTo(0, 0));
      await shot('usage-costs-by-api-key-dark');
      await view.locator('#usage-table').scrollIntoViewIfNeeded();
      await shot('usage-costs-by-api-key-table-dark');
    }));

  for (const theme of ['dark', 'light']) {
    it(`draws Decisions usage grouped by API source, sources named, in the table, legend and chart (${theme})`, () =>
      withVSCode({ theme, key: 'sk-admin-demo' }, async ({ page, vs, fake, shot }) => {
        const view = await openFromTree(page, vs);
        await choose(view, 'ctl-usage', 'Decisions');
        await view.locator('.card h2', { hasText: 'Decisions: total tokens' }).waitFor();
        assert.deepEqual(await groupBy(view, ['API source']), ['api_source']);
        await view.locator('#usage-table thead th', { hasText: /^API source$/ }).first().waitFor();
        await view.locator('main[aria-busy="false"]').waitFor();

        const asked = (await fake.requests()).filter((r) => /\/organization\/usage\/decisions$/.test(r.path) && /group_by(\[\])?=api_source/.test(decodeURIComponent(r.query)));
        assert.ok(asked.length > 0, 'the panel asked the fake for Decisions by api_source');
        const heads = await view.locator('#usage-table thead th').allTextContents();
        assert.deepEqual(heads.slice(0, 2), ['API source', 'Total tokens']);
        assert.ok(heads.includes('Cache-write tokens (30 min)') && heads.includes('Cache-write tokens (12 h)'), heads.join(' | '));
        const rows = await view.locator('#usage-table tbody th').allTextContents();
        assert.deepEqual([...rows].sort(), ['Agents API', 'Unlabeled']);
        assert.deepEqual([...await view.locator('.legend-label').allTextContents()].sort(), ['Agents API', 'Unlabeled']);
        // The total row is the sum of the two sources (the integration test checks both against the fake).
        const tokens = (texts) => texts.map((t) => Number(t.replace(/,/g, '')));
        const perSource = tokens(await view.locator('#usage-table tbody tr td:nth-of-type(1)').allTextContents());
        const [total] = tokens(await view.locator('#usage-table tfoot td').first().allTextContents());
        assert.ok(perSource.every((n) => n > 0) && perSource[0] + perSource[1] === total, `${perSource} → ${total}`);
        assert.equal(await view.locator('canvas').first().evaluate((c) => c.style.visibility), '', 'the chart is drawn');
        await view.locator('body').evaluate(() => window.scrollTo(0, 0));
        await shot(`usage-decisions-by-api-source-${theme}`);
        // The table's many token columns scroll sideways inside the panel.
        await view.locator('#usage-table').scrollIntoViewIfNeeded();
        await shot(`usage-decisions-table-${theme}`);
      }));
  }

  it('controls reload the chart; the table sorts; a theme switch repaints; a window reload restores the panel', () =>
    withVSCode({ theme: 'dark', key: 'sk-admin-demo' }, async ({ page, vs, fake, codeServer, shot }) => {
      const view = await openFromTree(page, vs);

      await choose(view, 'ctl-usage', 'Completions');
      await view.locator('#usage-table thead th', { hasText: 'Total tokens' }).waitFor();
      await choose(view, 'ctl-range', 'Last 7 days');
      await view.locator('.card h2', { hasText: 'Completions: Total tokens' }).waitFor();
      await view.locator('main[aria-busy="false"]').waitFor();
      const requests = await fake.requests();
      const completions = requests.filter((r) => r.path === '/v1/organization/usage/completions' || r.path === '/organization/usage/completions');
      assert.ok(completions.length > 0, 'the panel asked the fake for completions');

      // Sort by the first column (project name), ascending, then check the order on screen.
      await view.locator('#usage-table thead th button', { hasText: 'Project' }).click();
      assert.equal(await view.locator('#usage-table thead th').first().getAttribute('aria-sort'), 'ascending');
      const names = await view.locator('#usage-table tbody th').allTextContents();
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
      await view.locator('body').evaluate(() => window.scrollTo(0, 0));
      await shot('usage-completions-dark');

      // Export from the panel's button: VS Code's save dialog (a path prompt in code-server) proposes a
      // file in the workspace; accepting it writes the CSV there.
      await view.locator('vscode-button', { hasText: 'Export CSV' }).click();
      const input = await vs.promptInput({ title: 'Export CSV' });
      const proposed = /openai-completions-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/;
      for (let i = 0; i < 50 && !proposed.test(await input.inputValue()); i++) await page.waitForTimeout(100); // the dialog fills in the name after the folder
      assert.match(await input.inputValue(), proposed);
      await input.press('Enter');
      let csv;
      for (let i = 0; i < 100 && !csv; i++) {
        csv = readdirSync(codeServer.folder).find((f) => f.endsWith('.csv'));
        if (!csv) await page.waitForTimeout(100);
      }
      assert.ok(csv, 'the CSV was written to the workspace folder');
      const lines = readFileSync(join(codeServer.folder, csv), 'utf8').trim().split('\r\n');
      assert.match(lines[0], /^bucket_start,bucket_end,project_id,project_name,total_tokens,input_tokens,/);
      assert.ok(lines.length > 8, `${lines.length} lines`);

      // A theme switch while the panel is open repaints the legend with the new theme's colours.
      const swatch = view.locator('.legend .swatch').first();
      const before = await swatch.evaluate((el) => getComputedStyle(el).backgroundColor);
      await vs.runCommand('Preferences: Toggle between Light/Dark Themes');
      await view.locator('body.vscode-light').waitFor();
      await page.waitForFunction(() => true);
      await assert.doesNotReject(async () => {
        for (let i = 0; i < 50; i++) {
          if (await swatch.evaluate((el) => getComputedStyle(el).backgroundColor) !== before) return;
          await page.waitForTimeout(100);
        }
        throw new Error(`the legend kept ${before} after the theme switch`);
      });
      await shot('usage-after-theme-switch');

      // After a window reload the panel is back, with the same selection, from its saved state.
      // Reloaded the way a person does (a bare page.reload() can leave before the workbench has
      // written its editors' state, so the panel would come back as first opened).
      assert.equal(await view.locator('#ctl-range').evaluate((el) => el.value), '7d');
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      await vs.runCommand('Developer: Reload Window');
      await reloaded;
      await vs.ready();
      const restored = webview(page);
      await restored.locator('.card h2', { hasText: 'Completions: Total tokens' }).waitFor({ timeout: 60_000 });
      assert.equal(await restored.locator('#ctl-range').evaluate((el) => el.value), '7d');
    }));
});
