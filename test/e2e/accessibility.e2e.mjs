// @ts-check
// Accessibility of every webview, checked the way an auditor would: axe-core (test/e2e/axe.mjs) run in
// the Usage & Costs panel, the Project panel and the Access Review (with a row's details open), each in
// the dark, light and High Contrast themes, switched in place in one code-server session; any serious
// or critical violation fails, and artifacts/a11y/<panel>-<theme>.json keeps the full report. Then the
// keyboard: Tab from the top of each panel reaches its main controls, and every stop shows a focus
// indicator. High Contrast screenshots go to artifacts/a11y/.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS } from '../../scripts/vscode/index.mjs';
import { focused, runAxe, webviewFrame } from './axe.mjs';
import { withVSCode } from './fixture.mjs';

/**
 * Each theme's label in the Color Theme picker (its setting id is "Default <label>", e.g. "Default
 * Dark Modern"), the workbench's class and the webview's body class.
 */
const THEMES = [
  { id: 'dark', label: 'Dark Modern', workbench: 'vs-dark', body: 'vscode-dark' },
  { id: 'light', label: 'Light Modern', workbench: 'vs', body: 'vscode-light' },
  { id: 'high-contrast', label: 'Dark High Contrast', workbench: 'hc-black', body: 'vscode-high-contrast' },
];

/** @param {import('playwright-core').Page} page */
const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/**
 * Switches the colour theme in place through Preferences: Color Theme, and waits until the workbench
 * and the open webview both wear it.
 * @param {import('playwright-core').Page} page
 * @param {import('./workbench.mjs').Workbench} vs
 * @param {typeof THEMES[number]} theme
 */
