// What VS Code turns into something other than text inside its own UI strings.

/** How VS Code finds links in notification and progress text (vs/base/common/linkedText.ts); a match is clickable. */
export const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

/** Codicon syntax, drawn as an icon in the status bar and quick picks. */
export const ICON = /\$\([a-z0-9-~]+\)/i;

/** The invite address from the hardening issue: it used to pass the email check and become a command link. */
export const LINK_EMAIL = '[Open](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%22%7D)@example.com';
