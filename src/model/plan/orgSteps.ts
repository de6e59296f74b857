import type { AdminApiKey, ProjectServiceAccount, User } from '../../api';
import { relativeTime } from '../format';
import { invalidate, listRef, remove, type StoreEffect } from '../store';
import { memberEffects, serviceAccountEffects } from '../writeEffects';
import { projectGroup, quoted, type ProjectName } from './apiKeySteps';
import type { PlanStep } from './types';

/** Deletes a project's service account (with any keys it still has). */
export function deleteServiceAccountStep(project: ProjectName, account: ProjectServiceAccount): PlanStep {
  const gone = [remove(listRef('projectServiceAccounts', project.id), account.id)];
  return {
    id: `delete-service-account:${project.id}:${account.id}`,
    group: projectGroup(project),
    change: 'delete',
    title: `Delete service account ${quoted(account.name || account.id)} (${account.id})`,
    call: `DELETE /organization/projects/${project.id}/service_accounts/${account.id}`,
    run: async (client, signal) => {
      await client.serviceAccounts.delete(project.id, account.id, { signal });
      // Its keys (if any) and the federation rules mapping tokens to it went with it: those lists are read again.
      return [...serviceAccountEffects.deleted(project.id, account.id), invalidate('projectInactiveApiKeys', project.id)];
    },
    goneEffects: gone,
  };
}

export const ADMIN_KEYS_GROUP = 'Admin API keys';
export const MEMBERS_GROUP = 'Organization members';

/** Deletes an admin API key. */
export function deleteAdminKeyStep(k: AdminApiKey, nowMs = Date.now()): PlanStep {
  const gone = [remove(listRef('adminKeys'), k.id)];
  return {
    id: `delete-admin-key:${k.id}`,
    group: ADMIN_KEYS_GROUP,
    change: 'delete',
    title: `Delete admin API key ${quoted(k.name || k.id)} (${k.redacted_value}), ${k.last_used_at ? `last used ${relativeTime(k.last_used_at, nowMs)}` : 'never used'}`,
    call: `DELETE /organization/admin_api_keys/${k.id}`,
    run: async (client, signal) => {
      await client.adminApiKeys.delete(k.id, { signal });
      return gone;
    },
    goneEffects: gone,
  };
}

/**
 * Removes a member from the organization. The API also takes them out of every project and group,
 * which its answer does not name: by default every list that may hold them is read again
 * (memberEffects.removed); a caller that knows where they were (offboarding) names those lists in `elsewhere`.
 */
export function removeMemberStep(user: User, elsewhere?: readonly StoreEffect[]): PlanStep {
  const gone = elsewhere ? [remove(listRef('members'), user.id), invalidate('memberRoles', user.id), ...elsewhere] : memberEffects.removed(user.id);
  const who = user.name || user.email || user.id;
  return {
    id: `remove-member:${user.id}`,
    group: MEMBERS_GROUP,
    change: 'delete',
    title: `Remove ${quoted(who)}${user.email && user.email !== who ? ` <${user.email}>` : ''} (${user.role ?? 'member'}) from the organization`,
    call: `DELETE /organization/users/${user.id}`,
    run: async (client, signal) => {
      await client.users.delete(user.id, { signal });
      return gone;
    },
    goneEffects: gone,
  };
}
