// Which row command F2 and Delete run in the explorer. A keybinding's `when` cannot see the focused
// row's contextValue (`viewItem`) in VS Code 1.100, and a command run by a key gets no row, so the
// keys run one dispatcher each (./keyboard.ts) that looks the selected row's context value up here.
// The patterns are the context menus' own (package.json `view/item/context`, groups 1_edit and
// 9_danger): test/unit/commands/keyboardTargets.test.ts fails when the two drift apart. No `vscode`
// import, so that test runs in plain Node.

export type KeyAction = 'rename' | 'delete';

export interface KeyTarget {
  command: string;
  /** The row's context value matches one of these (the menu's `viewItem =~ /…/` clauses). */
  viewItem: readonly RegExp[];
}

export const KEY_TARGETS: Record<KeyAction, readonly KeyTarget[]> = {
  rename: [
    { command: 'openaiAdmin.project.rename', viewItem: [/^project\b.*\bactive\b/] },
    { command: 'openaiAdmin.group.rename', viewItem: [/^group\b/] },
    { command: 'openaiAdmin.serviceAccount.rename', viewItem: [/^serviceAccount\b/] },
    { command: 'openaiAdmin.certificate.rename', viewItem: [/^certificate\b/] },
    // An organization's folder (several connected): its name in VS Code.
    { command: 'openaiAdmin.renameOrganization', viewItem: [/^connection\b/] },
  ],
  delete: [
    // Removing an organization's connection deletes its key from VS Code, never anything at OpenAI.
    { command: 'openaiAdmin.removeOrganization', viewItem: [/^connection\b/] },
    // A project cannot be deleted through the API; archiving is its one destructive action.
    { command: 'openaiAdmin.project.archive', viewItem: [/^project\b.*\bactive\b/] },
    { command: 'openaiAdmin.projectUser.remove', viewItem: [/^projectUser\b/] },
    { command: 'openaiAdmin.projectUser.unassignRole', viewItem: [/^roleAssignment\b/] },
    { command: 'openaiAdmin.serviceAccount.delete', viewItem: [/^serviceAccount\b/] },
    { command: 'openaiAdmin.projectApiKey.delete', viewItem: [/^projectApiKey\b/] },
    { command: 'openaiAdmin.modelPermissions.remove', viewItem: [/^modelPermissions\b.*\bset\b/] },
    { command: 'openaiAdmin.invite.delete', viewItem: [/^invite\b.*\bpending\b/, /^invite\b.*\bexpired\b/] },
    { command: 'openaiAdmin.member.remove', viewItem: [/^member\b/] },
    { command: 'openaiAdmin.group.delete', viewItem: [/^group\b/] },
    { command: 'openaiAdmin.group.removeUser', viewItem: [/^groupUser\b/] },
    { command: 'openaiAdmin.adminKey.delete', viewItem: [/^adminApiKey\b/] },
    { command: 'openaiAdmin.spendLimit.remove', viewItem: [/^spendLimit\b.*\bset\b/] },
    { command: 'openaiAdmin.spendAlert.delete', viewItem: [/^spendAlert\b/] },
    { command: 'openaiAdmin.projectGroup.remove', viewItem: [/^projectGroup\b/] },
    { command: 'openaiAdmin.role.delete', viewItem: [/^role\b.*\bcustom\b/] },
    { command: 'openaiAdmin.certificate.delete', viewItem: [/^certificate\b/] },
    { command: 'openaiAdmin.workloadIdentityProvider.delete', viewItem: [/^workloadIdentityProvider\b/] },
    { command: 'openaiAdmin.federationRule.delete', viewItem: [/^federationRule\b/] },
    { command: 'openaiAdmin.externalKey.delete', viewItem: [/^externalKey\b/] },
    { command: 'openaiAdmin.externalStorage.delete', viewItem: [/^externalStorage\b/] },
  ],
};

/** The command `action` runs for a row with this context value (undefined: the row has no such action). */
export function keyTarget(action: KeyAction, contextValue: string | undefined): string | undefined {
  if (!contextValue) return undefined;
  return KEY_TARGETS[action].find((t) => t.viewItem.some((re) => re.test(contextValue)))?.command;
}
