// "Which projects is this person in?" The API has no such query: it takes every active project's
// member list. Load Organization's loader (src/model/organization/load.ts) reads them into the org
// store a few at a time (the openaiAdmin.maxConcurrentRequests setting), with progress and Cancel;
// lists the store holds already are not read again, so the answer is as of their read time (the pick
// says so; Refresh reads everything afresh). The projects the member is in are offered with the
// member's role, and the one chosen opens in the Project panel.
import * as vscode from 'vscode';
import type { ProjectUser, User } from '../api';
import { readApiSettings } from '../config';
import { formatAsOf } from '../model/asOf';
import { DEFAULT_LOAD_CONCURRENCY, loadOrganization, type LoadFailure } from '../model/organization/load';
import { listRef, type ListRef, type OrgStore } from '../model/store';
import { notify, runWithProgress } from '../notify';
import { describeError } from '../model/describeError';
import type { TreeNode } from '../tree/treeNode';
import { plainText } from '../util/plainText';
import type { CommandContext } from './context';
import { pickMember } from './pickers';
import { isKind, itemOf } from './targets';

export interface MemberProjects {
  projects: { id: string; name: string; role: ProjectUser['role'] }[];
  /** Projects whose member list could not be read. */
  unreadable: number;
  /** The oldest read time of the lists the answer comes from. */
  readAt?: number;
}

/** The projects (active ones) in the store that list `userId` as a member, in the projects list's order. */
export function memberProjects(store: OrgStore, userId: string, errors: readonly LoadFailure[]): MemberProjects {
  const read: ListRef[] = [listRef('projects')];
  const projects = (store.peek(listRef('projects'))?.items ?? []).flatMap((p) => {
    const users = listRef('projectUsers', p.id);
    read.push(users);
    const member = store.find(users, userId);
    return member ? [{ id: p.id, name: p.name ?? '', role: member.role }] : [];
  });
  const unreadable = new Set(errors.filter((e) => e.ref.resource === 'projectUsers').map((e) => e.ref.ids[0])).size;
  return { projects, unreadable, readAt: store.readAt(read) };
}

const asOf = (readAt: number | undefined) => {
  const text = formatAsOf(readAt, { locale: vscode.env.language });
  return text ? `, ${text}` : '';
};



export function registerMemberProjectCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.findMemberProjects', async (node?: TreeNode) => {
      const user = isKind(node, 'member') ? await itemOf<User>(ctx, node.spec) : await pickMember(ctx, vscode.l10n.t('Find Member\'s Projects'));
      if (!user) return undefined;
      const who = plainText(user.name || user.email || user.id);
      let found: MemberProjects;
      let cancelled = false;
      try {
        // A missing or unusable key fails here, before any progress is shown.
        await ctx.session.getClient();
        const settings = readApiSettings();
        const concurrency = settings.ok ? settings.settings.maxConcurrentRequests : DEFAULT_LOAD_CONCURRENCY;
        const load = await runWithProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for {0} in every project', who), cancellable: true },
          (progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => {
              cancelled = true;
              controller.abort();
            });
            return loadOrganization(ctx.store, {
              resources: ['projectUsers'],
              concurrency,
              signal: controller.signal,
              // One list per project (and the projects list itself).
              onProgress: (p) => {
                const done = Math.max(0, p.listsDone - (p.projectsListed ? 1 : 0));
                progress.report({ message: p.projectsListed
                  ? vscode.l10n.t('{0} of {1} projects read', done, p.projects)
                  : vscode.l10n.t('{0} of {1}+ projects read', done, p.projects) });
              },
            });
          },
        );
        const projectsFailed = load.errors.find((e) => e.ref.resource === 'projects');
        if (projectsFailed) throw projectsFailed.error;
        found = memberProjects(ctx.store, user.id, load.errors);
      } catch (err) {
        if (cancelled) return undefined;
        void notify('error', vscode.l10n.t('Couldn\'t list the projects of {0}: {1}', who, describeError(err)));
        return undefined;
      }
      const unreadable = found.unreadable ? ` ${vscode.l10n.t('The members of {0} project(s) could not be read.', found.unreadable)}` : '';
      if (!found.projects.length) {
        void notify('info', `${vscode.l10n.t('{0} is not a member of any active project.', who)}${unreadable}`);
        return found;
      }
      if (unreadable) void notify('warning', unreadable.trim());
      const picked = await vscode.window.showQuickPick(
        found.projects.map((p) => ({ label: plainText(p.name || p.id), description: p.role === 'owner' ? vscode.l10n.t('Owner') : vscode.l10n.t('Member'), detail: p.id, id: p.id })),
        { title: vscode.l10n.t('{0}: {1} project(s){2}', who, found.projects.length, asOf(found.readAt)), placeHolder: vscode.l10n.t('Choose a project to open it'), matchOnDetail: true },
      );
      if (picked) await vscode.commands.executeCommand('openaiAdmin.openProject', { projectId: picked.id, organization: ctx.org.id });
      return found;
    }),
  ];
}
