// Every organization command's code, in dist/commands.js: loaded when the first of them runs
// (./lazy.ts registers their ids at activation), so activation does not compile it.
import type * as vscode from 'vscode';
import { registerAdminKeyCommands } from './adminKeys';
import { registerApiKeyCommands } from './apiKeys';
import { registerCertificateCommands } from './certificates';
import type { CommandContext } from './context';
import { registerDataRetentionCommands } from './dataRetention';
import { registerExternalKeyCommands } from './externalKeys';
import { registerExternalStorageCommands } from './externalStorage';
import { registerFederationRuleCommands } from './federationRules';
import { registerGroupCommands } from './groups';
import { registerKeyboardCommands } from './keyboard';
import { registerLoadOrganizationCommands } from './loadOrganization';
import { registerHygieneCommands } from './hygiene';
import { registerMemberProjectCommands } from './memberProjects';
import { registerNodeCommands } from './nodes';
import { registerOffboardCommands } from './offboard';
import { registerOrganizationCommands } from './organization';
import { registerOrgCodeCommands } from './orgCode';
import { registerPermissionCommands } from './permissions';
import { registerProjectCommands } from './projects';
import { registerProjectUserCommands } from './projectUsers';
import { registerRateLimitCommands } from './rateLimits';
import { registerRoleAssignmentCommands } from './roleAssignments';
import { registerRoleCommands } from './roles';
import { registerServiceAccountCommands } from './serviceAccounts';
import { registerServiceTierCommands } from './serviceTier';
import { registerSpendCommands } from './spend';
import { registerWorkloadIdentityProviderCommands } from './workloadIdentityProviders';

export function registerAllCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ...registerNodeCommands(ctx),
    ...registerKeyboardCommands(ctx),
    ...registerProjectCommands(ctx),
    ...registerProjectUserCommands(ctx),
    ...registerServiceAccountCommands(ctx),
    ...registerApiKeyCommands(ctx),
    ...registerRateLimitCommands(ctx),
    ...registerPermissionCommands(ctx),
    ...registerOrganizationCommands(ctx),
    ...registerGroupCommands(ctx),
    ...registerMemberProjectCommands(ctx),
    ...registerLoadOrganizationCommands(ctx),
    ...registerOffboardCommands(ctx),
    ...registerSpendCommands(ctx),
    ...registerRoleCommands(ctx),
    ...registerRoleAssignmentCommands(ctx),
    ...registerCertificateCommands(ctx),
    ...registerDataRetentionCommands(ctx),
    ...registerAdminKeyCommands(ctx),
    ...registerWorkloadIdentityProviderCommands(ctx),
    ...registerFederationRuleCommands(ctx),
    ...registerExternalKeyCommands(ctx),
    ...registerExternalStorageCommands(ctx),
    ...registerServiceTierCommands(ctx),
    ...registerHygieneCommands(ctx),
    ...registerOrgCodeCommands(ctx),
  ];
}
