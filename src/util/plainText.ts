/**
 * Text from the API (names, error messages) inside VS Code's own UI text. Notifications and
 * progress titles turn `[label](command:…)` (and http/file links) into links that run commands when
 * clicked, and the status bar and quick picks draw `$(name)` as icons. A zero-width space keeps such
 * text readable as it is while VS Code no longer recognises the syntax.
 */
export function plainText(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(').replace(/\$\(/g, '$\u200b(');
}
