// The Project panel's API key expiry/scopes edits and service tier settings, without any API: what a
// draft would send, the unsaved-changes lines, conflicts, and the tier rules the webview and host
// share. The expiry wording, typed days and scopes are checked in expiry.test.ts and scopes.test.ts.
import assert from 'node:assert/strict';
import { changedElsewhere, emptyDraft, pendingChanges, withoutSavedKeys, type PanelDraft } from '../../../src/model/project/draft';
import { diffApiKeys, editKey, keyBody } from '../../../src/model/project/keyEdits';
import { readKeyChanges } from '../../../src/model/project/saveKeys';
import {
  draftServiceTierEdit, serviceTierConflicts, serviceTierEdit, toServiceTierData,
} from '../../../src/model/project/serviceTier';
import type { ApiKeyRow, SectionData, ServiceTierData } from '../../../src/model/project/types';

const NOW = 1_800_000_000;
const DAY = 86_400;
const key = (id: string, expiresAt: number | null, name = id): ApiKeyRow => ({
  id, name, redacted: 'sk-...abcd', ownerType: 'user', ownerName: 'Ada', serviceAccountId: null, createdAt: NOW - 100 * DAY, lastUsedAt: null, expiresAt,
});

describe('project panel: API key expiry', () => {
  it('a draft sends only what was edited; problems (bad days, expired key, gone key) are listed, not sent', () => {
    const keys = [key('k1', NOW + 40 * DAY, 'ci'), key('k2', null, 'web'), key('k3', NOW - DAY, 'old')];
    let d = editKey({}, keys[0]!, { expiryDays: '30' });
    d = editKey(d, keys[1]!, { scopes: { restrict: true, text: 'api.all.read api.all.read' } });
    d = editKey(d, keys[2]!, { expiryDays: '10' });
    assert.deepEqual(d.k1!.before, { expiresAt: NOW + 40 * DAY }, 'the expiry when editing started');
    const { changes, problems } = diffApiKeys(keys, { ...d, gone: { expiryDays: '5', before: { expiresAt: null } } }, NOW);
    assert.deepEqual(changes.map((c) => [c.id, c.body]), [['k1', { expires_in_seconds: 30 * DAY }], ['k2', { scopes: ['api.all.read'] }]]);
    assert.deepEqual(problems.map((p) => [p.id, p.message]), [
      ['k3', 'This key has expired; an expired key cannot be changed.'],
      ['gone', 'This key is no longer in the project.'],
    ]);
    assert.deepEqual(keyBody({ scopes: { restrict: false, text: 'ignored' }, before: { expiresAt: null } }), { scopes: [] }, 'unrestricted sends an empty list');
    // Clearing both fields takes the key out of the draft.
    assert.deepEqual(Object.keys(editKey(d, keys[0]!, { expiryDays: undefined })), ['k2', 'k3']);
    const bad = diffApiKeys(keys, editKey({}, keys[0]!, { expiryDays: '400' }), NOW);
    assert.deepEqual([bad.changes, bad.problems.map((p) => p.message)], [[], ['A key can expire at most 365 days from now: enter 1 to 365 days.']]);
  });

  it('lists key edits among the unsaved changes, flags conflicts, and drops saved keys', () => {
    const keys = [key('k1', NOW + 40 * DAY, 'ci'), key('k2', null, 'web')];
    const loaded: Partial<SectionData> = { apiKeys: keys };
    let draft: PanelDraft = { ...emptyDraft(), apiKeys: editKey(editKey({}, keys[0]!, { expiryDays: '30', scopes: { restrict: false, text: '' } }), keys[1]!, { expiryDays: 'x' }) };
    assert.deepEqual(pendingChanges(loaded, draft, NOW), [
      { section: 'apiKeys', text: 'API key ci (sk-...abcd): expires 30 days after saving; unrestricted (the owner\'s permissions)' },
      { section: 'apiKeys', text: 'API key web (sk-...abcd): Enter the days until the key expires: a whole number from 1 to 365.', invalid: true },
    ]);
    assert.deepEqual(changedElsewhere(loaded, draft).apiKeyIds, []);
    const moved = { apiKeys: [{ ...keys[0]!, expiresAt: NOW + 2 * DAY }] };
    assert.deepEqual(changedElsewhere(moved, draft).apiKeyIds, ['k1', 'k2'], 'k1 moved on the server; k2 is gone');
    draft = withoutSavedKeys(draft, ['k1']);
    assert.deepEqual(Object.keys(draft.apiKeys!), ['k2']);
    assert.equal(withoutSavedKeys(draft, ['k2']).apiKeys, undefined);
  });

  it('the host reads key changes strictly: only scopes and expires_in_seconds, in range', () => {
    const ok = readKeyChanges([{ id: 'k1', name: 'ci', body: { expires_in_seconds: 86_400, scopes: ['api.all.read'] }, before: { expiresAt: null } }]);
    assert.deepEqual(ok[0]!.body, { expires_in_seconds: 86_400, scopes: ['api.all.read'] });
    const bad: unknown[] = [
      'k1', [{ id: 'k1', body: {}, before: { expiresAt: null } }],
      [{ id: 'k1', body: { expires_in_seconds: 31_536_001 }, before: { expiresAt: null } }],
      [{ id: 'k1', body: { expires_in_seconds: 0 }, before: { expiresAt: null } }],
      [{ id: 'k1', body: { expires_in_seconds: 1.5 }, before: { expiresAt: null } }],
      [{ id: 'k1', body: { scopes: 'api.all.read' }, before: { expiresAt: null } }],
      [{ id: 'k1', body: { scopes: ['<script>'] }, before: { expiresAt: null } }],
      [{ id: 'k1', body: { name: 'renamed', expires_in_seconds: 60 }, before: { expiresAt: null } }],
      [{ id: 'k1', body: { expires_in_seconds: 60 }, before: { expiresAt: 'soon' } }],
      [{ id: 42, body: { expires_in_seconds: 60 }, before: { expiresAt: null } }],
    ];
    for (const b of bad) assert.throws(() => readKeyChanges(b), TypeError, JSON.stringify(b));
  });
});

