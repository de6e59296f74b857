// "Which projects is this person in?" The API has no such query: it takes every active project's
// member list. The organization crawl (src/model/crawl.ts) reads them a few at a time (the
// openaiAdmin.maxConcurrentRequests setting), with progress and Cancel; the projects the member is
// in are then offered with the member's role, and the one chosen opens in the Project panel.
import * as vscode from 'vscode';
import type { ProjectUser, User } from '../api';
import { readApiSettings } from '../config';
import { crawlOrganization, DEFAULT_CRAWL_CONCURRENCY, type OrganizationCrawl } from '../model/crawl';
import { notify, runWithProgress } from '../notify';
import { describeError } from '../model/describeError';
import type { TreeNode } from '../tree/treeNode';
import { plainText } from '../util/plainText';
import type { CommandContext } from './context';
import { pickMember } from './pickers';

export interface MemberProjects {
  projects: { id: string; name: string; role: ProjectUser['role'] }[];
  /** Projects whose member list could not be read. */
  unreadable: number;
}

/** The projects (active ones) that list `userId` as a member, in the projects list's order. */
export function memberProjects(crawl: OrganizationCrawl, userId: string): MemberProjects {
  const projects = crawl.projects.flatMap((p) => {
    const member = p.users?.find((u) => u.id === userId);
    return member ? [{ id: p.project.id, name: p.project.name ?? '', role: member.role }] : [];
  });
  return { projects, unreadable: new Set(crawl.errors.map((e) => e.projectId)).size };
}

function memberOf(node: TreeNode | undefined): User | undefined {
  const data = node?.spec.data as Partial<User> | undefined;
  return node?.spec.contextValue?.startsWith('member') && typeof data?.id === 'string' ? (data as User) : undefined;
}

export function registerMemberProjectCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('openaiAdmin.findMemberProjects', async (node?: TreeNode) => {
      const user = memberOf(node) ?? await pickMember(ctx, "Find Member's Projects");
      if (!user) return undefined;
      const who = plainText(user.name || user.email || user.id);
      let found: MemberProjects;
      let cancelled = false;
      try {
        const client = await ctx.session.getClient();
        const settings = readApiSettings();
        const concurrency = settings.ok ? settings.settings.maxConcurrentRequests : DEFAULT_CRAWL_CONCURRENCY;
        const crawl = await runWithProgress(
          { location: vscode.ProgressLocation.Notification, title: `Looking for ${who} in every project`, cancellable: true },
          (progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => {
              cancelled = true;
              controller.abort();
            });
            return crawlOrganization(client, {
              resources: ['users'],
              concurrency,
              signal: controller.signal,
              onProgress: (p) => progress.report({ message: `${p.projectsDone} of ${p.projects}${p.projectsListed ? '' : '+'} projects read` }),
            });
          },
        );
        found = memberProjects(crawl, user.id);
      } catch (err) {
        if (cancelled) return undefined;
        void notify('error', `Couldn't list the projects of ${who}: ${describeError(err)}`);
        return undefined;
      }
      const unreadable = found.unreadable ? ` The members of ${found.unreadable} project(s) could not be read.` : '';
      if (!found.projects.length) {
        void notify('info', `${who} is not a member of any active project.${unreadable}`);
        return found;
      }
      if (unreadable) void notify('warning', unreadable.trim());
      const picked = await vscode.window.showQuickPick(
        found.projects.map((p) => ({ label: plainText(p.name || p.id), description: p.role === 'owner' ? 'Owner' : 'Member', detail: p.id, id: p.id })),
        { title: `${who}: ${found.projects.length} project(s)`, placeHolder: 'Choose a project to open it', matchOnDetail: true },
      );
      if (picked) await vscode.commands.executeCommand('openaiAdmin.openProject', { projectId: picked.id });
      return found;
    }),
  ];
}
