// Theme colours come from VS Code's CSS variables. VS Code swaps them (and the body's
// vscode-light / vscode-dark / vscode-high-contrast class) when the user changes theme while the
// panel is open; anything painted with resolved colours (canvas charts) must repaint then.

export function cssVar(name: string, fallback = ''): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Calls `onChange` after each theme switch. */
export function observeTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
