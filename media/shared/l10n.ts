// The webview speaks VS Code's display language: the host writes the language and its strings bundle
// into the page (<html lang data-l10n>, src/webviews/panel.ts), and this configures @vscode/l10n and
// the formatters' locale (src/model/locale.ts) from them. It runs when imported: each main.ts imports
// it first, so nothing looks a string up before the bundle is there.
import * as l10n from '@vscode/l10n';
import { setDisplayLocale } from '../../src/model/locale';
import type { WebviewL10n } from '../../src/webviews/protocol';

function pageL10n(): WebviewL10n['bundle'] {
  try {
    const bundle: unknown = JSON.parse(document.documentElement.dataset.l10n ?? '{}');
    return bundle && typeof bundle === 'object' ? (bundle as WebviewL10n['bundle']) : {};
  } catch {
    // A page without a readable bundle shows the code's own (English) strings.
    return {};
  }
}

setDisplayLocale(document.documentElement.lang || undefined);
l10n.config({ contents: pageL10n() });
