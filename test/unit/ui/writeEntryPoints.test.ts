// Every write operation (POST/DELETE) of the API reference must be reachable from the UI: a command
// (palette or tree menu) or a Project panel action. The reference is read in place
// (../api/helpers/openapi.ts), so an operation added to it fails here until the UI offers it.
//
// ENTRY_POINTS is the one table to extend: operationId → the commands / panel methods that send it,
// each with the client method it calls (dotted, as in src/api/client.ts). For each entry the test
// checks that
//   - the client method really sends that operation (src/api operationIdOf);
//   - a command is contributed in package.json and shown somewhere (palette, tree menu or view title),
//     and the code registered for it reaches the client call (./helpers/sourceCalls.ts);
//   - a panel method is in the panel's protocol, its front end (media/project) sends it, and the
//     host handler reaches the client call.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAdminClient } from '../../../src/api';
import { clientMethods } from '../api/helpers/surface';
import { yamlOperations } from '../api/helpers/openapi';
import { REPO, SourceIndex, typeMembers } from './helpers/sourceCalls';

type EntryPoint = { command: string; calls: string } | { panel: string; calls: string };
const cmd = (command: string, calls: string): EntryPoint => ({ command: `openaiAdmin.${command}`, calls });
const panel = (method: string, calls: string): EntryPoint => ({ panel: method, calls });

