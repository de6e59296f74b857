/**
 * The display language numbers, money and dates are formatted in. One place sets it: the extension at
 * activation (VS Code's display language, `vscode.env.language`: the extension host's own default
 * locale can differ), a webview from its page (the host writes the language there); the CLI leaves
 * it unset, so `Intl` uses the runtime's default.
 *
 * The extension host's lazily loaded bundles share this module's one copy (esbuild.mjs SHARED), so
 * what activation sets holds in every one of them.
 */
let current: string | undefined;

/** A BCP 47 tag such as 'de' or 'pt-br'; undefined, or a tag `Intl` refuses, means the runtime's default. */
export function setDisplayLocale(tag: string | undefined): void {
  try {
    current = tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    current = undefined;
  }
}

export function displayLocale(): string | undefined {
  return current;
}
