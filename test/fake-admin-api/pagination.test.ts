// Walking every list style page by page: complete, no duplicates, order kept, limits enforced.
import assert from 'node:assert/strict';
import { busyProject, call, daysAgo, ok, walkA, walkB } from './helpers';
import { startFakeAdminApi } from './index';
import { pageWindow, type Ordered, type WindowSpec } from './pagination';
import type { FakeAdminApi } from './types';

const ids = (items: { id: string }[]) => items.map((x) => x.id);
const assertUnique = (values: string[]) => assert.equal(new Set(values).size, values.length, 'duplicates in walk');

describe('fake-admin-api: pagination', () => {
  let fake: FakeAdminApi;
  before(async () => {
    fake = await startFakeAdminApi({ seed: 3, users: 230, projects: 30 });
  });
  after(() => fake.close());

  describe('style A (after/before, first_id/last_id)', () => {
    for (const limit of [1, 7, 20, 100]) {
      it(`walks all org users with limit=${limit}`, async () => {
        const { items, pages } = await walkA(fake, '/organization/users', { limit });
        assert.deepEqual(ids(items), ids([...fake.state.users.values()]));
        assert.equal(pages, Math.ceil(fake.state.users.size / limit));
      });
    }

    it('first_id/last_id/has_more describe the page; an empty page has null ids', async () => {
      const page = await ok(fake, 'GET', '/organization/users', { query: { limit: 3 } });
      assert.equal(page.object, 'list');
      assert.equal(page.first_id, page.data[0].id);
      assert.equal(page.last_id, page.data[2].id);
      assert.equal(page.has_more, true);
      const last = fake.state.users.values().at(-1)!.id;
      const empty = await ok(fake, 'GET', '/organization/users', { query: { after: last } });
      assert.deepEqual([empty.data, empty.first_id, empty.last_id, empty.has_more], [[], null, null, false]);
    });

    it('default limits: 20 for most lists, 100 for rate limits', async () => {
      assert.equal((await ok(fake, 'GET', '/organization/users')).data.length, 20);
      const project = busyProject(fake);
      const rl = await ok(fake, 'GET', `/organization/projects/${project}/rate_limits`);
      assert.equal(rl.data.length, fake.state.project(project)!.rateLimits.size);
      assert.equal(rl.has_more, false);
    });

    it('projects: archived ones only with include_archived=true', async () => {
      const active = (await walkA(fake, '/organization/projects', { limit: 4 })).items;
      const all = (await walkA(fake, '/organization/projects', { limit: 4, include_archived: true })).items;
      assert.deepEqual(ids(all), ids([...fake.state.projects.values()]));
      assert.ok(active.every((p) => p.status === 'active'));
      assert.ok(all.some((p) => p.status === 'archived'), 'the generated org has archived projects');
      assert.equal(active.length, all.filter((p) => p.status === 'active').length);
    });

    it('audit logs: newest first, complete at limit=100, and `before` pages backwards', async () => {
      const { items } = await walkA(fake, '/organization/audit_logs', { limit: 100 });
      assert.equal(items.length, fake.state.auditLogs.size);
      assertUnique(ids(items));
      for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].effective_at >= items[i].effective_at, 'not newest first');
      const third = await ok(fake, 'GET', '/organization/audit_logs', { query: { limit: 10, after: items[19].id } });
      const back = await ok(fake, 'GET', '/organization/audit_logs', { query: { limit: 10, before: third.first_id } });
      assert.deepEqual(ids(back.data), ids(items.slice(10, 20)));
      assert.equal(back.has_more, true);
    });

    it('`order` is honoured where the operation has it (admin keys asc by default, certificates desc)', async () => {
      const asc = (await walkA(fake, '/organization/admin_api_keys', { limit: 1 })).items;
      const desc = (await walkA(fake, '/organization/admin_api_keys', { limit: 2, order: 'desc' })).items;
      assert.deepEqual(ids(desc), ids(asc).reverse());
      const certs = (await ok(fake, 'GET', '/organization/certificates', { query: { limit: 100 } })).data;
      assert.deepEqual(ids(certs), ids([...fake.state.certificates.values()]).reverse());
    });

    it('a cursor stays valid when its item is deleted between pages', async () => {
      const project = busyProject(fake);
      const before = (await walkA(fake, `/organization/projects/${project}/users`, { limit: 100 })).items;
      const page = await ok(fake, 'GET', `/organization/projects/${project}/users`, { query: { limit: 1 } });
      await ok(fake, 'DELETE', `/organization/projects/${project}/users/${page.last_id}`);
      const rest = (await walkA(fake, `/organization/projects/${project}/users`, { limit: 1, after: page.last_id })).items;
      assert.deepEqual(ids(rest), ids(before.slice(1)));
    });

    it('limit out of range is a 400 with param=limit', async () => {
      for (const limit of [0, 101, -1]) {
        const r = await call(fake, 'GET', '/organization/users', { query: { limit } });
        assert.equal(r.status, 400);
        assert.equal(r.json.error.param, 'limit');
        assert.equal(r.json.error.type, 'invalid_request_error');
      }
      assert.equal((await call(fake, 'GET', '/organization/users', { query: { limit: 'ten' } })).status, 400);
      assert.equal((await call(fake, 'GET', '/organization/users', { query: { after: 'user-doesnotexist' } })).json.error.param, 'after');
    });
  });

  describe('style B (`next` cursor)', () => {
    it('walks groups with a small limit (next = last id), both orders', async () => {
      const asc = (await walkB(fake, '/organization/groups', { limit: 3 })).items;
      assert.deepEqual(ids(asc), ids([...fake.state.groups.values()]));
      const desc = (await walkB(fake, '/organization/groups', { limit: 4, order: 'desc' })).items;
      assert.deepEqual(ids(desc), ids(asc).reverse());
      const page = await ok(fake, 'GET', '/organization/groups', { query: { limit: 2 } });
      assert.equal(page.next, page.data[1].id);
      const last = await ok(fake, 'GET', '/organization/groups', { query: { limit: 1000 } });
      assert.deepEqual([last.has_more, last.next], [false, null]);
    });

    it('group users default to newest first', async () => {
      const group = [...fake.state.groups.values()].find((g) => fake.state.groupMembersOf(g.id).size > 3)!;
      const walked = (await walkB(fake, `/organization/groups/${group.id}/users`, { limit: 2 })).items;
      assert.deepEqual(ids(walked), ids([...fake.state.groupMembersOf(group.id).values()]).reverse());
    });

    it('roles walk with an opaque cursor; a raw id is not a cursor', async () => {
      const roles = (await walkB(fake, '/organization/roles', { limit: 2 })).items;
      assert.deepEqual(ids(roles), ids([...fake.state.orgRoles.values()]));
      const page = await ok(fake, 'GET', '/organization/roles', { query: { limit: 1 } });
      assert.notEqual(page.next, page.data[0].id);
      const bad = await call(fake, 'GET', '/organization/roles', { query: { after: page.data[0].id } });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.param, 'after');
    });

    it('role assignments: many pages and the 1000 maximum', async () => {
      const user = fake.state.users.values()[5]!;
      const customs = fake.state.orgRoles.values().filter((r) => !r.predefined_role && !fake.state.assignmentsOf('org', 'user', user.id).has(r.id));
      for (const role of customs) await ok(fake, 'POST', `/organization/users/${user.id}/roles`, { body: { role_id: role.id } });
      const all = (await ok(fake, 'GET', `/organization/users/${user.id}/roles`, { query: { limit: 1000 } })).data;
      const walked = (await walkB(fake, `/organization/users/${user.id}/roles`, { limit: 1 })).items;
      assert.deepEqual(ids(walked), ids(all));
      assert.ok(all.length >= 2);
      assert.equal((await call(fake, 'GET', `/organization/users/${user.id}/roles`, { query: { limit: 1001 } })).status, 400);
      const zero = await ok(fake, 'GET', `/organization/users/${user.id}/roles`, { query: { limit: 0 } });
      assert.deepEqual(zero.data, []);
    });

    it('project roles list predefined then custom roles', async () => {
      const project = busyProject(fake);
      await ok(fake, 'POST', `/projects/${project}/roles`, { body: { role_name: 'Pager', permissions: ['api.organization.projects.read'] } });
      const roles = (await walkB(fake, `/projects/${project}/roles`, { limit: 1 })).items;
      assert.deepEqual(roles.slice(0, 3).map((r) => r.predefined_role), [true, true, true]);
      assert.equal(roles.at(-1).name, 'Pager');
    });
  });

  describe('style C (usage pages)', () => {
    it('walks 40 daily buckets 7 at a time: contiguous, complete, next_page until the end', async () => {
      const start = daysAgo(40);
      const end = daysAgo(0);
      const buckets: { start_time: number; end_time: number }[] = [];
      let page: string | undefined;
      let pages = 0;
      for (;;) {
        const r = await ok(fake, 'GET', '/organization/usage/completions', { query: { start_time: start, end_time: end, page } });
        assert.equal(r.object, 'page');
        buckets.push(...r.data);
        pages++;
        if (!r.has_more) {
          assert.equal(r.next_page, null);
          break;
        }
        page = r.next_page;
      }
      assert.equal(pages, 6);
      assert.equal(buckets.length, 40);
      buckets.forEach((b, i) => {
        assert.equal(b.start_time, start + i * 86_400);
        assert.equal(b.end_time, b.start_time + 86_400);
      });
    });

    it('costs walk 180 days in one page at limit=180', async () => {
      const r = await ok(fake, 'GET', '/organization/costs', { query: { start_time: daysAgo(180), end_time: daysAgo(0), limit: 180 } });
      assert.equal(r.data.length, 180);
      assert.equal(r.has_more, false);
    });

    it('a foreign page token is a 400', async () => {
      const r = await call(fake, 'GET', '/organization/usage/completions', { query: { start_time: daysAgo(3), page: 'not-a-page' } });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.param, 'page');
    });
  });

  describe('page windows (binary search) agree with a plain scan', () => {
    // The reference is the obvious linear walk over the list in the requested order.
    function reference(positions: number[], spec: WindowSpec): { page: number[]; hasMore: boolean } {
      const ordered = spec.order === 'asc' ? positions : [...positions].reverse();
      const follows = (p: number, c: number) => (spec.order === 'asc' ? p > c : p < c);
      const between = ordered.filter((p) => (spec.after === undefined || follows(p, spec.after)) && (spec.before === undefined || follows(spec.before, p)));
      if (spec.before !== undefined && spec.after === undefined) {
        const from = Math.max(0, between.length - spec.limit);
        return { page: between.slice(from), hasMore: from > 0 };
      }
      return { page: between.slice(0, spec.limit), hasMore: between.length > spec.limit };
    }

    it('for every order, cursor combination and limit over lists with gaps (deleted items)', () => {
      let seed = 7;
      const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
      for (let round = 0; round < 300; round++) {
        const positions = [...new Set(Array.from({ length: rand(30) }, () => 1 + rand(60)))].sort((a, b) => a - b);
        const list: Ordered<number> = { items: positions, pos: (p) => p, id: String, posOfId: (id) => Number(id) };
        const cursor = () => (rand(3) === 0 ? undefined : rand(62));
        const spec: WindowSpec = { order: rand(2) ? 'asc' : 'desc', after: cursor(), before: cursor(), limit: 1 + rand(8) };
        assert.deepEqual(pageWindow(list, spec), reference(positions, spec), JSON.stringify({ positions, spec }));
      }
    });
  });
});
