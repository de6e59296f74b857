// Lookups shared by the route modules: "this id must exist" (404) and "this project must not be
// archived" (400), phrased once.
import { archivedProject, notFound } from '../errors';
import type { FakeState, ProjectData, ProjectRec } from '../state';

export function must<T>(table: { get(id: string): T | undefined }, id: string, what: string, param: string): T {
  const item = table.get(id);
  if (item === undefined) throw notFound(what, id, param);
  return item;
}

export function requireProject(state: FakeState, id: string): { project: ProjectRec; data: ProjectData } {
  const project = must(state.projects, id, 'project', 'project_id');
  return { project, data: state.project(id)! };
}

/** For writes (and the reads the spec says fail on archived projects). */
export function requireActiveProject(state: FakeState, id: string): { project: ProjectRec; data: ProjectData } {
  const found = requireProject(state, id);
  if (found.project.status === 'archived') throw archivedProject(id);
  return found;
}

/** `{id, object, deleted: true}` delete confirmations. */
export function deleted<O extends string>(object: O, id: string): { id: string; object: O; deleted: boolean } {
  return { id, object, deleted: true };
}
