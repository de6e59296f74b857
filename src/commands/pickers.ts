import * as vscode from 'vscode';
import type { AdminClient, Project, User } from '../api';
import { notify, runWithProgress } from '../notify';
import { describeError } from '../model/describeError';
import { plainText } from '../util/plainText';
import type { NodeSpec } from '../tree/nodeSpec';
import type { CommandContext } from './context';
import { searchPick } from './searchPick';

/** The project a command acts on: from the tree node it was invoked on, else picked by search. */
export async function pickProject(ctx: CommandContext, title: string): Promise<Project | undefined> {
  const picked = await searchPick(ctx.explorer.collectionFor(ctx.explorer.root('projects')), {
    title, placeholder: 'Type to search projects by name or id',
  });
  return picked?.[0]?.spec.data as Project | undefined;
}

/** Any number of projects (none is a valid answer: accept with nothing ticked); undefined when cancelled. */
export async function pickProjects(ctx: CommandContext, title: string, placeholder = 'Type to search projects; tick any number, then press Enter'): Promise<Project[] | undefined> {
  const picked = await searchPick(ctx.explorer.collectionFor(ctx.explorer.root('projects')), { title, placeholder, canPickMany: true });
  return picked?.map((p) => p.spec.data as Project);
}

export async function pickMember(ctx: CommandContext, title: string): Promise<User | undefined> {
  const picked = await searchPick(ctx.explorer.collectionFor(ctx.explorer.root('members')), {
    title, placeholder: 'Type to search members by name, email or id',
  });
  return picked?.[0]?.spec.data as User | undefined;
}

/** One of a few fixed values (roles, modes); the current value is marked so the admin sees what changes. */
export interface Choice<T> {
  label: string;
  value: T;
  description?: string;
  detail?: string;
}

export async function pickOne<T>(title: string, choices: Choice<T>[], opts: { current?: T; placeholder?: string } = {}): Promise<T | undefined> {
  const items = choices.map((c) => ({
    label: c.label,
    description: c.value === opts.current ? ['current', c.description].filter(Boolean).join(' · ') : c.description,
    detail: c.detail,
    value: c.value,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: opts.placeholder, ignoreFocusOut: true });
  return picked?.value;
}

export const PROJECT_ROLES: Choice<'member' | 'owner'>[] = [
  { label: 'Member', value: 'member', detail: 'Uses the project: API keys, models, files.' },
  { label: 'Owner', value: 'owner', detail: 'Also manages the project: members, keys, limits and settings.' },
];

/** A row under a folder, picked by search over the folder's (shared, paged) list. */
export async function pickInFolder(ctx: CommandContext, folderId: string, title: string, placeholder: string): Promise<NodeSpec | undefined> {
  const folder = await ctx.explorer.resolve(folderId);
  if (!folder) {
    void notify('error', `${title}: couldn't open ${folderId}.`);
    return undefined;
  }
  const picked = await searchPick(ctx.explorer.collectionFor(folder), { title, placeholder });
  return picked?.[0]?.spec;
}

/**
 * Reads what a prompt needs (roles to offer, the current policy) with a status-bar progress; a
 * failure is shown with the API's message and the command stops, having sent nothing.
 */
export async function fetchFor<T>(ctx: CommandContext, what: string, read: (client: AdminClient) => Promise<T>): Promise<T | undefined> {
  try {
    const client = await ctx.session.getClient();
    return await runWithProgress({ location: vscode.ProgressLocation.Window, title: `Loading ${what}…` }, () => read(client));
  } catch (err) {
    const message = `Couldn't load ${what}: ${plainText(describeError(err))}`;
    ctx.log.error(message);
    void notify('error', message);
    return undefined;
  }
}
