import type { Project, User } from '../api';
import type { CommandContext } from './context';
import { searchPick } from './searchPick';

/** The project a command acts on: from the tree node it was invoked on, else picked by search. */
export async function pickProject(ctx: CommandContext, title: string): Promise<Project | undefined> {
  const picked = await searchPick(ctx.explorer.collectionFor(ctx.explorer.root('projects')), {
    title, placeholder: 'Type to search projects by name or id',
  });
  return picked?.[0]?.spec.data as Project | undefined;
}

export async function pickMember(ctx: CommandContext, title: string): Promise<User | undefined> {
  const picked = await searchPick(ctx.explorer.collectionFor(ctx.explorer.root('members')), {
    title, placeholder: 'Type to search members by name, email or id',
  });
  return picked?.[0]?.spec.data as User | undefined;
}
