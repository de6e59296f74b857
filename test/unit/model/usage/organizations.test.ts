// Which organization Usage & Costs shows: the selection's organization made valid against the
// connected ones (untrusted input from the webview), filters on one organization's ids dropped where
// they cannot apply, and the tab title.
import assert from 'node:assert/strict';
import { patchSelection, resolveOrganization, usageTitle } from '../../../../src/model/usage/organizations';
import { normalizeSelection } from '../../../../src/model/usage/selection';

const NOW = Date.UTC(2026, 5, 15) / 1000;

describe('usage model: organizations', () => {
  it('resolves the organization: a connected id, "all" only with several, anything else the first', () => {
    assert.equal(resolveOrganization('o2', ['default', 'o2']), 'o2');
    assert.equal(resolveOrganization('all', ['default', 'o2']), 'all');
    assert.equal(resolveOrganization('all', ['default']), 'default', 'one organization has no "all"');
    for (const raw of ['gone', '', 42, null, undefined, { id: 'o2' }, '__proto__']) assert.equal(resolveOrganization(raw, ['default', 'o2']), 'default', String(raw));
    assert.equal(resolveOrganization('x', []), undefined);
  });

  it('normalizes the selection\'s organization; "all" drops filters on projects, users and keys but keeps the rest', () => {
    const raw = { kind: 'completions', filters: { project_ids: ['proj_1'], user_ids: ['u'], api_key_ids: ['k'], models: ['o3'] }, groupBy: ['project_id'] };
    const one = normalizeSelection({ ...raw, organization: 'o2' }, NOW, ['default', 'o2']);
    assert.equal(one.organization, 'o2');
    assert.deepEqual(one.filters, raw.filters);
    const all = normalizeSelection({ ...raw, organization: 'all' }, NOW, ['default', 'o2']);
    assert.equal(all.organization, 'all');
    assert.deepEqual(all.filters, { models: ['o3'] });
    assert.deepEqual(all.groupBy, ['project_id'], 'grouping by project stays: each organization names its own');
    assert.equal(normalizeSelection({ ...raw, organization: 'nope' }, NOW, ['default', 'o2']).organization, 'default');
    // Without the list (one organization's dashboard) a string is kept as it came, anything else dropped.
    assert.equal(normalizeSelection({ organization: 'o2' }, NOW).organization, 'o2');
    assert.equal('organization' in normalizeSelection({ organization: 7 }, NOW), false);
    assert.equal('organization' in normalizeSelection({ organization: 'x'.repeat(500) }, NOW), false);
  });

  it('moving to another organization drops the filters on ids unless the patch brings its own', () => {
    const current = normalizeSelection({ kind: 'costs', organization: 'default', filters: { project_ids: ['proj_1'], line_items: ['gpt-4o, input'] } }, NOW, ['default', 'o2']);
    assert.deepEqual(patchSelection(current, { organization: 'o2' }).filters, { line_items: ['gpt-4o, input'] });
    assert.deepEqual(patchSelection(current, { organization: 'o2', filters: { project_ids: ['proj_9'] } }).filters, { project_ids: ['proj_9'] });
    assert.deepEqual(patchSelection(current, { organization: 'default' }).filters, current.filters, 'the same organization keeps them');
    assert.deepEqual(patchSelection(current, { kind: 'completions' }).filters, current.filters);
  });

  it('titles the tab with the organization only when there are several', () => {
    const orgs = [{ id: 'default', name: 'Acme' }, { id: 'o2', name: 'Globex' }];
    assert.equal(usageTitle([orgs[0]!], 'default'), 'Usage & Costs');
    assert.equal(usageTitle(orgs, 'o2'), 'Usage & Costs — Globex');
    assert.equal(usageTitle(orgs, 'all'), 'Usage & Costs — All organizations');
    assert.equal(usageTitle(orgs, 'gone'), 'Usage & Costs — Acme');
  });
});
