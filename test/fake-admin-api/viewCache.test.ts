// The CLI fake's cache of listed items' JSON (viewCache.ts): the same bytes' meaning as without it,
// and nothing stale after a write.
import assert from 'node:assert/strict';
import { call, ok, walkA } from './helpers';
import { startFakeAdminApi } from './index';
import type { FakeAdminApi } from './types';
import { encodeJson, RawJson } from './viewCache';

describe('fake-admin-api: cached list items (CLI fakes)', () => {
  let cached: FakeAdminApi;
  let plain: FakeAdminApi;
  before(async () => {
    [cached, plain] = await Promise.all([
      startFakeAdminApi({ seed: 5, users: 150, projects: 4, cacheViews: true }),
      startFakeAdminApi({ seed: 5, users: 150, projects: 4 }),
    ]);
  });
  after(() => Promise.all([cached.close(), plain.close()]));

  it('splices encoded items into the envelope, which keeps its members in order', () => {
    const body = { object: 'list', data: [new RawJson(Buffer.from('{"id":"a","name":"é"}')), { id: 'b' }], first_id: 'a', last_id: 'b', has_more: true };
    const text = encodeJson(body).toString('utf8');
    assert.equal(text, '{"object":"list","data":[{"id":"a","name":"é"},{"id":"b"}],"first_id":"a","last_id":"b","has_more":true}');
    assert.equal(encodeJson({ a: [1, 'x'] }).toString(), '{"a":[1,"x"]}');
  });

  it('lists the same users, page for page, as a fake without the cache (twice: filled, then reused)', async () => {
    for (let round = 0; round < 2; round++) {
      for (const limit of [7, 100]) {
        const [a, b] = await Promise.all([walkA(cached, '/organization/users', { limit }), walkA(plain, '/organization/users', { limit })]);
        assert.deepEqual(a, b);
      }
    }
  });

  it('a write through the API is seen by the next listing', async () => {
    const first = (await ok(cached, 'GET', '/organization/users', { query: { limit: 100 } })).data as { id: string; role: string }[];
    const target = first.find((u) => u.role === 'reader')!;
    await ok(cached, 'POST', `/organization/users/${target.id}`, { body: { role: 'owner' } });
    const after = (await ok(cached, 'GET', '/organization/users', { query: { limit: 100 } })).data as { id: string; role: string }[];
    assert.equal(after.find((u) => u.id === target.id)!.role, 'owner');

    assert.equal((await call(cached, 'DELETE', `/organization/users/${target.id}`)).status, 200);
    const gone = (await walkA(cached, '/organization/users', { limit: 100 })).items as { id: string }[];
    assert.ok(!gone.some((u) => u.id === target.id));
  });
});
