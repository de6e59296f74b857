// Every webview page carries VS Code's display language and the strings bundle (<html lang data-l10n>),
// which media/shared/l10n.ts reads before the first render. The bundle is text from translators: it
// goes in as an escaped attribute, never as markup.
import assert from 'node:assert/strict';
import type * as PanelModule from '../../../src/webviews/panel';
import { installVscodeStub } from '../security/helpers/vscodeStub';

describe('webview pages carry the display language and the l10n bundle', () => {
  installVscodeStub();
  const { panelHtml } = require('../../../src/webviews/panel') as typeof PanelModule;
  const webview = { cspSource: 'https://webview.test', asWebviewUri: (u: unknown) => u };
  const spec = { viewType: 'x', title: 'X', entry: 'project', styles: [] };
  const html = (l10n?: Parameters<typeof panelHtml>[5]) => panelHtml(webview as never, { scheme: 'file', path: '/ext' } as never, spec, 'nonce', false, l10n);
  const attr = (page: string, name: string) => {
    const m = new RegExp(`<html[^>]* ${name}="([^"]*)"`).exec(page);
    assert.ok(m, `<html> has no ${name}`);
    return m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  };

  it('English without a bundle by default (VS Code without a language pack)', () => {
    const page = html();
    assert.equal(attr(page, 'lang'), 'en');
    assert.deepEqual(JSON.parse(attr(page, 'data-l10n')), {});
  });

  it('the language and every translation, escaped so no translation can become markup', () => {
    const bundle = { Refresh: 'Aktualisieren', 'Projects ({0})': 'Projekte ({0})', evil: '"><script>alert(1)</script>&amp;' };
    const page = html({ language: 'de', bundle });
    assert.equal(attr(page, 'lang'), 'de');
    assert.deepEqual(JSON.parse(attr(page, 'data-l10n')), bundle);
    assert.doesNotMatch(page, /<script>alert/);
    assert.equal(page.match(/<script/g)?.length, 1, 'only the nonce\'d bundle script');
  });
});
