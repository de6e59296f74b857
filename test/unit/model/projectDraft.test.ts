// The Project panel's edit rules without any API: cell validation, what a draft would send, the
// one-line summaries of unsaved changes, conflicts with the server, and which panel sections a
// change of a store list makes stale.
import assert from 'node:assert/strict';
import { changedElsewhere, emptyDraft, pendingChanges, withoutSavedRows, type PanelDraft } from '../../../src/model/project/draft';
import { idleDays, isUnusedKey, unusedKeyDays } from '../../../src/model/project/keys';
import { PANEL_RESOURCES, SECTION_RESOURCES, sectionsForResource } from '../../../src/model/project/sections';
import { RESOURCES } from '../../../src/model/store';
import { SECTION_IDS, type RateLimitRow, type SectionData } from '../../../src/model/project/types';
import { modelPolicyEdit, hostedToolConflicts, toolState } from '../../../src/model/permissionEdits';
import {
  cellProblem, cellState, checkedBody, describeConflict, diffRateLimits, editCell, rateLimitConflicts, rebaseDraft, type RateLimitDraft,
} from '../../../src/model/rateLimitEdits';

const gpt: RateLimitRow = { id: 'rl_gpt', model: 'gpt-4o', limits: { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 30_000 } };
const dalle: RateLimitRow = { id: 'rl_dalle', model: 'dall-e-3', limits: { max_requests_per_1_minute: 50, max_images_per_1_minute: 5 } };
const rows = [gpt, dalle];

const edit = (draft: RateLimitDraft, row: RateLimitRow, field: Parameters<typeof editCell>[2], text: string) => editCell(draft, row, field, text);

