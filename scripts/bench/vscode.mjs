// @ts-check
// Figures 3 and 4 in the real extension host: code-server with the production bundles, driven by a
// browser (playwright-core + Chromium) for what the user sees and by test/bench/extensionHost.ts for
// what only the extension host can do. See definitions.mjs for exactly what each number is.
import { join } from 'node:path';
import { ARTIFACTS, assertCodeServerInstalled, screenshot, sleep, startCodeServer, withTimeout } from '../vscode/index.mjs';
import { startBenchFake } from './fake.mjs';
import { startHostControl } from './hostControl.mjs';
import { median, spread } from './stats.mjs';
import { buildHostSuite, openWorkbenchPage, stageProductionExtension } from './workbench.mjs';

const EXTENSION_ID = 'openai-admin-explorer.openai-admin-explorer';
const BUDGET = { activationMs: 25, extensionBytes: 700_000, webviewBytes: 300_000, orgFileBytes: 300_000, orgCodeBytes: 350_000, rowsMs: 1000, memoryBytes: 100 * 2 ** 20 };
/** Bundles with a budget of their own (test/unit/bundleSize.test.ts): the org file's parser loads only when an org file is opened. */
// The same split as test/unit/bundleSize.test.ts: the org-file parser and the org-code commands load only
// when an org file is opened or one of its commands runs, so each has its own budget.
const OWN_BUDGET = {
  'dist/orgFile.js': { name: 'Org file parser orgFile.js (minified, loaded when a *.openai-org.yaml opens)', bytes: BUDGET.orgFileBytes },
  'dist/orgCode.js': { name: 'Org-code commands orgCode.js (minified, loaded when Export/Compare/Plan/Apply first runs)', bytes: BUDGET.orgCodeBytes },
};
/** The command-line tool (npm run org): plain Node, never loaded by the extension host, not in the .vsix. */
const NOT_HOST = new Set(['dist/cli.js']);
const PAGE = 100;
const TREE = '.customview-tree';
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** VS Code's own record of our activation, from the Developer: Startup Performance document. */
function activationStats(perfText) {
  const line = perfText.split('\n').find((l) => l.startsWith(`| ${EXTENSION_ID} `));
  if (!line) return undefined;
  const cells = line.split('|').map((c) => c.trim()).filter(Boolean);
  const [, eager, loadCode, callActivate, finishActivate, event] = cells;
  return { eager: eager === 'true', loadCode: Number(loadCode), callActivate: Number(callActivate), finishActivate: Number(finishActivate), event };
}

