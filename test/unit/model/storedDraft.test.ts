// Unsaved Project panel edits kept after the panel closes (src/model/project/storedDraft.ts): only
// a draft's own shape is kept, an empty one is not worth offering, and the offer names the time.
import assert from 'node:assert/strict';
import { asPanelDraft, asStoredDraft, hasEdits, MAX_STORED_DRAFT_CHARS, savedAtLabel } from '../../../src/model/project/storedDraft';

describe('stored Project panel drafts', () => {
  const draft = { name: 'Renamed', rateLimits: {} };

  it('keeps a draft with edits and refuses anything else', () => {
    assert.deepEqual(asStoredDraft({ savedAt: 1, draft }), { savedAt: 1, draft });
    assert.equal(asStoredDraft({ savedAt: 1, draft: { rateLimits: {} } }), undefined, 'nothing edited: nothing to offer');
    assert.equal(asStoredDraft({ savedAt: 'noon', draft }), undefined);
    assert.equal(asStoredDraft(undefined), undefined);
    assert.equal(asPanelDraft({ ...draft, secret: 'sk-…' }), undefined, 'a key the draft does not have');
    assert.equal(asPanelDraft({ name: 42, rateLimits: {} }), undefined);
    assert.equal(asPanelDraft({ name: 'x' }), undefined, 'no rateLimits: not a draft');
    assert.equal(asPanelDraft({ rateLimits: {}, policy: 'all' }), undefined);
    assert.equal(asPanelDraft({ name: 'x'.repeat(MAX_STORED_DRAFT_CHARS), rateLimits: {} }), undefined, 'too big to keep');
  });

  it('tells a draft with edits from an empty one', () => {
    assert.equal(hasEdits({ rateLimits: {} }), false);
    assert.equal(hasEdits({ rateLimits: {}, apiKeys: {} }), false);
    assert.equal(hasEdits(draft), true);
    assert.equal(hasEdits({ rateLimits: { rl_1: { before: {} as never, entered: { max_requests_per_1_minute: '5' } } } }), true);
    assert.equal(hasEdits({ rateLimits: {}, retention: { type: 'zero_data_retention', before: 'organization_default' } }), true);
  });

  it('labels the time as HH:MM today and with the date on another day', () => {
    const at = new Date(2026, 11, 7, 9, 5).getTime();
    assert.equal(savedAtLabel(at, new Date(2026, 11, 7, 18, 0).getTime()), '09:05');
    assert.equal(savedAtLabel(at, new Date(2026, 11, 8, 8, 0).getTime()), '2026-12-07 09:05');
  });
});
