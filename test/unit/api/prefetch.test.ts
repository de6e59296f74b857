// all(): the next page is requested as soon as the end of the current body names its cursor, and
// the guess is checked against the parsed page. Same requests as the lazy iterate(), only earlier.
import assert from 'node:assert/strict';
import { collectAll, tailCursor, type Page } from '../../../src/api/paginate';
import { clientFor, useFakeApi } from './helpers/fake';

describe('api: reading the next cursor off the end of a list body', () => {
  it('finds the cursor as the envelope\'s last two members, in either order, compact or pretty-printed', () => {
    assert.equal(tailCursor('lastId', '..."first_id":"user-a","last_id":"user-b","has_more":true}'), 'user-b');
    assert.equal(tailCursor('lastId', '...\n  "first_id": "user-a",\n  "last_id": "user-b",\n  "has_more": true\n}\n'), 'user-b');
    assert.equal(tailCursor('next', '..."data":[],"has_more":true,"next":"role_x"}'), 'role_x');
    assert.equal(tailCursor('nextPage', '...}]}],"has_more": true, "next_page": "page_AAAA=="}'), 'page_AAAA==');
    assert.equal(tailCursor('lastId', '..."last_id":"a\\"b\\\\c","has_more":true}'), 'a"b\\c');
  });

  it('finds nothing on the last page, in a nested object, or with another key last', () => {
    assert.equal(tailCursor('lastId', '..."last_id":"user-b","has_more":false}'), null);
    assert.equal(tailCursor('lastId', '..."meta":{"last_id":"user-b","has_more":true}}'), null);
    assert.equal(tailCursor('lastId', '..."data":[{"last_id":"user-b","has_more":true}]}'), null);
    assert.equal(tailCursor('lastId', '..."last_id":"user-b","has_more":true,"extra":1}'), null);
    assert.equal(tailCursor('lastId', '..."last_id":"","has_more":true}'), null);
    assert.equal(tailCursor('next', '..."last_id":"user-b","has_more":true}'), null);
  });
});

/** A list of `pages` pages whose bodies end with `tails[i]` (default: the true next cursor). */
function stubList(pages: number, tails: (string | undefined)[] = []) {
  const requested: string[] = [];
  const aborted: string[] = [];
  const fetchPage = (cursor: string | undefined, signal: AbortSignal | undefined, peek?: (tail: string) => boolean): Promise<Page<number>> => {
    const index = cursor === undefined ? 0 : Number(cursor.slice(1));
    requested.push(cursor ?? '-');
    const last = index === pages - 1;
    const next = last ? null : `p${index + 1}`;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        aborted.push(cursor ?? '-');
        reject(signal!.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      setTimeout(() => {
        const tail = tails[index] ?? (next ? `"last_id":"${next}","has_more":true}` : '"has_more":false}');
        peek?.(tail);
        setTimeout(() => resolve({ data: [index * 10, index * 10 + 1], hasMore: !last, nextCursor: next }), 5);
      }, 5);
    });
  };
  return { fetchPage, requested, aborted };
}

const where = { method: 'GET', path: '/organization/users' };

describe('api: collectAll (prefetching the next page)', () => {
  it('requests each page once, the next one before the current one is done', async () => {
    const list = stubList(4);
    const order: string[] = [];
    const items = await collectAll((c, s, p) => {
      order.push(`start ${c ?? '-'}`);
      return list.fetchPage(c, s, p).then((page) => { order.push(`done ${c ?? '-'}`); return page; });
    }, 'lastId', where);
    assert.deepEqual(items, [0, 1, 10, 11, 20, 21, 30, 31]);
    assert.deepEqual(list.requested, ['-', 'p1', 'p2', 'p3']);
    assert.deepEqual(list.aborted, []);
    assert.ok(order.indexOf('start p1') < order.indexOf('done -'), `p1 was not requested ahead: ${order.join(', ')}`);
  });

  it('aborts a wrong guess and fetches the page the parsed body names', async () => {
    const list = stubList(3, ['"last_id":"p2","has_more":true}']);
    const items = await collectAll(list.fetchPage, 'lastId', where);
    assert.deepEqual(items, [0, 1, 10, 11, 20, 21]);
    assert.deepEqual(list.aborted, ['p2'], 'the wrong guess was not aborted');
    assert.deepEqual(list.requested.filter((c) => c === 'p1'), ['p1']);
  });

  it('works without a readable tail (waits for the parsed page)', async () => {
    const list = stubList(3, ['}', '}']);
    assert.deepEqual(await collectAll(list.fetchPage, 'lastId', where), [0, 1, 10, 11, 20, 21]);
    assert.deepEqual(list.requested, ['-', 'p1', 'p2']);
  });

  it('aborts the page fetched ahead when the caller cancels', async () => {
    const list = stubList(5);
    const controller = new AbortController();
    const run = collectAll((c, s, p) => {
      if (c === 'p2') controller.abort(new Error('stop'));
      return list.fetchPage(c, s, p);
    }, 'lastId', where, controller.signal);
    await assert.rejects(run);
    assert.ok(list.aborted.includes('p2'));
  });
});

describe('api: all() against the fake, every style', function () {
  this.timeout(20_000);
  const fake = useFakeApi({ projects: 12, users: 250 });

  const requestsOf = (route: string, since: number) =>
    fake().requests.slice(since).filter((r) => r.route === route).map((r) => `${r.path}${r.query}`);

  it('style A: the same requests as iterate(), once each', async () => {
    const client = clientFor(fake());
    let since = fake().requests.length;
    const lazy: string[] = [];
    for await (const u of client.users.iterate({ limit: 30 })) lazy.push(u.id);
    const lazyRequests = requestsOf('GET /organization/users', since);
    since = fake().requests.length;
    const eager = (await client.users.all({ limit: 30 })).map((u) => u.id);
    assert.deepEqual(eager, lazy);
    assert.deepEqual(requestsOf('GET /organization/users', since), lazyRequests);
    assert.equal(lazyRequests.length, 9);
  });

  it('style B (next) and style C (next_page) too', async () => {
    const client = clientFor(fake());
    let since = fake().requests.length;
    const lazy: string[] = [];
    for await (const r of client.roles.iterate({ limit: 2 })) lazy.push(r.id);
    const lazyRequests = requestsOf('GET /organization/roles', since);
    since = fake().requests.length;
    assert.deepEqual((await client.roles.all({ limit: 2 })).map((r) => r.id), lazy);
    assert.deepEqual(requestsOf('GET /organization/roles', since), lazyRequests);
    assert.ok(lazyRequests.length > 2);
    since = fake().requests.length;
    const now = Math.floor(Date.now() / 1000);
    const buckets = await client.usage.completions.all({ start_time: now - 90 * 86_400, bucket_width: '1d' });
    assert.ok(buckets.length >= 90);
    const usageRequests = requestsOf('GET /organization/usage/completions', since);
    assert.equal(usageRequests.length, 3);
    assert.equal(new Set(usageRequests).size, 3);
  });
});
