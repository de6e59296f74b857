import * as l10n from '@vscode/l10n';
import type { ProjectSpec } from './format';
import type { LiveIndex } from './live';

/**
 * Which active project a file's project is: the pinned `id`, else the one with its name. No id and
 * no problem: a project to create. A name two projects share cannot be matched without a pin.
 */
export function matchProject(spec: Pick<ProjectSpec, 'name' | 'id'>, index: LiveIndex): { id?: string; problem?: string } {
  if (spec.id !== undefined) {
    if (index.projectNameById.has(spec.id)) return { id: spec.id };
    return { problem: l10n.t('Project “{0}”: no active project has the id {1} (archived, or of another organization); nothing is planned for it.', spec.name, spec.id) };
  }
  if (index.ambiguousProjectNames.has(spec.name)) {
    return { problem: l10n.t('Project “{0}”: several active projects have this name; pin the one you mean with `id`. Nothing is planned for it.', spec.name) };
  }
  return { id: index.projectIdByName.get(spec.name) };
}
