import type { OrgFile } from './format';

/**
 * The projects a file needs read to be compared, planned or applied: the ones it names (its projects,
 * and the projects its federation rules point at), or every active project when it archives the ones
 * it does not list (`prune.projects`). Reading only those keeps a plan for two projects from reading
 * two thousand; the editor's commands and the CLI ask for the same set.
 */
export function projectsToRead(file: OrgFile): string[] | undefined {
  if (file.prune?.projects) return undefined;
  const names = new Set<string>();
  for (const p of file.projects ?? []) names.add(p.name);
  for (const provider of file.organization?.workload_identity_providers ?? []) {
    for (const rule of provider.rules ?? []) names.add(rule.project);
  }
  return [...names];
}
