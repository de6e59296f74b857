// Quick picks any view may use (commands, the panels): projects and members searched in the org
// store's lists, a few fixed choices, and the reads a prompt needs. They take only what they use
// (the store, a client), so a panel can offer them without importing the command layer.
import * as vscode from 'vscode';
import type { AdminClient, Project, User } from '../api';
import { notify, runWithProgress } from '../notify';
import { describeError } from '../model/describeError';
import { listRef, type OrgStore } from '../model/store';
import { plainText } from '../util/plainText';
import { memberText, projectText, type RowText } from '../model/rowText';
import { searchPick, type PickText } from './searchPick';

/** A project or member shows in a pick as it shows in the tree (one place decides how it reads). */
const asListed = (text: RowText, id: string): PickText => ({ ...text, detail: id });

/** One project, searched in the store's list of active projects; undefined when cancelled. */
export async function pickProject(ctx: { store: OrgStore }, title: string): Promise<Project | undefined> {
  const picked = await searchPick(ctx.store.list(listRef('projects')), {
    title, placeholder: vscode.l10n.t('Type to search projects by name or id'), describe: (p) => asListed(projectText(p), p.id),
  });
  return picked?.[0];
}

/** Any number of projects (none is a valid answer: accept with nothing ticked); undefined when cancelled. */
export async function pickProjects(ctx: { store: OrgStore }, title: string, placeholder = vscode.l10n.t('Type to search projects; tick any number, then press Enter')): Promise<Project[] | undefined> {
  return searchPick(ctx.store.list(listRef('projects')), { title, placeholder, canPickMany: true, describe: (p) => asListed(projectText(p), p.id) });
}

/** One member of the organization, searched in the store's member list; undefined when cancelled. */
export async function pickMember(ctx: { store: OrgStore }, title: string): Promise<User | undefined> {
  const picked = await searchPick(ctx.store.list(listRef('members')), {
    title, placeholder: vscode.l10n.t('Type to search members by name, email or id'), describe: (u) => asListed(memberText(u), u.id),
  });
  return picked?.[0];
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
    description: c.value === opts.current ? [vscode.l10n.t('current'), c.description].filter(Boolean).join(' · ') : c.description,
    detail: c.detail,
    value: c.value,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: opts.placeholder, ignoreFocusOut: true });
  return picked?.value;
}

/** A function, so the labels are looked up in the bundle when a pick shows, not when the module loads. */
export const projectRoles = (): Choice<'member' | 'owner'>[] => [
  { label: vscode.l10n.t('Member'), value: 'member', detail: vscode.l10n.t('Uses the project: API keys, models, files.') },
  { label: vscode.l10n.t('Owner'), value: 'owner', detail: vscode.l10n.t('Also manages the project: members, keys, limits and settings.') },
];

/**
 * Reads what a prompt needs (roles to offer, the current policy) with a status-bar progress; a
 * failure is shown with the API's message and the command stops, having sent nothing.
 */
export async function fetchFor<T>(
  ctx: { session: { getClient(): Promise<AdminClient> }; log: { error(message: string): void } },
  what: string, read: (client: AdminClient) => Promise<T>,
): Promise<T | undefined> {
  try {
    const client = await ctx.session.getClient();
    return await runWithProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading {0}…', what) }, () => read(client));
  } catch (err) {
    const message = vscode.l10n.t('Couldn\'t load {0}: {1}', what, plainText(describeError(err)));
    ctx.log.error(message);
    void notify('error', message);
    return undefined;
  }
}
