// The ids ./lazy.ts registers stand-ins for (no `vscode` import, so a plain-Node test can read it).

/** Registered by ./index when loaded; test/unit/commandIds.test.ts checks this list against the sources and package.json. */
export const LAZY_COMMANDS = [
  'openaiAdmin.copy', 'openaiAdmin.openInPlatform', 'openaiAdmin.refreshNode', 'openaiAdmin.goToProject', 'openaiAdmin.findMember',
  'openaiAdmin.findMemberProjects', 'openaiAdmin.offboardMember',
  'openaiAdmin.project.create', 'openaiAdmin.project.rename', 'openaiAdmin.project.archive',
  'openaiAdmin.projectUser.add', 'openaiAdmin.projectUser.changeRole', 'openaiAdmin.projectUser.remove',
  'openaiAdmin.projectUser.assignRole', 'openaiAdmin.projectUser.unassignRole',
  'openaiAdmin.serviceAccount.create', 'openaiAdmin.serviceAccount.delete', 'openaiAdmin.projectApiKey.delete',
  'openaiAdmin.rateLimit.edit', 'openaiAdmin.modelPermissions.edit', 'openaiAdmin.modelPermissions.remove', 'openaiAdmin.hostedTools.edit',
  'openaiAdmin.invite.create', 'openaiAdmin.invite.delete', 'openaiAdmin.member.changeRole', 'openaiAdmin.member.remove',
  'openaiAdmin.group.create', 'openaiAdmin.group.rename', 'openaiAdmin.group.delete', 'openaiAdmin.group.addUser', 'openaiAdmin.group.removeUser',
  'openaiAdmin.adminKey.delete',
  'openaiAdmin.spendLimit.set', 'openaiAdmin.spendLimit.remove', 'openaiAdmin.spendAlert.create', 'openaiAdmin.spendAlert.delete',
  'openaiAdmin.spendAlert.edit',
  'openaiAdmin.serviceAccount.changeRole', 'openaiAdmin.serviceAccount.rename',
  'openaiAdmin.member.assignRole', 'openaiAdmin.member.unassignRole', 'openaiAdmin.group.assignRole', 'openaiAdmin.group.unassignRole',
  'openaiAdmin.projectGroup.add', 'openaiAdmin.projectGroup.remove', 'openaiAdmin.projectGroup.assignRole', 'openaiAdmin.projectGroup.unassignRole',
  'openaiAdmin.role.create', 'openaiAdmin.role.editPermissions', 'openaiAdmin.role.delete',
  'openaiAdmin.certificate.upload', 'openaiAdmin.certificate.rename', 'openaiAdmin.certificate.activate', 'openaiAdmin.certificate.deactivate',
  'openaiAdmin.certificate.delete',
  'openaiAdmin.dataRetention.edit', 'openaiAdmin.adminKey.create',
  'openaiAdmin.projectApiKey.edit', 'openaiAdmin.serviceAccount.createApiKey', 'openaiAdmin.serviceTier.edit',
  'openaiAdmin.workloadIdentityProvider.create', 'openaiAdmin.workloadIdentityProvider.edit', 'openaiAdmin.workloadIdentityProvider.delete',
  'openaiAdmin.federationRule.create', 'openaiAdmin.federationRule.edit', 'openaiAdmin.federationRule.delete',
  'openaiAdmin.externalKey.create', 'openaiAdmin.externalKey.validate', 'openaiAdmin.externalKey.delete',
  'openaiAdmin.externalStorage.create', 'openaiAdmin.externalStorage.validate', 'openaiAdmin.externalStorage.delete',
] as const;
