import * as l10n from '@vscode/l10n';
import type { Group } from '../../api';
import { describeError } from '../describeError';
import { deleteKeyStep, projectGroup, quoted, removeMemberStep, type Plan, type PlanStep } from '../plan';
import { invalidate, listRef, remove, type OrgStore, type StoreEffect } from '../store';
import { groupEffects, projectUserEffects } from '../writeEffects';
import { ownedBy, readHoldings, type GroupHolding, type MemberHoldings, type ProjectHolding } from './holdings';

/** What a step changes, for the views that show it (the tree reloads those folders). */
export type OffboardTarget =
  | { kind: 'key'; projectId: string; keyId?: string }
  | { kind: 'project'; projectId: string }
  | { kind: 'group'; groupId: string }
  | { kind: 'organization' };

export interface OffboardStep extends PlanStep {
  target: OffboardTarget;
}

export interface OffboardPlan extends Plan {
  steps: OffboardStep[];
}

export interface OffboardOptions {
  /** Also delete the API keys the member owns (in every active project, also where they left already). */
  deleteKeys: boolean;
  /**
   * Read every list afresh first. The first plan of an offboarding does: other writes may not have
   * reported to the store. A rerun does not: the steps' effects keep the store up to date.
   */
  fresh?: boolean;
  signal?: AbortSignal;
}

/**
 * The plan that takes a member out of the organization: their own API keys (optional), then their
 * place in each project and group, and last the organization itself.
 *
 * Why keys go first: the API does not delete a member's keys when it removes them from a project
 * or the organization. The keys stay enabled with `owner_project_access: inactive`, and the plain
 * key list hides them (openapi-admin-2026-11.yaml, list-project-api-keys). So a project's removal
 * waits for the deletion of the member's keys there, and the organization removal waits for every
 * other step: if any fails, it is skipped with a reason and the member keeps their access until a
 * rerun finishes the job.
 *
 * Built from the store (./holdings.ts reads what is missing), so a rerun after a partial run plans
 * only what is left: each step's effects took what it did out of the store.
 */
export async function buildOffboardPlan(store: OrgStore, userId: string, options: OffboardOptions): Promise<OffboardPlan> {
  const holdings = await readHoldings(store, userId, { keys: options.deleteKeys, fresh: options.fresh, signal: options.signal });
  return planFor(holdings, options);
}

/** The plan for what `holdings` says the member has (no requests). */
export function planFor(holdings: MemberHoldings, options: Pick<OffboardOptions, 'deleteKeys'>): OffboardPlan {
  const { userId, member } = holdings;
  const who = quoted(member ? member.name || member.email || member.id : userId);
  const steps: OffboardStep[] = [];
  for (const held of holdings.projects) steps.push(...projectSteps(held, userId, who, options.deleteKeys));
  for (const held of holdings.groups) steps.push(groupStep(held, userId, who));
  if (member) {
    // The API takes them out of every project and group too, also those this plan could not list.
    const elsewhere = [
      ...holdings.projects.map((h) => remove(listRef('projectUsers', h.project.id), userId)),
      ...holdings.groups.map((h) => remove(listRef('groupUsers', h.group.id), userId)),
    ];
    steps.push({ ...removeMemberStep(member, elsewhere), target: { kind: 'organization' }, after: steps.map((s) => s.id) });
  }
  const identity = member?.email && member.email !== member.name ? `<${member.email}> (${userId})` : `(${userId})`;
  const title = member
    ? options.deleteKeys
      ? l10n.t('Offboard {0} {1}, deleting the API keys they own', who, identity)
      : l10n.t('Offboard {0} {1}, keeping the API keys they own', who, identity)
    : options.deleteKeys
      ? l10n.t('Offboard {0} {1}: not a member of the organization, deleting the API keys they own', who, identity)
      : l10n.t('Offboard {0} {1}: not a member of the organization, keeping the API keys they own', who, identity);
  return { title, steps };
}

