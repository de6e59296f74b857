// The Access Review's host checks the webview's query field by field: only known fields, kinds,
// sort columns and ids pass; anything else is refused before it reaches the review.
import assert from 'node:assert/strict';
import { isReviewId, parseReviewQuery } from '../../../../src/model/review';

describe('Access Review query validation', () => {
  it('keeps a valid query, dropping empty and false filters', () => {
    assert.deepEqual(parseReviewQuery(undefined), {});
    assert.deepEqual(parseReviewQuery({
      search: ' ada ', projectId: 'proj_abc', role: 'owner', ownsKeys: true, noProject: false, kinds: ['member', 'member', 'invite'],
      sort: { column: 'lastKeyUse', direction: 'desc' },
    }), { search: ' ada ', projectId: 'proj_abc', role: 'owner', ownsKeys: true, kinds: ['member', 'invite'], sort: { column: 'lastKeyUse', direction: 'desc' } });
    assert.deepEqual(parseReviewQuery({ projectId: '', role: '', kinds: [] }), {});
  });

  it('refuses unknown fields, kinds, sort columns and directions, bad ids and oversized text', () => {
    const bad: unknown[] = [
      [], 'text', { evil: 1 }, { __proto__: { x: 1 }, constructor: 1 }, { search: 5 }, { search: 'x'.repeat(201) },
      { projectId: '../users' }, { projectId: '..' }, { projectId: 'a'.repeat(129) }, { role: 'owner; drop' },
      { ownsKeys: 'yes' }, { kinds: ['admin'] }, { kinds: 'member' }, { sort: { column: 'constructor', direction: 'asc' } },
      { sort: { column: 'name', direction: 'up' } }, { sort: null },
    ];
    for (const q of bad) assert.throws(() => parseReviewQuery(q), TypeError, JSON.stringify(q));
  });

  it('ids: API-shaped only', () => {
    for (const ok of ['proj_abc', 'user-8I3xg', 'invite.1']) assert.equal(isReviewId(ok), true, ok);
    for (const no of ['', '.', '..', 'a/b', 'a b', 5, null, 'x'.repeat(129)]) assert.equal(isReviewId(no), false, String(no));
  });
});
