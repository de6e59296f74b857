// Wiring for the Project panel: the "Open Project" command (tree row, palette), one panel per
// project, restore after a window reload, and the handle integration tests use.
import * as vscode from 'vscode';
import { unusedKeyDays } from '../../model/project/keys';
import type { SectionData } from '../../model/project/types';
import { organizationFor, type UiContext, type UiOrganizations } from '../../ui/context';
import { pickProject } from '../../ui/pickers';
import { createWebviewPanel } from '../panelOptions';
import { waitForReport } from '../waitForReport';
import type { ParamsOf, ResultOf } from '../protocol';
import { ProjectDrafts } from './drafts';
import type { ProjectPanel } from './panel';
import { PROJECT_PANEL } from './spec';
import { PROJECT_VIEW_TYPE, type ProjectMethods, type ProjectReport, type ProjectState } from './protocol';

export const OPEN_PROJECT_COMMAND = 'openaiAdmin.openProject';
/** Ctrl/Cmd+S in the active Project panel (package.json `keybindings`). */
export const SAVE_PROJECT_COMMAND = 'openaiAdmin.project.save';
/** The panel's editor-title Revert action. */
export const REVERT_PROJECT_COMMAND = 'openaiAdmin.project.revert';

/** What the integration tests may do with project panels. */
export interface ProjectPanelTestHook {
  isOpen(projectId: string): boolean;
  lastReport(projectId: string): ProjectReport | undefined;
  /** Resolves with the next report that passes `accept` (the current one if it already does). */
  waitForRender(projectId: string, accept?: (r: ProjectReport) => boolean, timeoutMs?: number): Promise<ProjectReport>;
  /** Sends a request as the panel's webview would. */
  request<K extends keyof ProjectMethods & string>(projectId: string, method: K, params: ParamsOf<ProjectMethods, K>): Promise<ResultOf<ProjectMethods, K>>;
  data(projectId: string): Partial<SectionData> | undefined;
  html(projectId: string): string | undefined;
  title(projectId: string): string | undefined;
  close(projectId?: string): void;
}

const PROJECT_ID = /^[\w-]{1,128}$/;

/** The project a command was invoked for: a tree row (menus) or `{ projectId }` (tests, other commands). */
function projectOfArg(arg: unknown): { id: string; name?: string } | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const row = arg as { lookup?: (name: string) => string | undefined; projectId?: unknown };
  const id = typeof row.lookup === 'function' ? row.lookup('projectId') : typeof row.projectId === 'string' ? row.projectId : undefined;
  if (!id || !PROJECT_ID.test(id)) return undefined;
  return { id, name: typeof row.lookup === 'function' ? row.lookup('projectName') : undefined };
}

/** One panel per project and organization: the map's key. */
const keyOf = (ctx: UiContext, projectId: string) => `${ctx.org.id}/${projectId}`;

export function registerProjectPanel(orgs: UiOrganizations, extensionUri: vscode.Uri, workspaceState: vscode.Memento, renderReports = false): { disposables: vscode.Disposable[]; testHook: ProjectPanelTestHook } {
  const panels = new Map<string, ProjectPanel>();
  const servicesOf = (ctx: UiContext) => ({
    ctx,
    extensionUri,
    renderReports,
    // The first organization keeps the drafts' names of a window with one organization.
    drafts: new ProjectDrafts(workspaceState, orgs.all()[0] === ctx ? undefined : ctx.org.id),
    unusedKeyDays: () => unusedKeyDays(vscode.workspace.getConfiguration('openaiAdmin').get('unusedKeyDays')),
  });

  // The panel's code is loaded when one first opens; `adopt` runs after that, with no await between
  // looking for the project's panel and creating it, so two quick opens still make one panel.
  const load = () => import('./panel');
  const adopt = (PanelClass: typeof ProjectPanel, webviewPanel: vscode.WebviewPanel, ctx: UiContext, projectId: string, name?: string) => {
    const key = keyOf(ctx, projectId);
    const panel = new PanelClass(webviewPanel, servicesOf(ctx), projectId, name);
    panels.set(key, panel);
    panel.onDidDispose(() => {
      if (panels.get(key) === panel) panels.delete(key);
    });
    return panel;
  };

  const open = async (arg?: unknown) => {
    const ctx = await organizationFor(orgs, [arg], vscode.l10n.t('Open Project'));
    if (!ctx) return undefined;
    const project = projectOfArg(arg) ?? await pickProject(ctx, vscode.l10n.t('Open Project')).then((p) => p && { id: p.id, name: p.name || p.id });
    if (!project) return undefined;
    const { ProjectPanel } = await load();
    const existing = panels.get(keyOf(ctx, project.id));
    if (existing && !existing.disposed) existing.reveal();
    else adopt(ProjectPanel, createWebviewPanel(PROJECT_PANEL, extensionUri), ctx, project.id, project.name);
    return project.id;
  };

  /** Tests name a project by its id: its panel in whichever organization has one open. */
  const find = (projectId: string) => [...panels.values()].find((p) => p.projectId === projectId && !p.disposed);
  const get = (projectId: string) => {
    const panel = find(projectId);
    if (!panel) throw new Error(`No Project panel is open for ${projectId}`);
    return panel;
  };

  const testHook: ProjectPanelTestHook = {
    isOpen: (id) => !!find(id),
    lastReport: (id) => find(id)?.lastReport,
    waitForRender: (id, accept = () => true, timeoutMs = 20_000) => waitForReport(find(id), `No Project panel is open for ${id}`, accept, timeoutMs),
    request: (id, method, params) => get(id).call(method, params),
    data: (id) => find(id)?.data,
    html: (id) => find(id)?.webviewPanel.webview.html,
    title: (id) => find(id)?.webviewPanel.title,
    close: (id) => {
      for (const panel of [...panels.values()]) if (id === undefined || panel.projectId === id) panel.dispose();
    },
  };

  // A key gives no argument: the commands act on the Project panel that is the active editor.
  const active = () => [...panels.values()].find((p) => p.active);

  return {
    disposables: [
      vscode.commands.registerCommand(OPEN_PROJECT_COMMAND, open),
      vscode.commands.registerCommand(SAVE_PROJECT_COMMAND, () => active()?.save()),
      vscode.commands.registerCommand(REVERT_PROJECT_COMMAND, () => active()?.revert()),
      vscode.window.registerWebviewPanelSerializer(PROJECT_VIEW_TYPE, {
        // The webview keeps its project and unsaved edits with setState; the host takes the panel back for that project.
        deserializeWebviewPanel: async (webviewPanel, state: unknown) => {
          const { ProjectPanel } = await load();
          const { projectId, organization } = (state ?? {}) as Partial<ProjectState>;
          // An organization removed since: its panel goes too, nothing of it is shown.
          const ctx = typeof organization === 'string' ? orgs.all().find((o) => o.org.id === organization) : orgs.all()[0];
          if (!ctx || typeof projectId !== 'string' || !PROJECT_ID.test(projectId) || panels.has(keyOf(ctx, projectId))) {
            webviewPanel.dispose();
            return;
          }
          adopt(ProjectPanel, webviewPanel, ctx, projectId);
        },
      }),
      // A removed organization's panels close: its data is dropped from memory.
      orgs.onDidChange(() => {
        const live = new Set(orgs.all().map((o) => o.org.id));
        for (const [key, panel] of [...panels]) if (!live.has(key.slice(0, key.indexOf('/')))) panel.dispose();
      }),
      { dispose: () => testHook.close() },
    ],
    testHook,
  };
}