function projectSteps(held: ProjectHolding, userId: string, who: string, deleteKeys: boolean): OffboardStep[] {
  const { project } = held;
  const pid = project.id;
  const keySteps: OffboardStep[] = held.keys.map((key) => {
    const step = deleteKeyStep(project, key);
    const title = key.owner_project_access === 'inactive' ? l10n.t('{0}, who is no longer in the project', step.title) : step.title;
    return { ...step, title, target: { kind: 'key', projectId: pid, keyId: key.id } };
  });
  if (deleteKeys && held.keysUnread !== undefined) keySteps.push(unreadKeysStep(held, userId, who));
  const steps = [...keySteps];
  if (held.membership || held.membersUnread !== undefined) {
    const role = held.membership?.role;
    // Keys they still own here move from the plain key list to the one of owners who left.
    const gone = projectUserEffects.removed(pid, userId);
    steps.push({
      id: `remove-from-project:${pid}`,
      target: { kind: 'project', projectId: pid },
      group: projectGroup(project),
      change: 'delete',
      title: held.membership
        ? role ? l10n.t('Remove {0} from the project ({1})', who, role) : l10n.t('Remove {0} from the project', who)
        : l10n.t('Remove {0} from the project if they are in it: its users could not be read ({1})', who, describeError(held.membersUnread)),
      call: `DELETE /organization/projects/${pid}/users/${userId}`,
      ...(keySteps.length ? { after: keySteps.map((s) => s.id) } : {}),
      run: async (client, signal) => {
        await client.projectUsers.delete(pid, userId, { signal });
        return gone;
      },
      goneEffects: gone,
    });
  }
  return steps;
}

/**
 * The key lists of a project could not be read, so the keys the member owns there are unknown. This
 * step never deletes a key the plan did not name: it reads the keys again, succeeds when the member
 * owns none, and otherwise fails (so the project and organization removals wait) saying that a rerun
 * will list them.
 */
function unreadKeysStep(held: ProjectHolding, userId: string, who: string): OffboardStep {
  const pid = held.project.id;
  return {
    id: `check-keys:${pid}`,
    target: { kind: 'key', projectId: pid },
    group: projectGroup(held.project),
    change: 'delete',
    title: l10n.t('Delete the API keys {0} owns here: not listed, the key list could not be read ({1}); this step reads it again and deletes nothing', who, describeError(held.keysUnread)),
    call: `GET /organization/projects/${pid}/api_keys?owner_project_access=any`,
    run: async (client, signal): Promise<StoreEffect[]> => {
      const keys = await client.projectApiKeys.all(pid, { owner_project_access: 'any' }, { signal });
      const owned = keys.filter((k) => ownedBy(k, userId));
      if (owned.length) {
        throw new Error(owned.length === 1
          ? l10n.t('{0} owns 1 API key here that the plan did not list: run again to list and delete them', who)
          : l10n.t('{0} owns {1} API keys here that the plan did not list: run again to list and delete them', who, owned.length));
      }
      return [invalidate('projectApiKeys', pid), invalidate('projectInactiveApiKeys', pid)];
    },
  };
}

function groupStep(held: GroupHolding, userId: string, who: string): OffboardStep {
  const gid = held.group.id;
  const gone = groupEffects.userRemoved(gid, userId);
  return {
    id: `remove-from-group:${gid}`,
    target: { kind: 'group', groupId: gid },
    group: groupHeading(held.group),
    change: 'delete',
    title: held.membersUnread === undefined
      ? l10n.t('Remove {0} from the group', who)
      : l10n.t('Remove {0} from the group if they are in it: its members could not be read ({1})', who, describeError(held.membersUnread)),
    call: `DELETE /organization/groups/${gid}/users/${userId}`,
    run: async (client, signal) => {
      await client.groups.users.remove(gid, userId, { signal });
      return gone;
    },
    goneEffects: gone,
  };
}

/** 'Group “Eng” (group_abc)', as projectGroup heads a project's steps. */
function groupHeading(group: Pick<Group, 'id' | 'name'>): string {
  return l10n.t('Group {0} ({1})', quoted(group.name || group.id), group.id);
}