async function setTheme(page, vs, theme) {
  if (!(await page.locator(`.monaco-workbench.${theme.workbench}`).count())) {
    // The palette's first match can be "Browse Color Themes in Marketplace": pick the exact entry.
    await page.keyboard.press('F1');
    const input = vs.quickInputBox();
    await input.fill('>Preferences: Color Theme');
    await vs.quickInput().locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^Preferences: Color Theme$/ }) }).first().click();
    await vs.quickInput().locator('.monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
    // Typed, so the list narrows to the one theme; a text no installed theme matches would start a
    // marketplace search instead.
    await input.fill(theme.label);
    const row = vs.quickInput().locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${theme.label}$`) }) }).first();
    await row.click();
    await vs.quickInput().waitFor({ state: 'hidden' });
    await page.locator(`.monaco-workbench.${theme.workbench}`).waitFor();
  }
  await webview(page).locator(`body.${theme.body}`).waitFor();
  await page.waitForTimeout(300); // the panels repaint (chart colours) on the body's class change
}

/**
 * Presses Tab from the top of the panel until focus leaves it (or `max` presses), and returns each
 * stop: what was focused and whether a focus indicator was drawn.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Frame} frame
 */
async function tabStops(page, frame, max = 60) {
  // Focus the document itself (a click in the page's top-left padding, where no control is), then
  // start from its first focusable element.
  await frame.evaluate(() => window.scrollTo(0, 0));
  const box = await (await frame.frameElement()).boundingBox();
  if (!box) throw new Error('the webview is not on screen');
  await page.mouse.click(box.x + 4, box.y + 4);
  await frame.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await focused(frame);
    if (stop.body) break;
    stops.push(stop);
  }
  return stops;
}

/** What a stop looks like in a failure message (and what the `wanted` patterns match). */
const stopText = (/** @type {{ tag: string, id: string, name: string, inner: string }} */ s) => `${s.tag}${s.id ? `#${s.id}` : ''}${s.inner !== s.tag ? ` > ${s.inner}` : ''} "${s.name}"`;

/**
 * Checks the keyboard stops of a panel: each `wanted` pattern matches some stop's description, and
 * every stop shows a focus indicator. Returns the problems found.
 * @param {string} panel
 * @param {Awaited<ReturnType<typeof tabStops>>} stops
 * @param {RegExp[]} wanted
 */
function keyboardProblems(panel, stops, wanted) {
  const seen = stops.map(stopText);
  return [
    ...wanted.filter((re) => !seen.some((s) => re.test(s))).map((re) => `${panel}: Tab never reaches ${re} (first stops: ${seen.slice(0, 30).join(' | ')})`),
    ...stops.filter((s) => !s.indicator).map((s) => `${panel}: no visible focus indicator on ${stopText(s)}`),
  ];
}

/**
 * What the fixture hands a test (test/e2e/fixture.mjs).
 * @typedef {{ page: import('playwright-core').Page, vs: import('./workbench.mjs').Workbench, fake: any }} Session
 */

/**
 * One code-server session for the whole file (starting one costs more than a panel's checks): the
 * fixture runs until `after` lets it finish.
 * @param {object} options withVSCode's options
 * @returns {{ session: () => Session }}
 */
function sharedSession(options) {
  /** @type {Session} */
  let current;
  /** @type {() => void} */
  let release = () => {};
  /** @type {Promise<unknown> | undefined} */
  let finished;
  before(async function () {
    this.timeout(180_000);
    await new Promise((ready, fail) => {
      finished = withVSCode(options, (/** @type {Session} */ s) => {
        current = s;
        ready(undefined);
        return new Promise((r) => { release = () => r(undefined); });
      }).catch(fail);
    });
  });
  after(async () => {
    release();
    await finished;
  });
  return { session: () => current };
}

/**
 * Runs axe in every theme, starting with the one on screen (fewer switches), saves each report and
 * the High Contrast screenshot, and returns the serious and critical violations.
 * @param {import('playwright-core').Page} page
 * @param {import('./workbench.mjs').Workbench} vs
 * @param {string} panel
 */
async function audit(page, vs, panel) {
  const onScreen = [];
  for (const t of THEMES) if (await page.locator(`.monaco-workbench.${t.workbench}`).count()) onScreen.push(t);
  const order = [...onScreen, ...THEMES.filter((t) => !onScreen.includes(t))];
  /** @type {string[]} */
  const failures = [];
  for (const theme of order) {
    const t0 = Date.now();
    await setTheme(page, vs, theme);
    failures.push(...await runAxe(await webviewFrame(page), `${panel}-${theme.id}`));
    if (theme.id === 'high-contrast') {
      await vs.settle();
      // Into artifacts only: a test run never edits the repository (docs/screenshots/ holds copies
      // chosen by hand from here).
      await page.screenshot({ path: join(ARTIFACTS, 'a11y', `${panel}-high-contrast.png`) });
    }
    if (process.env.HARNESS_VERBOSE) console.log(`      ${panel} in ${theme.id}: ${Date.now() - t0} ms`);
  }
  return failures;
}

describe('accessibility of the webviews (axe-core, keyboard)', function () {
  this.timeout(180_000); // per test, on a busy 2-core machine
  const { session } = sharedSession({ theme: 'dark', key: 'sk-admin-demo' });

  describe('Usage & Costs', () => {
    it('has no serious or critical axe violation in dark, light and High Contrast', async () => {
      const { page, vs } = session();
      await vs.openContainer();
      await vs.viewTitleAction('Open Usage & Costs');
      const usage = webview(page);
      await usage.locator('.legend li').first().waitFor({ state: 'visible' });
      await usage.locator('main[aria-busy="false"]').waitFor();
      // The chart's text alternative: its name states the data, and its data table opens from the keyboard.
      assert.match(await usage.locator('canvas').getAttribute('aria-label') ?? '', /^Costs by day, .+: total \$[\d,.]+, highest \$[\d,.]+ on \w{3} \d+; \d+ series, largest .+ \(\$[\d,.]+\)\.$/);
      assert.equal(await usage.locator('[data-chart-summary]').textContent(), await usage.locator('canvas').getAttribute('aria-label'));
      await usage.locator('#chart-data-toggle').focus();
      await page.keyboard.press('Enter');
      await usage.locator('table#chart-data tbody tr').nth(25).waitFor();
      const failures = await audit(page, vs, 'usage');
      await usage.locator('#chart-data-toggle').click(); // closed again for the Tab walk
      assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
    });

    it('Tab reaches every control, each with a visible focus indicator', async () => {
      const { page } = session();
      const problems = keyboardProblems('usage', await tabStops(page, await webviewFrame(page)), [
        /#ctl-usage/, /#ctl-range/, /#ctl-group-by/, /"Refresh"/, /"Export CSV"/, /"Chart data as a table"/, /^button "Project"/,
      ]);
      assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
    });
  });

  describe('Project', () => {
    it('has no serious or critical axe violation in dark, light and High Contrast', async () => {
      const { page, vs, fake } = session();
      await vs.runCommand('View: Close All Editors');
      // The project with the most members and keys, so every section has rows.
      const state = await fake.state();
      const [project] = state.projects
        .filter((/** @type {any} */ p) => p.status === 'active')
        .sort((/** @type {any} */ a, /** @type {any} */ b) => (state.projectData[b.id].members.length + state.projectData[b.id].apiKeys.length) - (state.projectData[a.id].members.length + state.projectData[a.id].apiKeys.length));
      await vs.runCommand('OpenAI Admin: Open Project');
      const search = await vs.promptInput({ title: 'Open Project' });
      await search.fill(project.id);
      await vs.quickInput().locator('.monaco-list-row', { hasText: project.id }).first().waitFor();
      await search.press('Enter');
      const view = webview(page);
      await view.locator('#rateLimits table.rate-limits').waitFor({ state: 'visible', timeout: 60_000 });
      await view.locator('main[aria-busy="false"]').waitFor({ timeout: 60_000 });
      const failures = await audit(page, vs, 'project');
      assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
    });

    it('Tab reaches the section buttons, the fields, selects and buttons, each with a visible focus indicator', async () => {
      const { page } = session();
      const problems = keyboardProblems('project', await tabStops(page, await webviewFrame(page), 80), [
        /^button "Rate limits"/, /^vscode-textfield#project-name > input/, /^vscode-button "Copy"/, /^vscode-single-select > div "Project role of /,
      ]);
      assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
    });
  });

  describe('Access Review', () => {
    it("has no serious or critical axe violation in dark, light and High Contrast, with a row's details open", async () => {
      const { page, vs } = session();
      await vs.runCommand('View: Close All Editors');
      await vs.runCommand('OpenAI Admin: Access Review');
      const review = webview(page);
      await review.locator('table.review tr.row').first().waitFor({ state: 'visible', timeout: 120_000 });
      await review.locator('main[aria-busy="false"]').waitFor({ timeout: 120_000 });
      await review.locator('table.review tr.row td:nth-child(3)').first().click();
      await review.locator('.details h2').waitFor();
      const failures = await audit(page, vs, 'access-review');
      assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
    });

    it('Tab reaches the toolbar, the sort headers and the rows; arrow keys move through the virtualized rows', async () => {
      const { page } = session();
      const review = webview(page);
      const problems = keyboardProblems('access-review', await tabStops(page, await webviewFrame(page)), [
        /"Refresh"/, /#ctl-search/, /#ctl-project/, /^button "Name"/, /^button "API keys"/, /^tr /,
      ]);
      assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
      // Sorting from the keyboard: Enter on a header's button sorts and the header says so.
      await review.locator('th[data-col="keys"] button').focus();
      await page.keyboard.press('Enter');
      await review.locator('th[data-col="keys"][aria-sort="descending"]').waitFor();
      // The rows: one is in the tab order; arrow keys move the focus and the selection.
      const first = review.locator('table.review tr.row[tabindex="0"]');
      await first.focus();
      const before = Number(await first.getAttribute('aria-rowindex'));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const frame = await webviewFrame(page);
      assert.equal(Number(await frame.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))), before + 2, 'ArrowDown moves the focus down the rows');
      await page.keyboard.press('Enter');
      await review.locator('.details h2').waitFor();
    });
  });
});
