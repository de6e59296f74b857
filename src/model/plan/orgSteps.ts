import * as l10n from '@vscode/l10n';
import type { AdminApiKey, ProjectServiceAccount, User } from '../../api';
import { invalidate, listRef, remove, type StoreEffect } from '../store';
import { memberEffects, serviceAccountEffects } from '../writeEffects';
import { lastUsed, projectGroup, quoted, type ProjectName } from './apiKeySteps';
import type { PlanStep } from './types';

/** Deletes a project's service account (with any keys it still has). */
export function deleteServiceAccountStep(project: ProjectName, account: ProjectServiceAccount): PlanStep {
  const gone = [remove(listRef('projectServiceAccounts', project.id), account.id)];
  return {
    id: `delete-service-account:${project.id}:${account.id}`,
    group: projectGroup(project),
    change: 'delete',
    title: l10n.t('Delete service account {0} ({1})', quoted(account.name || account.id), account.id),
    call: `DELETE /organization/projects/${project.id}/service_accounts/${account.id}`,
    run: async (client, signal) => {
      await client.serviceAccounts.delete(project.id, account.id, { signal });
      // Its keys (if any) and the federation rules mapping tokens to it went with it: those lists are read again.
      return [...serviceAccountEffects.deleted(project.id, account.id), invalidate('projectInactiveApiKeys', project.id)];
    },
    goneEffects: gone,
  };
}

/** Headings of the organization-wide steps (functions: a translation is looked up when a plan is built, not at load). */
export const adminKeysGroup = (): string => l10n.t('Admin API keys');
export const membersGroup = (): string => l10n.t('Organization members');

/** Deletes an admin API key. */
export function deleteAdminKeyStep(k: AdminApiKey, nowMs = Date.now()): PlanStep {
  const gone = [remove(listRef('adminKeys'), k.id)];
  return {
    id: `delete-admin-key:${k.id}`,
    group: adminKeysGroup(),
    change: 'delete',
    title: l10n.t('Delete admin API key {0} ({1}), {2}', quoted(k.name || k.id), k.redacted_value, lastUsed(k.last_used_at, nowMs)),
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
    group: membersGroup(),
    change: 'delete',
    title: user.email && user.email !== who
      ? l10n.t('Remove {0} <{1}> ({2}) from the organization', quoted(who), user.email, user.role ?? 'member')
      : l10n.t('Remove {0} ({1}) from the organization', quoted(who), user.role ?? 'member'),
    call: `DELETE /organization/users/${user.id}`,
    run: async (client, signal) => {
      await client.users.delete(user.id, { signal });
      return gone;
    },
    goneEffects: gone,
  };
}