const ENTRY_POINTS: Record<string, readonly EntryPoint[]> = {
  // Organization: admin keys, invites, members and their roles
  'admin-api-keys-create': [cmd('adminKey.create', 'adminApiKeys.create')],
  'admin-api-keys-delete': [cmd('adminKey.delete', 'adminApiKeys.delete')],
  inviteUser: [cmd('invite.create', 'invites.create')],
  'delete-invite': [cmd('invite.delete', 'invites.delete')],
  'modify-user': [cmd('member.changeRole', 'users.update')],
  'delete-user': [cmd('member.remove', 'users.delete')],
  'assign-user-role': [cmd('member.assignRole', 'users.roles.assign')],
  'unassign-user-role': [cmd('member.unassignRole', 'users.roles.unassign')],

  // Groups
  'create-group': [cmd('group.create', 'groups.create')],
  'update-group': [cmd('group.rename', 'groups.update')],
  'delete-group': [cmd('group.delete', 'groups.delete')],
  'add-group-user': [cmd('group.addUser', 'groups.users.add')],
  'remove-group-user': [cmd('group.removeUser', 'groups.users.remove')],
  'assign-group-role': [cmd('group.assignRole', 'groups.roles.assign')],
  'unassign-group-role': [cmd('group.unassignRole', 'groups.roles.unassign')],

  // Custom roles
  'create-role': [cmd('role.create', 'roles.create')],
  'update-role': [cmd('role.editPermissions', 'roles.update')],
  'delete-role': [cmd('role.delete', 'roles.delete')],
  'create-project-role': [cmd('role.create', 'projectRoles.create')],
  'update-project-role': [cmd('role.editPermissions', 'projectRoles.update')],
  'delete-project-role': [cmd('role.delete', 'projectRoles.delete')],

  // Certificates
  uploadCertificate: [cmd('certificate.upload', 'certificates.create')],
  modifyCertificate: [cmd('certificate.rename', 'certificates.update')],
  deleteCertificate: [cmd('certificate.delete', 'certificates.delete')],
  activateOrganizationCertificates: [cmd('certificate.activate', 'certificates.activate')],
  deactivateOrganizationCertificates: [cmd('certificate.deactivate', 'certificates.deactivate')],
  activateProjectCertificates: [cmd('certificate.activate', 'projectCertificates.activate')],
  deactivateProjectCertificates: [cmd('certificate.deactivate', 'projectCertificates.deactivate')],

  // Data retention
  'update-organization-data-retention': [cmd('dataRetention.edit', 'dataRetention.update')],
  'update-project-data-retention': [cmd('dataRetention.edit', 'projectDataRetention.update'), panel('setDataRetention', 'projectDataRetention.update')],

  // Spend limits and alerts
  Updateorganizationspendlimit: [cmd('spendLimit.set', 'spendLimit.update')],
  Deleteorganizationspendlimit: [cmd('spendLimit.remove', 'spendLimit.delete')],
  Updateprojectspendlimit: [cmd('spendLimit.set', 'projectSpendLimit.update'), panel('setSpendLimit', 'projectSpendLimit.update')],
  Deleteprojectspendlimit: [cmd('spendLimit.remove', 'projectSpendLimit.delete'), panel('removeSpendLimit', 'projectSpendLimit.delete')],
  'create-organization-spend-alert': [cmd('spendAlert.create', 'spendAlerts.create')],
  'update-organization-spend-alert': [cmd('spendAlert.edit', 'spendAlerts.update')],
  'delete-organization-spend-alert': [cmd('spendAlert.delete', 'spendAlerts.delete')],
  'create-project-spend-alert': [cmd('spendAlert.create', 'projectSpendAlerts.create'), panel('addSpendAlert', 'projectSpendAlerts.create')],
  'update-project-spend-alert': [cmd('spendAlert.edit', 'projectSpendAlerts.update')],
  'delete-project-spend-alert': [cmd('spendAlert.delete', 'projectSpendAlerts.delete'), panel('deleteSpendAlert', 'projectSpendAlerts.delete')],

  // Projects
  'create-project': [cmd('project.create', 'projects.create')],
  'modify-project': [cmd('project.rename', 'projects.update'), panel('rename', 'projects.update')],
  'archive-project': [cmd('project.archive', 'projects.archive'), panel('archive', 'projects.archive')],

  // Project members, their roles, and groups in a project
  'create-project-user': [cmd('projectUser.add', 'projectUsers.create'), panel('addMember', 'projectUsers.create')],
  'modify-project-user': [cmd('projectUser.changeRole', 'projectUsers.update'), panel('setMemberRole', 'projectUsers.update')],
  'delete-project-user': [cmd('projectUser.remove', 'projectUsers.delete'), panel('removeMember', 'projectUsers.delete')],
  'assign-project-user-role': [cmd('projectUser.assignRole', 'projectUsers.roles.assign'), panel('assignRole', 'projectUsers.roles.assign')],
  'unassign-project-user-role': [cmd('projectUser.unassignRole', 'projectUsers.roles.unassign'), panel('unassignRole', 'projectUsers.roles.unassign')],
  'add-project-group': [cmd('projectGroup.add', 'projectGroups.add')],
  'remove-project-group': [cmd('projectGroup.remove', 'projectGroups.remove')],
  'assign-project-group-role': [cmd('projectGroup.assignRole', 'projectGroups.roles.assign')],
  'unassign-project-group-role': [cmd('projectGroup.unassignRole', 'projectGroups.roles.unassign')],

  // Service accounts and API keys
  'create-project-service-account': [cmd('serviceAccount.create', 'serviceAccounts.create'), panel('createServiceAccount', 'serviceAccounts.create')],
  'update-project-service-account': [cmd('serviceAccount.changeRole', 'serviceAccounts.update'), cmd('serviceAccount.rename', 'serviceAccounts.update')],
  'delete-project-service-account': [cmd('serviceAccount.delete', 'serviceAccounts.delete'), panel('deleteServiceAccount', 'serviceAccounts.delete')],
  CreateanAPIkeyforaserviceaccount: [cmd('serviceAccount.createApiKey', 'serviceAccounts.apiKeys.create')],
  'update-project-api-key': [cmd('projectApiKey.edit', 'projectApiKeys.update'), panel('saveApiKeys', 'projectApiKeys.update')],
  'update-project-service-tier-settings': [cmd('serviceTier.edit', 'serviceTierSettings.update'), panel('saveServiceTier', 'serviceTierSettings.update')],
  // Workload identity
  'create-workload-identity-provider': [cmd('workloadIdentityProvider.create', 'workloadIdentityProviders.create')],
  'update-workload-identity-provider': [cmd('workloadIdentityProvider.edit', 'workloadIdentityProviders.update')],
  'delete-workload-identity-provider': [cmd('workloadIdentityProvider.delete', 'workloadIdentityProviders.delete')],
  'create-workload-identity-federation-rule': [cmd('federationRule.create', 'workloadIdentityProviders.federationRules.create')],
  'update-workload-identity-federation-rule': [cmd('federationRule.edit', 'workloadIdentityProviders.federationRules.update')],
  'delete-workload-identity-federation-rule': [cmd('federationRule.delete', 'workloadIdentityProviders.federationRules.delete')],
  // External keys and storage
  'create-external-key': [cmd('externalKey.create', 'externalKeys.create')],
  'validate-external-key': [cmd('externalKey.validate', 'externalKeys.validate')],
  'delete-external-key': [cmd('externalKey.delete', 'externalKeys.delete')],
  'create-external-storage': [cmd('externalStorage.create', 'externalStorage.create')],
  'validate-external-storage': [cmd('externalStorage.validate', 'externalStorage.validate')],
  'delete-external-storage': [cmd('externalStorage.delete', 'externalStorage.delete')],
  'delete-project-api-key': [cmd('projectApiKey.delete', 'projectApiKeys.delete'), panel('deleteApiKey', 'projectApiKeys.delete')],

  // Rate limits and permissions
  'update-project-rate-limits': [cmd('rateLimit.edit', 'rateLimits.update'), panel('saveRateLimits', 'rateLimits.update')],
  'update-project-model-permissions': [cmd('modelPermissions.edit', 'modelPermissions.update'), panel('saveModelPermissions', 'modelPermissions.update')],
  'delete-project-model-permissions': [cmd('modelPermissions.remove', 'modelPermissions.delete'), panel('saveModelPermissions', 'modelPermissions.delete')],
  'update-project-hosted-tool-permissions': [cmd('hostedTools.edit', 'hostedToolPermissions.update'), panel('saveHostedTools', 'hostedToolPermissions.update')],
};

