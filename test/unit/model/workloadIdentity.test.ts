import assert from 'node:assert/strict';
import {
  checkAudience, checkHttpsUrl, checkMatchers, describePermissions, formatMatchers, parseMatchers,
} from '../../../src/model/workloadIdentity';

const matchersOf = (text: string) => {
  const r = parseMatchers(text);
  assert.ok('matchers' in r, `refused ${JSON.stringify(text)}: ${'error' in r ? r.error : ''}`);
  return r.matchers;
};

describe('workload identity forms', () => {
  it('takes https issuers and discovery URLs only', () => {
    assert.equal(checkHttpsUrl('https://token.actions.githubusercontent.com'), undefined);
    assert.equal(checkHttpsUrl(' https://accounts.google.com/ '), undefined);
    assert.match(checkHttpsUrl('') ?? '', /required/);
    assert.match(checkHttpsUrl('http://issuer.example.com') ?? '', /https/);
    assert.match(checkHttpsUrl('token.actions.githubusercontent.com') ?? '', /must be a URL/);
    assert.match(checkHttpsUrl('https://a b.example.com', 'The issuer') ?? '', /^The issuer/);
  });

  it('requires an audience without spaces', () => {
    assert.equal(checkAudience('api://openai'), undefined);
    assert.ok(checkAudience(' '));
    assert.ok(checkAudience('two words'));
  });

  it('parses attribute=value pairs, keeping values (even numeric ones) as strings and true/false as booleans', () => {
    assert.deepEqual(matchersOf('sub=repo:acme/app:ref:refs/heads/main, repository_id=123456, ref_protected=true'),
      { sub: 'repo:acme/app:ref:refs/heads/main', repository_id: '123456', ref_protected: true });
    // "=" inside a value is part of the value.
    assert.deepEqual(matchersOf('job_workflow_ref=acme/app/.github/workflows/ci.yml@refs/heads/main, x=a=b'),
      { job_workflow_ref: 'acme/app/.github/workflows/ci.yml@refs/heads/main', x: 'a=b' });
  });

  it('parses a JSON object, for numbers and values with commas', () => {
    assert.deepEqual(matchersOf('{"run_attempt": 1, "name": "a, b", "ok": false}'), { run_attempt: 1, name: 'a, b', ok: false });
  });

  it('refuses empty, malformed, duplicated and non-scalar matchers with a reason', () => {
    for (const [text, why] of [
      ['', /at least one/], [' , ', /at least one/], ['sub', /not attribute=value/], ['=x', /not attribute=value/],
      ['sub=', /no value/], ['sub=a, sub=b', /given twice/], ['bad key=x', /not an attribute name/],
      ['{"a": [1]}', /string, number or true\/false/], ['{nope', /not valid JSON/], ['{}', /at least one/], ['{"a": null}', /string, number/],
    ] as const) {
      assert.match(checkMatchers(text) ?? '', why, text);
    }
  });

  it('formats matchers so that an edit starts from text that parses back to the same value', () => {
    const samples: Array<Record<string, string | number | boolean>> = [
      { sub: 'repo:acme/app:ref:refs/heads/main', ref_protected: true },
      { run_attempt: 1 },
      { name: 'a, b' },
      { literal: 'true' },
      { spaced: ' x ' },
    ];
    for (const m of samples) {
      assert.deepEqual(matchersOf(formatMatchers(m)), m, JSON.stringify(m));
    }
    assert.equal(formatMatchers({ sub: 'x', ok: false }), 'sub=x, ok=false');
  });

  it('describes permissions in words', () => {
    assert.equal(describePermissions({ type: 'service_account_default' }), "the service account's permissions");
    assert.equal(describePermissions({ type: 'restricted', scopes: ['api.all.read'] }), 'restricted to api.all.read');
  });
});