describe('project panel: service tiers', () => {
  const std: ServiceTierData = { default: 'standard', enabled: ['flex'] };

  it('reads the API object, ordering tiers and dropping unknown ones', () => {
    assert.deepEqual(toServiceTierData({ default: 'scale', enabled_tiers: ['ultrafast', 'flex', 'warp'] }), { default: 'scale', enabled: ['flex', 'ultrafast'] });
    assert.deepEqual(toServiceTierData({ default: 'fast', enabled_tiers: 'all' }), { default: 'fast', enabled: 'all' });
  });

  it('sends only the changed fields; a default tier the project cannot use is refused', () => {
    assert.deepEqual(serviceTierEdit(std, { default: 'standard', enabled: ['flex'] }), { kind: 'unchanged' });
    assert.deepEqual(serviceTierEdit(std, { default: 'scale', enabled: ['flex'] }), { kind: 'set', body: { default: 'scale' } });
    assert.deepEqual(serviceTierEdit(std, { default: 'standard', enabled: ['ultrafast', 'flex'] }), { kind: 'set', body: { enabled_tiers: ['flex', 'ultrafast'] } });
    assert.deepEqual(serviceTierEdit(std, { default: 'standard', enabled: 'all' }), { kind: 'set', body: { enabled_tiers: 'all' } });
    assert.deepEqual(serviceTierEdit(std, { default: 'standard', enabled: [] }), { kind: 'set', body: { enabled_tiers: [] } }, 'Standard only');
    assert.deepEqual(serviceTierEdit(std, { default: 'fast', enabled: ['fast'] }), { kind: 'set', body: { default: 'fast', enabled_tiers: ['fast'] } });
    const invalid = serviceTierEdit(std, { default: 'fast', enabled: ['flex'] });
    assert.equal(invalid.kind, 'invalid');
    assert.match((invalid as { problem: string }).problem, /default tier Fast must also be enabled/);
    assert.equal(serviceTierEdit(std, { default: 'fast', enabled: 'all' }).kind, 'set');
  });

  it('a stale draft changes only the field the admin moved, and conflicts name only edited fields the server changed', () => {
    const before = std;
    const draft = { default: 'scale' as const, enabled: ['flex' as const], before };
    // Someone else enabled every tier meanwhile: the admin's default goes on top, their stale list is not sent.
    const now: ServiceTierData = { default: 'standard', enabled: 'all' };
    assert.deepEqual(draftServiceTierEdit(now, draft), { kind: 'set', body: { default: 'scale' } });
    assert.deepEqual(serviceTierConflicts(before, now, draft), []);
    assert.deepEqual(serviceTierConflicts(before, { default: 'fast', enabled: ['flex', 'fast'] }, draft), ['default']);
    const loaded: Partial<SectionData> = { serviceTier: now };
    assert.deepEqual(pendingChanges(loaded, { ...emptyDraft(), serviceTier: draft }, NOW), [{ section: 'serviceTier', text: 'Default tier: Standard → Scale' }]);
    assert.deepEqual(changedElsewhere(loaded, { ...emptyDraft(), serviceTier: draft }).sections, ['serviceTier']);
    const bad = pendingChanges({ serviceTier: std }, { ...emptyDraft(), serviceTier: { default: 'fast', enabled: [], before: std } }, NOW);
    assert.deepEqual(bad.map((p) => [p.section, p.invalid]), [['serviceTier', true]]);
  });
});
