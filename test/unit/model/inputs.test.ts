import assert from 'node:assert/strict';
import { checkEmail, checkEmailList, checkModelIds, checkWholeDollars, parseWholeDollars, splitList } from '../../../src/model/inputs';

describe('input checks', () => {
  it('checkEmail accepts ordinary addresses and refuses typos', () => {
    for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', ' ada@example.com ']) assert.equal(checkEmail(ok), undefined, ok);
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'ada@@example.com', 'a b@example.com', 'a@b.com, c@d.com']) {
      assert.ok(checkEmail(bad), `accepted ${JSON.stringify(bad)}`);
    }
  });

  it('checkEmail refuses addresses with brackets, parentheses, backslash or colon (they could read as a command link)', () => {
    for (const bad of ['[Open](command:workbench.action.terminal.sendSequence?%7B%7D)@example.com', 'a(b)@example.com', 'ada@[127.0.0.1].com', 'a\\b@example.com', 'mailto:ada@example.com']) {
      assert.ok(checkEmail(bad), `accepted ${JSON.stringify(bad)}`);
      assert.ok(checkEmailList(`ada@example.com, ${bad}`), `the list accepted ${JSON.stringify(bad)}`);
    }
  });

  it('splitList splits on commas, semicolons and spaces, dropping empties and repeats', () => {
    assert.deepEqual(splitList(' a@x.io, b@x.io;;c@x.io  a@x.io ,'), ['a@x.io', 'b@x.io', 'c@x.io']);
    assert.deepEqual(splitList(' , '), []);
  });

  it('checkEmailList names the first bad address', () => {
    assert.equal(checkEmailList('a@x.io, b@x.io'), undefined);
    assert.match(checkEmailList('a@x.io, nope') ?? '', /"nope" is not an email/);
    assert.match(checkEmailList(' ,') ?? '', /at least one/);
  });

  it('checkWholeDollars takes whole dollars with an optional $ and thousands commas', () => {
    for (const ok of ['1', '500', '$500', '1,000', '$12,345,678']) assert.equal(checkWholeDollars(ok), undefined, ok);
    for (const [bad, why] of [['', /whole US dollars/], ['0', /at least \$1/], ['12.50', /no cents/], ['-5', /no cents/], ['5 USD', /no cents/], ['1,00', /no cents/]] as const) {
      assert.match(checkWholeDollars(bad) ?? '', why, bad);
    }
    assert.equal(parseWholeDollars('$1,500'), 1500);
    assert.throws(() => parseWholeDollars('1.5'), RangeError);
  });

  it('checkModelIds accepts ids (fine-tuned too) and refuses junk', () => {
    assert.equal(checkModelIds('gpt-4o, o3-mini ft:gpt-4o-mini:acme:custom:abc123'), undefined);
    assert.match(checkModelIds('') ?? '', /one or more/);
    assert.match(checkModelIds('gpt-4o, *') ?? '', /"\*" does not look like a model id/);
  });
});