/**
 * Writes deliberately left without an entry point, each with the reason an admin would accept.
 * Empty: every write of the reference is meant to be reachable.
 */
const EXCLUDED: Record<string, string> = {};

const PANEL_PROTOCOL = 'src/webviews/project/protocol.ts';
const PANEL_HOST = 'src/webviews/project';
const PANEL_FRONT_END = 'media/project';

interface MenuItem { command: string; when?: string }
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, MenuItem[]> };
};

/** Shown to the admin somewhere: in a tree or view menu, or in the palette (listed unless hidden with `when: false`). */
function shown(command: string): boolean {
  const { menus } = manifest.contributes;
  const inMenu = ['view/item/context', 'view/title'].some((m) => (menus[m] ?? []).some((i) => i.command === command && i.when !== 'false'));
  const palette = (menus.commandPalette ?? []).filter((i) => i.command === command);
  return inMenu || palette.length === 0 || palette.some((i) => i.when !== 'false');
}

const frontEnd = readdirSync(join(REPO, PANEL_FRONT_END)).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(REPO, PANEL_FRONT_END, f), 'utf8')).join('\n');

describe('UI entry points: every write operation of the API reference', () => {
  const writes = yamlOperations().filter((o) => o.method !== 'GET');
  const writeIds = new Set(writes.map((o) => o.operationId));
  const methods = clientMethods(createAdminClient({ apiKey: 'sk-admin-unused', baseUrl: 'http://127.0.0.1:9/v1', env: {} }));
  const sources = new SourceIndex(['src/commands', 'src/ui', 'src/webviews/project', 'src/model/project']);

  it('reads the reference (143 operations, of which 75 writes)', () => {
    assert.equal(yamlOperations().length, 143);
    assert.equal(writes.length, 75);
  });

  for (const op of writes) {
    describe(`${op.operationId} (${op.method} ${op.path})`, () => {
      if (EXCLUDED[op.operationId]) {
        it(`is excluded: ${EXCLUDED[op.operationId]}`, () => assert.ok(!ENTRY_POINTS[op.operationId], 'excluded and mapped at once'));
        return;
      }
      const entries = ENTRY_POINTS[op.operationId] ?? [];

      it('has a command or panel action that sends it', () => {
        assert.ok(entries.length, `no UI entry point sends ${op.operationId}: add a command (or panel action) and its row in ENTRY_POINTS`);
      });

      for (const entry of entries) {
        const where = 'command' in entry ? `command ${entry.command}` : `panel method ${entry.panel}`;
        it(`${where} → client.${entry.calls}()`, () => {
          assert.equal(methods.get(entry.calls), op.operationId, `client.${entry.calls} does not send ${op.operationId}`);
          if ('command' in entry) {
            assert.ok(manifest.contributes.commands.some((c) => c.command === entry.command), `${entry.command} is not contributed in package.json`);
            assert.ok(shown(entry.command), `${entry.command} is in no menu and hidden from the palette`);
            const handlers = sources.commandHandlers(entry.command);
            assert.equal(handlers.length, 1, `${entry.command} should be registered once in src/commands, found ${handlers.length}`);
            assert.ok(sources.reaches(handlers[0]!.handler, entry.calls), `${entry.command} (${handlers[0]!.file}) never calls client.${entry.calls}()`);
          } else {
            assert.ok(typeMembers(PANEL_PROTOCOL, 'ProjectMethods').includes(entry.panel), `${entry.panel} is not a method of ProjectMethods`);
            assert.ok(frontEnd.includes(`rpc.call('${entry.panel}'`), `the panel's front end (${PANEL_FRONT_END}) never sends ${entry.panel}`);
            const handlers = readdirSync(join(REPO, PANEL_HOST)).flatMap((f) => sources.properties(join(PANEL_HOST, f), entry.panel));
            assert.ok(handlers.length, `no host handler for ${entry.panel} in ${PANEL_HOST}`);
            assert.ok(handlers.some((h) => sources.reaches(h, entry.calls)), `the panel's ${entry.panel} never calls client.${entry.calls}()`);
          }
        });
      }
    });
  }

  it('the table and the exclusions name only write operations of the reference', () => {
    for (const id of [...Object.keys(ENTRY_POINTS), ...Object.keys(EXCLUDED)]) assert.ok(writeIds.has(id), `${id} is not a write operation of the reference`);
  });
});