/** A project with `count` members, created through the fake's API (not through the extension). */
async function createBigProject(fake, count, users) {
  const call = async (method, path, body) => {
    const res = await fetch(`${fake.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${fake.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`set-up ${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json();
  };
  const project = await call('POST', '/organization/projects', { name: `Bench project with ${count} members` });
  const wanted = users.slice(0, count);
  for (let i = 0; i < wanted.length; i += 16) {
    await Promise.all(wanted.slice(i, i + 16).map((u) => call('POST', `/organization/projects/${project.id}/users`, { user_id: u.id, role: 'member' })));
  }
  // In the order the API lists them (the adds ran 16 at a time).
  return { project, members: await listAll(fake, `/organization/projects/${project.id}/users`) };
}

/** Every page of an org-level list straight from the fake (the reference for labels and cursors). */
async function listAll(fake, path) {
  const out = [];
  let after = '';
  for (let i = 0; i < 1000; i++) {
    const res = await fetch(`${fake.url}${path}?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`, { headers: { authorization: `Bearer ${fake.adminKey}` } });
    const body = await res.json();
    out.push(...body.data);
    if (!body.has_more) return out;
    after = body.last_id;
  }
  throw new Error(`${path}: more than 1,000 pages`);
}

/** Arms a watcher in the page for a row at `level`/`posinset` whose aria-label contains `label`. */
async function armRowWatcher(page, { level, pos, label }) {
  await page.evaluate(({ level, pos, label, tree }) => {
    const selector = `${tree} .monaco-list-row[aria-level="${level}"][aria-posinset="${pos}"]`;
    const found = () => [...document.querySelectorAll(selector)].some((r) => (r.getAttribute('aria-label') ?? '').includes(label));
    /** @type {any} */ (window).__oaeRowShown = new Promise((resolve) => {
      if (found()) return resolve(Date.now());
      const observer = new MutationObserver(() => {
        if (found()) {
          observer.disconnect();
          resolve(Date.now());
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-posinset', 'aria-label', 'aria-level'] });
    });
  }, { level, pos, label, tree: TREE });
}

const rowShown = (page, what) => withTimeout(page.evaluate(() => /** @type {any} */ (window).__oaeRowShown), 60_000, `row of ${what} in the DOM`);

/**
 * Brings the end of the explorer into view (the list is virtual: only rows in view are in the DOM):
 * focus the view and press End, as a keyboard user would.
 */
async function scrollTreeToEnd(page, host) {
  await host.call('command', 'openaiAdmin.explorer.focus');
  await page.keyboard.press('End');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function clickRow(page, level, text) {
  const row = page.locator(`${TREE} .monaco-list-row[aria-level="${level}"]`, { hasText: text }).last();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
}

/** When the fake finished sending the response to the request matching `match` (ms since the epoch). */
async function responseEnd(fake, match, what) {
  const records = await fake.requests();
  const hit = records.filter(match).pop();
  if (!hit?.endedAt) throw new Error(`the fake has no finished request for ${what}`);
  return hit.endedAt;
}

const queryOf = (r) => new URLSearchParams(r.query ?? '');

export async function figuresVscode({ quick, log, notes }) {
  assertCodeServerInstalled();
  const PROJECTS = quick ? 300 : 2000;
  const USERS = quick ? 2_000 : 10_000;
  const BIG = quick ? 200 : 1000;
  const TARGET_NODES = quick ? 1_000 : 10_000;
  const SAMPLES = quick ? 2 : 7;
  const SETTLE_MS = quick ? 1000 : 4000;

  log('  building the production bundles and the extension-host suite…');
  const [staged, suite] = await Promise.all([stageProductionExtension(), buildHostSuite()]);
  const rows = [];

  // Figure 3b: sizes (deterministic; also checked by test/unit/bundleSize.test.ts).
  const hostSide = staged.sizes.filter((s) => !s.file.includes('webviews/') && !(s.file in OWN_BUDGET) && !NOT_HOST.has(s.file));
  const hostBytes = hostSide.reduce((a, s) => a + s.bytes, 0);
  rows.push({
    figure: '3', name: 'Extension bundle (minified)', ours: kb(hostBytes), reference: hostSide.map((s) => `${s.file.replace('dist/', '')} ${kb(s.bytes)}`).join(' + '),
    ratio: '', budget: `≤ ${kb(BUDGET.extensionBytes)}`, pass: hostBytes <= BUDGET.extensionBytes,
    why: hostBytes <= BUDGET.extensionBytes ? undefined : `${kb(hostBytes)} > ${kb(BUDGET.extensionBytes)}`,
  });
  for (const own of staged.sizes.filter((s) => s.file in OWN_BUDGET)) {
    const { name, bytes } = OWN_BUDGET[/** @type {keyof typeof OWN_BUDGET} */ (own.file)];
    rows.push({
      figure: '3', name, ours: kb(own.bytes), reference: '', ratio: '', budget: `≤ ${kb(bytes)}`, pass: own.bytes <= bytes,
      why: own.bytes <= bytes ? undefined : `${kb(own.bytes)} > ${kb(bytes)}`,
    });
  }
  for (const w of staged.sizes.filter((s) => s.file.includes('webviews/'))) {
    rows.push({
      figure: '3', name: `Webview bundle ${w.file.replace('dist/webviews/', '')} (minified)`, ours: kb(w.bytes), reference: '', ratio: '',
      budget: `≤ ${kb(BUDGET.webviewBytes)}`, pass: w.bytes <= BUDGET.webviewBytes, why: w.bytes <= BUDGET.webviewBytes ? undefined : `${kb(w.bytes)} > ${kb(BUDGET.webviewBytes)}`,
    });
  }

  log(`  starting the fake (${PROJECTS} projects, ${USERS} users) and a project with ${BIG} members…`);
  const fake = await startBenchFake({ projects: PROJECTS, users: USERS, extraArgs: ['--no-hostile'] });
  const users = await listAll(fake, '/organization/users');
  const big = await createBigProject(fake, BIG, users);
  const projects = await listAll(fake, '/organization/projects'); // active ones, in the tree's order
  if (projects[projects.length - 1].id !== big.project.id) throw new Error('the big project is not the last one listed');

  const host = await startHostControl({ log: quick ? () => {} : log });
  const codeServer = await startCodeServer({ machineSettings: { 'openaiAdmin.apiBaseUrl': fake.url }, env: { OAE_BENCH_CONTROL: host.url } });
  const wb = await openWorkbenchPage({ logFile: join(ARTIFACTS, 'bench', 'workbench.log') });
  const { page } = wb;
  const url = codeServer.workbenchUrl({ extensionDevelopmentPath: staged.dir, extensionTestsPath: suite });

  try {
    // Figure 3a: activation, in fresh extension hosts (one per workbench load), the first without a key.
    const samples = [];
    for (let i = 0; i < SAMPLES; i++) {
      const session = host.nextSession();
      if (i === 0) await page.goto(url);
      else await page.reload();
      await session;
      // Let the workbench finish starting (it shares this machine's two cores with the extension host).
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 120_000 });
      await sleep(SETTLE_MS);
      await fake.reset();
      const activated = await host.call('activate');
      if (activated.wasActive) throw new Error('the extension was already active before the bench activated it');
      await sleep(500); // anything activation started in the background has had time to reach the fake
      const requests = (await fake.stats()).total;
      await host.call('command', 'perfview.show');
      const stats = activationStats(await host.call('perf'));
      if (!stats) throw new Error('VS Code\'s startup performance report has no line for the extension');
      const own = /Activated in ([\d.]+) ms \(module load to ready ([\d.]+) ms\)/.exec(activated.logLine ?? '');
      if (!own) throw new Error(`no activation line in the extension's log (${activated.logLine})`);
      const loads = [];
      for (let j = 0; j < 3; j++) loads.push(await host.call('moduleLoad'));
      const moduleLoad = median(loads.map((l) => l.ms));
      const moduleCpu = median(loads.map((l) => l.cpuMs));
      const emptyLoad = median(loads.map((l) => l.baselineMs));
      const keyStored = i === 0 ? false : await host.call('hasKey');
      if (i > 0 && keyStored !== true) throw new Error(`session ${i + 1} started without the admin key stored in session 1`);
      samples.push({ ...stats, moduleLoad, moduleCpu, emptyLoad, ownActivate: Number(own[1]), ownReady: Number(own[2]), total: moduleLoad + Number(own[1]), requests, withKey: i > 0 });
      log(`  figure 3, activation ${i + 1}/${SAMPLES}${i > 0 ? ' (key stored)' : ''}: module load ${loads.map((l) => l.ms.toFixed(1)).join('/')} ms (CPU ${loads.map((l) => l.cpuMs.toFixed(1)).join('/')}; an empty module ${loads.map((l) => l.baselineMs.toFixed(1)).join('/')} ms) + activate() ${own[1]} ms; VS Code: load code ${stats.loadCode} ms, call activate ${stats.callActivate} ms; requests at the fake: ${requests}`);
      if (i === 0) {
        const stored = await host.call('setKey', fake.adminKey);
        if (stored !== true) throw new Error(`storing the admin key failed (${stored})`);
        // The workbench writes secrets to the browser's storage in the background; a reload right
        // away can come before the write (then the next hosts start without a key).
        await sleep(2000);
      }
      if (i < SAMPLES - 1) {
        const exited = wb.exited();
        host.exit();
        await withTimeout(exited, 30_000, 'the bench suite to finish');
      }
    }
    const activation = median(samples.map((s) => s.total));
    const requestsAtActivation = samples.reduce((a, s) => a + s.requests, 0);
    rows.push({
      figure: '3', name: 'Activation in the extension host (module load + activate())', ours: `${activation.toFixed(1)} ms`,
      reference: `VS Code's record: ${median(samples.map((s) => s.loadCode + s.callActivate)).toFixed(0)} ms`, ratio: '',
      budget: `≤ ${BUDGET.activationMs} ms, no request`, pass: activation <= BUDGET.activationMs && requestsAtActivation === 0,
      why: requestsAtActivation ? `${requestsAtActivation} request(s) during activation` : activation > BUDGET.activationMs ? `${activation.toFixed(0)} ms > ${BUDGET.activationMs} ms` : undefined,
      detail: {
        'module load (require of a fresh copy of dist/extension.js in the extension host, median of 3 per host)': spread(samples.map((s) => s.moduleLoad), 'ms', 1),
        'module load, CPU time of the extension host process during it': spread(samples.map((s) => s.moduleCpu), 'ms', 1),
        'module load of an empty module that only requires \'vscode\' (the host\'s own cost, not subtracted)': spread(samples.map((s) => s.emptyLoad), 'ms', 1),
        'activate() (the extension\'s own log)': spread(samples.map((s) => s.ownActivate), 'ms', 1),
        'load code (VS Code; in code-server this includes awaiting the localization service, i.e. the workbench)': spread(samples.map((s) => s.loadCode)),
        'call activate (VS Code)': spread(samples.map((s) => s.callActivate)),
        'finish activate (VS Code)': spread(samples.map((s) => s.finishActivate)),
        'extension log: module evaluated → activate() done (includes VS Code preparing the extension context)': spread(samples.map((s) => s.ownReady), 'ms', 1),
        'requests at the fake during activation': `${samples.map((s) => s.requests).join(', ')} (first without a key, then with one stored)`,
      },
    });

    // Figure 4: the tree, driven like a user in the browser.
    const baseline = await host.call('memory');
    const expansions = [];
    const measure = async (what, watch, act, match) => {
      await armRowWatcher(page, watch);
      const t0 = Date.now();
      await act();
      const shownAt = await rowShown(page, what);
      const dataAt = await responseEnd(fake, match, what);
      expansions.push({ what, ms: shownAt - dataAt, total: shownAt - t0 });
      log(`  figure 4, ${what}: data → rows ${shownAt - dataAt} ms (click → data ${dataAt - t0} ms)`);
    };

    // Projects: the folder opens expanded, so opening the view loads the first page.
    const projectPages = Math.ceil(projects.length / PAGE);
    await measure('Projects, page 1', { level: 2, pos: 2, label: projects[0].name },
      () => host.call('command', 'workbench.view.extension.openaiAdmin'),
      (r) => r.path === '/organization/projects' && !queryOf(r).get('after') && !queryOf(r).get('include_archived'));
    for (let k = 1; k < projectPages; k++) {
      await scrollTreeToEnd(page, host);
      await measure(`Projects, page ${k + 1}`, { level: 2, pos: 2 + k * PAGE, label: projects[k * PAGE].name },
        () => clickRow(page, 2, 'Load more…'),
        (r) => r.path === '/organization/projects' && queryOf(r).get('after') === projects[k * PAGE - 1].id);
    }
    await screenshot(page, 'bench/tree-projects');

    // The big project (the last one): open it, open Users, then Load more to the end.
    await scrollTreeToEnd(page, host);
    await clickRow(page, 2, big.project.name);
    const memberName = (i) => big.members[i].name || big.members[i].email;
    await scrollTreeToEnd(page, host);
    await measure('Users of the big project, page 1', { level: 4, pos: 1, label: memberName(0) },
      () => clickRow(page, 3, 'Users'),
      (r) => r.path === `/organization/projects/${big.project.id}/users` && !queryOf(r).get('after'));
    const userPages = Math.ceil(big.members.length / PAGE);
    for (let k = 1; k < userPages; k++) {
      await scrollTreeToEnd(page, host);
      await measure(`Users of the big project, page ${k + 1}`, { level: 4, pos: 1 + k * PAGE, label: memberName(k * PAGE) },
        () => clickRow(page, 4, 'Load more…'),
        (r) => r.path === `/organization/projects/${big.project.id}/users` && queryOf(r).get('after') === big.members[k * PAGE - 1].id);
    }
    await screenshot(page, 'bench/tree-users');

    // Members, until the explorer holds TARGET_NODES nodes (Load more through the command the row runs).
    const count = async (id) => (await host.call('treeChildren', id)).count;
    const loaded = async () => (await count(undefined)) + (await count('projects')) + (await count(`projects/${big.project.id}`))
      + (await count(`projects/${big.project.id}/users`)) + (await count('members').catch(() => 0));
    await scrollTreeToEnd(page, host);
    await clickRow(page, 1, 'Members');
    const memberLoads = [];
    let nodes = await loaded();
    for (let i = 0; i < 200 && nodes < TARGET_NODES; i++) {
      const r = await host.call('command', 'openaiAdmin.loadMore', 'members');
      memberLoads.push(r.ms);
      nodes += PAGE;
      if (i % 10 === 9) nodes = await loaded();
    }
    nodes = await loaded();
    const after = await host.call('memory');
    await screenshot(page, 'bench/tree-members');

    const heapGrowth = (after.heapUsed + after.external) - (baseline.heapUsed + baseline.external);
    const rssGrowth = after.rss - baseline.rss;
    const worst = Math.max(...expansions.map((e) => e.ms));
    rows.push({
      figure: '4', name: `Tree: data received → rows shown (${PROJECTS.toLocaleString('en-US')}-project org: ${projects.length.toLocaleString('en-US')} active in ${projectPages} pages; ${big.members.length.toLocaleString('en-US')} users in ${userPages} pages)`,
      ours: `${median(expansions.map((e) => e.ms)).toFixed(0)} ms median, ${worst} ms worst`, reference: `click → rows ${median(expansions.map((e) => e.total)).toFixed(0)} ms median`,
      ratio: '', budget: `≤ ${BUDGET.rowsMs} ms each`, pass: worst <= BUDGET.rowsMs,
      why: worst <= BUDGET.rowsMs ? undefined : `worst expansion ${worst} ms (${expansions.find((e) => e.ms === worst).what})`,
      detail: Object.fromEntries(expansions.map((e) => [e.what, `${e.ms} ms after the data (${e.total} ms after the click)`])),
    });
    rows.push({
      figure: '4', name: `Extension-host memory growth after ${nodes.toLocaleString('en-US')} tree nodes`,
      ours: mb(heapGrowth), reference: `RSS +${mb(rssGrowth)}`, ratio: '', budget: `≤ ${mb(BUDGET.memoryBytes)}`,
      pass: heapGrowth <= BUDGET.memoryBytes, why: heapGrowth <= BUDGET.memoryBytes ? undefined : `${mb(heapGrowth)} > ${mb(BUDGET.memoryBytes)}`,
      detail: {
        'JS heap + external after GC': `${mb(baseline.heapUsed + baseline.external)} after activation → ${mb(after.heapUsed + after.external)}`,
        RSS: `${mb(baseline.rss)} → ${mb(after.rss)}`,
        'Members Load more in the extension host (request + provider, not the DOM)': spread(memberLoads),
      },
    });
    if (quick) notes.push(`--quick: figure 4 uses ${PROJECTS} projects, a ${BIG}-member project and ${nodes} nodes (the full run: 2,000 projects, 1,000 members, 10,000 nodes).`);
    host.exit();
    return rows;
  } catch (err) {
    await screenshot(page, 'bench/failure').catch(() => undefined);
    throw err;
  } finally {
    await wb.close();
    await codeServer.stop();
    await host.close();
    await fake.stop();
  }
}
