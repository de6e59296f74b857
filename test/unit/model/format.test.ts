// Numbers, money and times in VS Code's display language (model/locale.ts, set once at activation),
// not fixed to en-US; relative times from Intl.RelativeTimeFormat; the words around them from the
// @vscode/l10n bundle.
import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { formatAsOf } from '../../../src/model/asOf';
import { dollars, money, relativeTime, thousands } from '../../../src/model/format';
import { displayLocale, setDisplayLocale } from '../../../src/model/locale';

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const ago = (seconds: number) => NOW / 1000 - seconds;
const NBSP = '\u00a0';

describe('model: formatting in the display language', () => {
  afterEach(() => {
    setDisplayLocale(undefined);
    l10n.config({ contents: {} });
  });

  it('thousands, money and whole dollars: English and German differ', () => {
    setDisplayLocale('en');
    const en = [thousands(1234567), money(1500), dollars(1500), dollars(12.5)];
    assert.deepEqual(en, ['1,234,567', '$1,500.00', '$1,500', '$12.50']);
    setDisplayLocale('de');
    const de = [thousands(1234567), money(1500), dollars(1500), dollars(12.5)];
    assert.deepEqual(de, ['1.234.567', `1.500,00${NBSP}$`, `1.500${NBSP}$`, `12,50${NBSP}$`]);
  });

  it('relative times come from Intl.RelativeTimeFormat in the display language', () => {
    const cases: Array<[number, number, Intl.RelativeTimeFormatUnit]> = [[3 * 86400 + 60, -3, 'day'], [-2 * 3600 - 5, 2, 'hour'], [86400, -1, 'day'], [400 * 86400, -1, 'year']];
    for (const tag of ['en', 'de', 'fr']) {
      setDisplayLocale(tag);
      const rtf = new Intl.RelativeTimeFormat(tag, { numeric: 'always' });
      for (const [seconds, n, unit] of cases) assert.equal(relativeTime(ago(seconds), NOW), rtf.format(n, unit), `${tag}: ${seconds}s`);
    }
    setDisplayLocale('en');
    assert.deepEqual([relativeTime(ago(3 * 86400), NOW), relativeTime(ago(-7200), NOW)], ['3 days ago', 'in 2 hours']);
    setDisplayLocale('de');
    assert.deepEqual([relativeTime(ago(3 * 86400), NOW), relativeTime(ago(-7200), NOW)], ['vor 3 Tagen', 'in 2 Stunden']);
  });

  it('"never" and "just now" are looked up in the l10n bundle', () => {
    assert.deepEqual([relativeTime(null, NOW), relativeTime(ago(10), NOW)], ['never', 'just now']);
    l10n.config({ contents: { never: 'nie', 'just now': 'gerade eben' } });
    assert.deepEqual([relativeTime(undefined, NOW), relativeTime(ago(10), NOW)], ['nie', 'gerade eben']);
  });

  it('"as of" defaults to the display language', () => {
    const at = new Date(2026, 11, 7, 15, 7).getTime();
    setDisplayLocale('de');
    assert.equal(formatAsOf(at, { now: at }), 'as of 15:07');
    setDisplayLocale('en-US');
    assert.match(formatAsOf(at, { now: at })!, /^as of 03:07\sPM$/);
  });

  it('an unset or malformed language falls back to the runtime\'s default', () => {
    setDisplayLocale('de');
    assert.equal(displayLocale(), 'de');
    setDisplayLocale('not a locale!');
    assert.equal(displayLocale(), undefined);
    assert.equal(thousands(1234), (1234).toLocaleString());
    setDisplayLocale('pt-br');
    assert.equal(displayLocale(), 'pt-BR');
  });
});