describe('project panel: rate-limit table', () => {
  it('validates a cell as you type: whole numbers ≥ 0, only fields the model has', () => {
    assert.equal(cellProblem(gpt, 'max_requests_per_1_minute', '600'), undefined);
    assert.equal(cellProblem(gpt, 'max_requests_per_1_minute', '0'), undefined);
    assert.match(cellProblem(gpt, 'max_requests_per_1_minute', '-1')!, /negative/);
    assert.match(cellProblem(gpt, 'max_requests_per_1_minute', '1.5')!, /without decimals/);
    assert.match(cellProblem(gpt, 'max_requests_per_1_minute', '')!, /whole number/);
    assert.match(cellProblem(gpt, 'max_images_per_1_minute', '5')!, /gpt-4o has no images per minute limit/);
  });

  it('marks cells clean, changed or invalid; retyping the current value is clean', () => {
    let d = edit({}, gpt, 'max_requests_per_1_minute', '600');
    assert.deepEqual(cellState(gpt, d.rl_gpt, 'max_requests_per_1_minute'), { state: 'changed', text: '600' });
    assert.deepEqual(cellState(gpt, d.rl_gpt, 'max_tokens_per_1_minute'), { state: 'clean', text: '30,000' });
    d = edit(d, gpt, 'max_requests_per_1_minute', '500');
    assert.equal(cellState(gpt, d.rl_gpt, 'max_requests_per_1_minute').state, 'clean');
    d = edit(d, gpt, 'max_requests_per_1_minute', '5e2');
    const bad = cellState(gpt, d.rl_gpt, 'max_requests_per_1_minute');
    assert.equal(bad.state, 'invalid');
    assert.match(bad.problem!, /whole number/);
    assert.equal(cellState(gpt, undefined, 'max_images_per_1_minute').text, '', 'a field the model lacks has no value');
  });

  it('remembers the row as it was at the first edit, not at later ones', () => {
    let d = edit({}, gpt, 'max_requests_per_1_minute', '600');
    const moved = { ...gpt, limits: { ...gpt.limits, max_tokens_per_1_minute: 1 } };
    d = edit(d, moved, 'max_tokens_per_1_minute', '2');
    assert.deepEqual(d.rl_gpt!.before, gpt.limits);
    assert.deepEqual(d.rl_gpt!.entered, { max_requests_per_1_minute: '600', max_tokens_per_1_minute: '2' });
  });

  it('diffs into rows that send only the changed fields, and lists what blocks a save', () => {
    let d = edit({}, gpt, 'max_requests_per_1_minute', '1,000');
    d = edit(d, gpt, 'max_tokens_per_1_minute', '30000');
    d = edit(d, dalle, 'max_images_per_1_minute', 'ten');
    d.rl_gone = { before: {}, entered: { max_requests_per_1_minute: '1' } };
    const diff = diffRateLimits(rows, d);
    assert.deepEqual(diff.changes, [{ id: 'rl_gpt', model: 'gpt-4o', body: { max_requests_per_1_minute: 1000 }, before: gpt.limits }]);
    assert.deepEqual(diff.problems.map((p) => [p.id, p.field]), [['rl_dalle', 'max_images_per_1_minute'], ['rl_gone', null]]);
  });

  it('a row whose edits all equal the current values sends nothing', () => {
    const d = edit(edit({}, gpt, 'max_requests_per_1_minute', '500'), gpt, 'max_tokens_per_1_minute', '30_000');
    assert.deepEqual(diffRateLimits(rows, d), { changes: [], problems: [] });
  });

  it('detects rows changed on the server since editing started, including fields the admin did not touch', () => {
    const d = edit(edit({}, gpt, 'max_requests_per_1_minute', '600'), dalle, 'max_images_per_1_minute', '6');
    const { changes } = diffRateLimits(rows, d);
    assert.deepEqual(rateLimitConflicts(changes, rows), [], 'nothing changed on the server');

    const server: RateLimitRow[] = [{ ...gpt, limits: { ...gpt.limits, max_tokens_per_1_minute: 40_000 } }];
    const conflicts = rateLimitConflicts(changes, server);
    assert.deepEqual(conflicts, [
      { id: 'rl_gpt', model: 'gpt-4o', removed: false, fields: [{ field: 'max_tokens_per_1_minute', loaded: 30_000, now: 40_000, mine: undefined }] },
      { id: 'rl_dalle', model: 'dall-e-3', removed: true, fields: [] },
    ]);
    assert.equal(describeConflict(conflicts[0]!), 'gpt-4o: changed on the server since you loaded it: TPM 30,000 → 40,000.');
    assert.match(describeConflict(conflicts[1]!), /dall-e-3: removed/);

    const same = rateLimitConflicts(changes, [{ ...gpt, limits: { ...gpt.limits, max_requests_per_1_minute: 700 } }, dalle]);
    assert.equal(describeConflict(same[0]!), 'gpt-4o: changed on the server since you loaded it: RPM 500 → 700 (you set 600).');
  });

  it('after a reload the edits stay and the conflict check starts from the server\'s rows', () => {
    const d = edit(edit({}, gpt, 'max_requests_per_1_minute', '600'), dalle, 'max_images_per_1_minute', '6');
    const server: RateLimitRow[] = [{ ...gpt, limits: { ...gpt.limits, max_tokens_per_1_minute: 40_000 } }];
    assert.equal(rateLimitConflicts(diffRateLimits(server, d).changes, server).length, 1);
    const rebased = rebaseDraft(d, server);
    assert.deepEqual(Object.keys(rebased), ['rl_gpt'], 'the edit of a row that is gone is dropped');
    assert.deepEqual(rebased.rl_gpt!.entered, { max_requests_per_1_minute: '600' });
    assert.deepEqual(rateLimitConflicts(diffRateLimits(server, rebased).changes, server), []);
  });

  it('the host re-checks a body against the server row and never trusts the sender', () => {
    assert.deepEqual(checkedBody({ body: { max_requests_per_1_minute: 600, max_tokens_per_1_minute: 30_000 } }, gpt), { body: { max_requests_per_1_minute: 600 } });
    assert.match((checkedBody({ body: { max_images_per_1_minute: 1 } }, gpt) as { problem: string }).problem, /no images per minute/);
    assert.match((checkedBody({ body: { max_requests_per_1_minute: -5 } }, gpt) as { problem: string }).problem, /whole number/);
    assert.match((checkedBody({ body: { max_requests_per_1_minute: 1.5 } }, gpt) as { problem: string }).problem, /whole number/);
    assert.match((checkedBody({ body: { max_requests_per_1_minute: '600' } }, gpt) as { problem: string }).problem, /whole number/);
    assert.match((checkedBody({ body: { __proto__: 1, constructor: 2 } as never }, gpt) as { problem: string }).problem, /Unknown rate limit field/);
  });
});

