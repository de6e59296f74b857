// The plain-text guard (src/util/plainText.ts) on its own: whatever the text, VS Code finds no link
// and no icon in what it returns, and a person still reads the text as it was.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { plainText } from '../../../src/util/plainText';
import { HOSTILE_STRINGS } from '../../fake-admin-api/hostile-strings';
import { ICON, LINK_EMAIL, NOTIFICATION_LINK } from './helpers/uiText';

const ZWSP = /\u200b/g;
/** Text with plenty of the characters links and icons are made of. */
const linkish = fc.array(fc.constantFrom('[', ']', '(', ')', '$', 'command:', 'https://', 'file:', 'x', ' ', '"', '\n', 'alert', '~spin'), { maxLength: 40 }).map((a) => a.join(''));

describe('plainText: API text in VS Code UI text', () => {
  it('leaves no clickable link and no icon in any hostile string of the fake', () => {
    for (const s of HOSTILE_STRINGS) {
      assert.doesNotMatch(plainText(s), NOTIFICATION_LINK, s);
      assert.doesNotMatch(plainText(s), ICON, s);
    }
    assert.doesNotMatch(plainText(LINK_EMAIL), NOTIFICATION_LINK);
  });

  it('for any text: no link, no icon, the same text once the invisible spaces are taken out, and a second pass changes nothing', () => {
    fc.assert(fc.property(fc.oneof(linkish, fc.string()), (raw) => {
      const s = raw.replace(ZWSP, '');
      const out = plainText(s);
      assert.doesNotMatch(out, NOTIFICATION_LINK);
      assert.doesNotMatch(out, ICON);
      assert.equal(out.replace(ZWSP, ''), s);
      assert.equal(plainText(out), out);
    }), { numRuns: 2000 });
  });

  it('changes nothing in ordinary text', () => {
    for (const s of ['Renaming “Payments” failed: 500 Internal Server Error', 'a@b.co', 'Cost (USD) [beta]', '$5.00 (estimated)']) assert.equal(plainText(s), s);
  });
});
