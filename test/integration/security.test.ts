// Security in the real extension host (API text shown only as text): hostile names from the fake's corpus in every row,
// tooltip, confirmation, progress title, notification and panel; strict CSP on both webviews; the
// base URL refused when a user points it at plain http elsewhere. Rendering in the browser (no
// script runs, no dialog, no clickable command link) is checked by test/e2e/security.e2e.mjs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readApiSettings } from '../../src/config';
import type { ExtensionTestApi } from '../../src/extension';
import { SECTION_IDS } from '../../src/model/project/types';
import type { ProjectReport } from '../../src/webviews/project/protocol';
import { HOSTILE_STRINGS } from '../fake-admin-api/hostile-strings';
import { api, eventually, fake, sleep } from './helpers';
import { connectedToFake, freshNode, runAsUser, v1 } from './fixtures';
import { recordings } from './leakRecorder';

/** How VS Code finds links in notification and progress text (vs/base/common/linkedText.ts); a match is clickable. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
/** A Markdown link in a tooltip whose brackets were not escaped by appendText. */
const UNESCAPED_MD_LINK = /(^|[^\\])\[[^\]]*\]\((command|javascript|https?):/;

const LINK_NAME = HOSTILE_STRINGS.find((s) => s.startsWith('[Open settings](command:'))!;
const HTML_NAME = HOSTILE_STRINGS.find((s) => s.startsWith('<img src=x onerror'))!;
const ICON_NAME = HOSTILE_STRINGS.find((s) => s.startsWith('$(alert)'))!;

/** The CSP of a panel's HTML as directive → sources. */
function csp(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;|&apos;/g, "'");
  assert.ok(content, 'no Content-Security-Policy meta tag');
  return new Map(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

function assertStrictHtml(html: string, what: string): void {
  const policy = csp(html);
  assert.deepEqual(policy.get('default-src'), ["'none'"], `${what}: default-src`);
  const scripts = policy.get('script-src') ?? [];
  assert.equal(scripts.length, 1, `${what}: script-src ${scripts.join(' ')}`);
  const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scripts[0]!)?.[1];
  assert.ok(nonce, `${what}: script-src is not a nonce: ${scripts[0]}`);
  const own = policy.get('style-src')!;
  for (const [directive, sources] of policy) {
    if (directive === 'default-src' || directive === 'script-src') continue;
    assert.deepEqual(sources, own, `${what}: ${directive} allows more than the extension's own files`);
  }
  for (const source of own) assert.doesNotMatch(source, /^(\*|https?:$|http:|data:|blob:|'unsafe)/, `${what}: source ${source}`);
  assert.ok(!policy.has('connect-src') && !policy.has('frame-src'), `${what}: the webview may connect or frame`);
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|<base\b|\son[a-z]+\s*=/i, `${what}: unsafe HTML`);
  const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(tags.length >= 1, `${what}: no script`);
  for (const [, attrs, body] of tags) {
    assert.ok(attrs!.includes(`nonce="${nonce}"`), `${what}: a script without the nonce`);
    assert.equal(body!.trim(), '', `${what}: an inline script`);
  }
  // Every URL in the page is one of the extension's own files, served from the webview's resource origin.
  const origin = own.find((s) => s.startsWith('https://'))?.replace(/\*\./, '') ?? '';
  for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    assert.ok(url!.includes(origin.replace(/^https:\/\//, '')) && /\/(dist\/webviews|media)\//.test(url!), `${what}: loads ${url}`);
  }
}

describe('security: hostile names, notifications, webviews, base URL', function () {
  this.timeout(120_000);
  connectedToFake();
  let t: ExtensionTestApi;
  before(async () => { t = await api(); });
  after(() => { t.projectPanel.close(); t.usagePanel.close(); });

  it('notifications, progress titles and the status bar never turn API text into a command link or an icon', async () => {
    const since = recordings().length;
    const texts: string[] = [];
    const p = await v1<{ id: string; name: string }>('POST', '/organization/projects', { name: LINK_NAME });
    const row = await freshNode(`projects/${p.id}`);
    // A failing rename: its progress title and error both name the project.
    await fake.setFaults({ method: 'POST', path: `^/organization/projects/${p.id}$`, kind: 'status', status: 500 });
    const renamed = await runAsUser('openaiAdmin.project.rename', [{ input: 'Renamed safely' }], row);
    await fake.clearFaults();
    texts.push(...renamed.user.errors, ...renamed.user.notes);
    assert.equal(renamed.user.errors.length, 1, 'the failure was not shown');
    // A service account and a group named with links and icon syntax.
    const sa = await runAsUser('openaiAdmin.serviceAccount.create', [{ input: ICON_NAME }, { pick: 'Member' }, { pick: 'No expiry' }, { info: undefined }], await freshNode(`projects/${p.id}/serviceAccounts`));
    texts.push(...sa.user.errors, ...sa.user.notes);
    const group = await runAsUser('openaiAdmin.group.create', [{ input: LINK_NAME }]);
    texts.push(...group.user.errors, ...group.user.notes);
    const archived = await runAsUser('openaiAdmin.project.archive', [{ confirm: true }], await freshNode(`projects/${p.id}`));
    assert.ok(archived.user.of('confirm')[0]!.text.includes('Open settings'), 'the confirmation names the project');
    const shown = recordings().slice(since);
    texts.push(...shown.filter((r) => ['progress', 'showErrorMessage', 'showWarningMessage', 'showInformationMessage'].includes(r.kind)).map((r) => r.text));
    assert.ok(shown.some((r) => r.kind === 'progress' && r.text.includes('Open settings')), 'no progress title named the project');
    for (const text of texts) assert.doesNotMatch(text, NOTIFICATION_LINK, `a clickable link in: ${text}`);
    for (const r of shown.filter((x) => x.kind === 'status bar')) {
      assert.doesNotMatch(r.text.replace(/^\$\((check|clippy)\) /, ''), /\$\(/, `icon syntax from API text in the status bar: ${r.text}`);
    }
  });

  it('tree rows show hostile names as text: labels unchanged, tooltips escaped, every kind that carries user text', async () => {
    const hostile = HOSTILE_STRINGS.filter((s) => s.trim() && s.length < 300);
    const p = await v1<{ id: string }>('POST', '/organization/projects', { name: HTML_NAME });
    const made = [
      ...await Promise.all(hostile.slice(0, 12).map((name, i) => v1<{ id: string; name: string }>('POST', `/organization/projects/${p.id}/service_accounts`, { name: `${name} ${i}` }))),
    ];
    const group = await v1<{ id: string; name: string }>('POST', '/organization/groups', { name: `${LINK_NAME} group` });
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    const folders = ['projects', 'members', 'groups', 'invites', 'adminKeys', 'auditLog', `projects/${p.id}/serviceAccounts`, `projects/${p.id}/apiKeys`];
    let checked = 0;
    for (const folder of folders) {
      for (const r of await t.treeChildren(folder)) {
        checked++;
        assert.doesNotMatch(r.tooltip ?? '', UNESCAPED_MD_LINK, `${r.id}: unescaped link in the tooltip`);
        assert.ok(r.label.length <= 201, `${r.id}: label of ${r.label.length} characters`);
      }
    }
    assert.ok(checked > 50, `only ${checked} rows`);
    const projectRow = (await t.treeChildren('projects')).find((r) => r.id === `projects/${p.id}`);
    assert.equal(projectRow?.label, HTML_NAME, 'the project name is not shown as it is');
    // Tooltips are built on hover (resolveTreeItem); the hook resolves them, so an absent one is a bug.
    const groupRow = (await t.treeChildren('groups')).find((r) => r.id === `groups/${group.id}`);
    assert.ok(groupRow?.tooltip?.includes('\\[Open') && groupRow.tooltip.includes('\\]\\(command:'), `the group's tooltip shows its name escaped: ${groupRow?.tooltip}`);
    const accounts = await t.treeChildren(`projects/${p.id}/serviceAccounts`);
    for (const sa of made) assert.equal(accounts.find((r) => r.id.endsWith(sa.id))?.label, sa.name);
    assert.equal((await t.treeChildren('groups')).find((r) => r.id === `groups/${group.id}`)?.label, group.name);
    const members = (await t.treeChildren('members')).filter((r) => HOSTILE_STRINGS.some((h) => h && r.label.startsWith(h.slice(0, 20))));
    assert.ok(members.length > 0, 'the generated organization has no hostile member names to check');
  });

  it('both webviews: strict CSP, and hostile names cause no CSP violation (nothing injected tries to load)', async () => {
    const p = await v1<{ id: string }>('POST', '/organization/projects', { name: HTML_NAME });
    await v1('POST', `/organization/projects/${p.id}/service_accounts`, { name: '<svg onload=alert(1)>' });
    await vscode.commands.executeCommand('openaiAdmin.openProject', { projectId: p.id });
    const ready = (r: ProjectReport) => Object.values(r.sections).length === SECTION_IDS.length && Object.values(r.sections).every((x) => x!.status !== 'loading');
    const report = await t.projectPanel.waitForRender(p.id, ready, 60_000);
    assert.equal(report.sections.serviceAccounts?.rows[0]?.[0], '<svg onload=alert(1)>');
    assertStrictHtml(t.projectPanel.html(p.id)!, 'project panel');
    assert.deepEqual(report.cspViolations, []);
    assert.equal(report.sections.overview?.status, 'data');
    assert.ok(t.projectPanel.title(p.id)!.startsWith('Project: <img'), `title ${t.projectPanel.title(p.id)}`);

    await vscode.commands.executeCommand('openaiAdmin.openUsage');
    const usage = await t.usagePanel.waitForRender((r) => r.status !== 'error' && r.tableRows.length > 0, 60_000);
    assertStrictHtml(t.usagePanel.html()!, 'usage panel');
    assert.deepEqual(usage.cspViolations, []);
    t.usagePanel.select({ kind: 'costs', groupBy: ['project_id'], range: { preset: '90d' } });
    const grouped = await t.usagePanel.waitForRender((r) => r.selection.groupBy.includes('project_id') && r.status === 'data', 60_000);
    assert.deepEqual(grouped.cspViolations, []);
  });

  it('the Usage & Costs panel exports only as CSV or JSON: a crafted format never reaches the save dialog', async () => {
    await vscode.commands.executeCommand('openaiAdmin.openUsage');
    await t.usagePanel.waitForRender((r) => r.status !== 'error', 60_000);
    const win = vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog };
    const original = win.showSaveDialog;
    const asked: string[] = [];
    win.showSaveDialog = async (options) => { asked.push(options?.defaultUri?.path ?? ''); return undefined; };
    try {
      for (const format of ['../../../.bashrc', 'csv/../../.bashrc', 'CSV', 'constructor', '', 42]) {
        await assert.rejects(t.usagePanel.request('export', { format: format as never }), /Unknown export format/, JSON.stringify(format));
      }
      assert.deepEqual(asked, [], 'a crafted format opened the save dialog');
      // The two formats the panel offers still name their file.
      assert.deepEqual(await t.usagePanel.request('export', { format: 'json' }), { saved: false });
      assert.match(asked[0] ?? '', /\/openai-[a-z-]+-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.json$/);
    } finally {
      win.showSaveDialog = original;
    }
  });

  it('the workspace also names a proxy (the decoy): requests still go straight to the fake', async function () {
    const origin = process.env.OPENAI_ADMIN_DECOY_ORIGIN;
    if (!origin) this.skip();
    // VS Code does not even report a folder's value of this application setting; the file has it.
    const folder = vscode.workspace.workspaceFolders![0]!;
    const file = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json')));
    assert.equal((JSON.parse(file) as Record<string, unknown>)['http.proxy'], origin, 'the workspace does not name the decoy as its proxy');
    // The fake is on loopback, which is never proxied whatever the settings say, so the decoy
    // staying empty proves little on its own: the settings the client is built from must not
    // carry the workspace's proxy either (it would be used for an https base URL).
    const read = readApiSettings();
    assert.ok(read.ok, 'the settings were refused');
    assert.equal(read.settings.proxy.url, undefined, 'the client would be built with the workspace\'s proxy');
    assert.equal(read.settings.proxy.strictSSL, true, 'the workspace turned certificate checks off');
    await fake.clearRequests();
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await t.treeChildren('roles');
    assert.ok((await fake.requests()).some((r) => r.path === '/organization/roles'), 'the request did not reach the fake');
    const decoy = await (await fetch(`${origin}/__decoy/requests`)).json() as unknown[];
    assert.deepEqual(decoy, [], 'a request went through the workspace\'s proxy');
  });

  it('a user-level base URL with plain http to another host is refused with a clear message; nothing is sent anywhere', async () => {
    // Nothing of the earlier tests may still be loading (the panels read in the background).
    t.projectPanel.close();
    t.usagePanel.close();
    await sleep(500);
    const config = vscode.workspace.getConfiguration('openaiAdmin');
    // In code-server the user-level value of a machine setting is the remote machine's: put the fake's URL back afterwards.
    const previous = config.inspect<string>('apiBaseUrl')?.globalValue;
    await fake.clearRequests();
    await config.update('apiBaseUrl', 'http://admin-api.example.invalid/v1', vscode.ConfigurationTarget.Global);
    try {
      await eventually(() => t.keyState() === 'badBaseUrl', 10_000, 'the key state badBaseUrl');
      assert.deepEqual(await t.treeChildren(), [], 'the tree still shows the organization');
      const { user } = await runAsUser('openaiAdmin.setAdminKey', [{ input: fake.adminKey }]);
      assert.equal(user.errors.length, 1);
      assert.match(user.errors[0]!, /Refusing to send the admin key over plain http to admin-api\.example\.invalid/);
      assert.match(user.errors[0]!, /not stored/);
      const project = await runAsUser('openaiAdmin.project.create', [{ input: 'never created' }]);
      assert.match(project.user.errors[0] ?? '', /plain http/);
      const sent = (await fake.requests()).map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(sent, [], 'a request was sent while the base URL was refused');
    } finally {
      await config.update('apiBaseUrl', previous, vscode.ConfigurationTarget.Global);
    }
    await eventually(() => t.keyState() === 'ok', 10_000, 'back to the fake');
    assert.equal(t.baseUrl(), fake.url());
  });
});