describe('project panel: permissions', () => {
  it('model policy: set, unchanged, remove, invalid', () => {
    const current = { mode: 'allow_list' as const, modelIds: ['gpt-4o', 'o3'] };
    assert.deepEqual(modelPolicyEdit(current, 'allow_list', ['o3', 'gpt-4o']), { kind: 'unchanged' });
    assert.deepEqual(modelPolicyEdit(current, 'deny_list', ['o3']), { kind: 'set', body: { mode: 'deny_list', model_ids: ['o3'] } });
    assert.deepEqual(modelPolicyEdit(null, 'allow_list', [' o3 ', 'o3', 'ft:gpt-4o:acme:x:1']), { kind: 'set', body: { mode: 'allow_list', model_ids: ['o3', 'ft:gpt-4o:acme:x:1'] } });
    assert.deepEqual(modelPolicyEdit(current, 'none', []), { kind: 'remove' });
    assert.deepEqual(modelPolicyEdit(null, 'none', ['o3']), { kind: 'unchanged' });
    assert.match((modelPolicyEdit(current, 'allow_list', []) as { problem: string }).problem, /at least one model/);
    assert.match((modelPolicyEdit(current, 'allow_list', ['gpt 4o']) as { problem: string }).problem, /does not look like a model id/);
    assert.match((modelPolicyEdit(current, 'deny_list', ['<script>']) as { problem: string }).problem, /does not look like a model id/);
  });

  it('hosted tools: a conflict only for tools being changed that moved on the server', () => {
    const before = toolState({ web_search: false, mcp: true });
    const now = toolState({ web_search: false, mcp: false });
    assert.deepEqual(hostedToolConflicts(before, now, { web_search: { enabled: true } }), []);
    assert.deepEqual(hostedToolConflicts(before, now, { mcp: { enabled: false } }), ['mcp']);
  });
});

describe('project panel: pending changes', () => {
  const loaded: Partial<SectionData> = {
    overview: { id: 'proj_1', name: 'Alpha', status: 'active', createdAt: 0, archivedAt: null, residency: null },
    rateLimits: rows,
    modelPermissions: null,
    hostedTools: { code_interpreter: true, file_search: true, image_generation: false, mcp: false, web_search: false },
    dataRetention: { type: 'organization_default' },
  };

  it('a fresh draft is clean', () => {
    assert.deepEqual(pendingChanges(loaded, emptyDraft()), []);
  });

  it('lists each change in words, and flags the invalid ones', () => {
    const draft: PanelDraft = {
      name: '  Beta ',
      rateLimits: edit(edit({}, gpt, 'max_requests_per_1_minute', '600'), dalle, 'max_images_per_1_minute', '-2'),
      policy: { mode: 'deny_list', modelIds: ['o3'], before: null },
      tools: { enabled: { web_search: true, code_interpreter: true }, before: loaded.hostedTools! },
      retention: { type: 'zero_data_retention', before: 'organization_default' },
    };
    assert.deepEqual(pendingChanges(loaded, draft), [
      { section: 'overview', text: 'Name: “Alpha” → “Beta”' },
      { section: 'rateLimits', text: 'Rate limit gpt-4o: RPM 500 → 600' },
      { section: 'rateLimits', text: 'Rate limit dall-e-3 IPM: The limit cannot be negative.', invalid: true },
      { section: 'modelPermissions', text: 'Model permissions: deny list of o3' },
      { section: 'hostedTools', text: 'Web search: on' },
      { section: 'dataRetention', text: 'Data retention: Organization default → Zero data retention' },
    ]);
  });

  it('an empty name is invalid; a name equal to the current one is no change', () => {
    assert.deepEqual(pendingChanges(loaded, { ...emptyDraft(), name: '   ' }), [{ section: 'overview', text: 'The project name cannot be empty.', invalid: true }]);
    assert.deepEqual(pendingChanges(loaded, { ...emptyDraft(), name: 'Alpha' }), []);
  });

  it('tells which edited things moved on the server underneath the draft', () => {
    const draft: PanelDraft = {
      rateLimits: edit(edit({}, gpt, 'max_requests_per_1_minute', '600'), dalle, 'max_images_per_1_minute', '6'),
      tools: { enabled: { web_search: true }, before: { ...loaded.hostedTools!, mcp: true } },
      retention: { type: 'none', before: 'organization_default' },
    };
    const reloaded = { ...loaded, rateLimits: [{ ...gpt, limits: { ...gpt.limits, max_requests_per_1_minute: 900 } }, dalle] };
    assert.deepEqual(changedElsewhere(reloaded, draft), { rateLimitIds: ['rl_gpt'], apiKeyIds: [], sections: ['hostedTools'] });
  });

  it('after a save only the rows that failed stay dirty', () => {
    const d: PanelDraft = { rateLimits: edit(edit({}, gpt, 'max_requests_per_1_minute', '600'), dalle, 'max_images_per_1_minute', '6') };
    assert.deepEqual(Object.keys(withoutSavedRows(d, ['rl_gpt']).rateLimits), ['rl_dalle']);
  });
});

describe('project panel: store lists and sections', () => {
  it('maps a changed store list onto the sections made from it', () => {
    assert.deepEqual(sectionsForResource('project'), ['overview']);
    assert.deepEqual(sectionsForResource('projectUsers'), ['members']);
    assert.deepEqual(sectionsForResource('projectUserRoles'), ['members']);
    assert.deepEqual(sectionsForResource('projectRoles'), ['members']);
    assert.deepEqual(sectionsForResource('projectApiKeys'), ['apiKeys']);
    assert.deepEqual(sectionsForResource('projectSpendAlerts'), ['spend']);
    assert.deepEqual(sectionsForResource('projectCertificates'), []);
    assert.deepEqual(sectionsForResource('members'), []);
  });

  it('makes every section from per-project lists only, so the panel can listen under its project id', () => {
    for (const section of SECTION_IDS) {
      assert.ok(SECTION_RESOURCES[section].length > 0, section);
      for (const resource of SECTION_RESOURCES[section]) {
        assert.ok(RESOURCES[resource].parents >= 1, `${section} is made from ${resource}, which is not a per-project list`);
        assert.ok(PANEL_RESOURCES.includes(resource));
      }
    }
  });
});

describe('project panel: unused keys', () => {
  const now = 1_800_000_000;
  const day = 86_400;
  it('counts idle days from the last use, or from creation when never used', () => {
    assert.equal(idleDays({ createdAt: now - 400 * day, lastUsedAt: now - 10 * day }, now), 10);
    assert.equal(idleDays({ createdAt: now - 120 * day, lastUsedAt: null }, now), 120);
    assert.equal(idleDays({ createdAt: now + day, lastUsedAt: null }, now), 0);
  });
  it('highlights keys idle for more than the setting; 0 turns it off; bad settings fall back to 90', () => {
    assert.equal(isUnusedKey({ createdAt: 0, lastUsedAt: now - 91 * day }, 90, now), true);
    assert.equal(isUnusedKey({ createdAt: 0, lastUsedAt: now - 90 * day }, 90, now), false);
    assert.equal(isUnusedKey({ createdAt: 0, lastUsedAt: null }, 0, now), false);
    assert.equal(unusedKeyDays(30), 30);
    assert.equal(unusedKeyDays(-1), 90);
    assert.equal(unusedKeyDays('7'), 90);
    assert.equal(unusedKeyDays(undefined), 90);
  });
});
