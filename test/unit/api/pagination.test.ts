import assert from 'node:assert/strict';
import { clientFor, requestsSince, useFakeApi } from './helpers/fake';

const DAY = 86_400;

function assertUnique(ids: string[], label: string): void {
  assert.equal(new Set(ids).size, ids.length, `${label}: an item was repeated`);
}

describe('api pagination across many pages (fake Admin API)', function () {
  this.timeout(20_000);
  const fake = useFakeApi({ projects: 12, users: 250 });

  describe('style A (after = last_id)', () => {
    it('iterates 250 users in 3 pages of 100, nothing lost or repeated', async () => {
      const since = fake().requests.length;
      const users = await clientFor(fake()).users.all();
      const expected = fake().state.users.values().map((u) => u.id);
      assert.equal(users.length, 250);
      assert.deepEqual(users.map((u) => u.id), expected);
      const pages = requestsSince(fake(), since, 'GET /organization/users');
      assert.equal(pages.length, 3);
      const params = pages.map((r) => new URLSearchParams(r.query));
      assert.deepEqual(params.map((p) => p.get('limit')), ['100', '100', '100']);
      assert.equal(params[0]!.get('after'), null);
      assert.equal(params[1]!.get('after'), users[99]!.id);
      assert.equal(params[2]!.get('after'), users[199]!.id);
    });

    it('offers one page at a time for "Load more…"', async () => {
      const client = clientFor(fake());
      const first = await client.users.listPage({ limit: 100 });
      assert.equal(first.data.length, 100);
      assert.equal(first.hasMore, true);
      assert.equal(first.nextCursor, first.data[99]!.id);
      const second = await client.users.listPage({ after: first.nextCursor!, limit: 100 });
      const third = await client.users.listPage({ after: second.nextCursor! });
      assert.equal(third.data.length, 50);
      assert.equal(third.hasMore, false);
      assert.equal(third.nextCursor, null);
      const ids = [...first.data, ...second.data, ...third.data].map((u) => u.id);
      assertUnique(ids, 'users');
      assert.equal(ids.length, 250);
    });

    it('a caller-supplied limit wins; iteration stops requesting when the loop breaks', async () => {
      const since = fake().requests.length;
      const seen: string[] = [];
      for await (const user of clientFor(fake()).users.iterate({ limit: 7 })) {
        seen.push(user.id);
        if (seen.length === 10) break;
      }
      const pages = requestsSince(fake(), since, 'GET /organization/users');
      assert.equal(pages.length, 2);
      assert.ok(pages.every((r) => new URLSearchParams(r.query).get('limit') === '7'));
    });

    it('pages path-scoped lists (project members of a project)', async () => {
      const client = clientFor(fake());
      const project = fake()
        .state.projects.values()
        .map((p) => ({ p, n: fake().state.project(p.id)!.members.size }))
        .sort((a, b) => b.n - a.n)[0]!;
      assert.ok(project.n > 3, 'the biggest project has a few members');
      const members = await client.projectUsers.all(project.p.id, { limit: 3 });
      assert.equal(members.length, project.n);
      assertUnique(members.map((m) => m.id), 'members');
    });
  });

  describe('style B (after = next)', () => {
    it('iterates org roles with a small page size and matches one big page', async () => {
      const client = clientFor(fake());
      for (let i = 0; i < 6; i++) {
        await client.roles.create({ role_name: `pagination-role-${i}`, permissions: [], description: null });
      }
      const since = fake().requests.length;
      const onePage = await client.roles.listPage();
      assert.equal(new URLSearchParams(requestsSince(fake(), since)[0]!.query).get('limit'), '1000');
      assert.equal(onePage.hasMore, false);
      const paged = await client.roles.all({ limit: 4 });
      assert.deepEqual(paged.map((r) => r.id), onePage.data.map((r) => r.id));
      assert.ok(paged.length >= 6);
      const pages = requestsSince(fake(), since, 'GET /organization/roles').slice(1);
      assert.equal(pages.length, Math.ceil(paged.length / 4));
    });

    it('iterates a user\'s role assignments (listPage cursor = next)', async () => {
      const client = clientFor(fake());
      const user = fake().state.users.values()[5]!;
      const roles = (await client.roles.all()).filter((r) => r.name.startsWith('pagination-role-'));
      for (const role of roles) await client.users.roles.assign(user.id, { role_id: role.id });
      const all = await client.users.roles.all(user.id);
      const first = await client.users.roles.listPage(user.id, { limit: 2 });
      assert.equal(first.data.length, 2);
      assert.equal(first.hasMore, true);
      assert.ok(first.nextCursor);
      const paged = await client.users.roles.all(user.id, { limit: 2 });
      assert.deepEqual(paged.map((r) => r.id), all.map((r) => r.id));
      assert.ok(paged.length >= roles.length);
      assertUnique(paged.map((r) => r.id), 'assignments');
    });

    it('iterates group members', async () => {
      const client = clientFor(fake());
      const group = await client.groups.create({ name: 'pagination group' });
      const users = fake().state.users.values().slice(0, 11);
      for (const u of users) await client.groups.users.add(group.id, { user_id: u.id });
      const members = await client.groups.users.all(group.id, { limit: 4 });
      assert.deepEqual(members.map((m) => m.id).sort(), users.map((u) => u.id).sort());
    });
  });

  describe('style C (page = next_page)', () => {
    const end = () => {
      const anchor = fake().state.anchor;
      return anchor - (anchor % DAY);
    };

    it('iterates 90 daily buckets in pages of 31 with no gap or repeat', async () => {
      const since = fake().requests.length;
      const buckets = await clientFor(fake()).usage.completions.all({ start_time: end() - 90 * DAY, end_time: end(), bucket_width: '1d' });
      assert.equal(buckets.length, 90);
      buckets.forEach((b, i) => {
        assert.equal(b.start_time, end() - (90 - i) * DAY, `bucket ${i}`);
        assert.equal(b.end_time, b.start_time + DAY);
      });
      const pages = requestsSince(fake(), since, 'GET /organization/usage/completions').map((r) => new URLSearchParams(r.query));
      assert.equal(pages.length, 3);
      assert.deepEqual(pages.map((p) => p.get('limit')), ['31', '31', '31']);
      assert.equal(pages[0]!.get('page'), null);
      assert.ok(pages[1]!.get('page') && pages[2]!.get('page'));
    });

    it('uses the hourly maximum (168) and offers page-at-a-time with next_page', async () => {
      const client = clientFor(fake());
      const query = { start_time: end() - 200 * 3600, end_time: end(), bucket_width: '1h' as const, group_by: ['model' as const] };
      const first = await client.usage.embeddings.listPage(query);
      assert.equal(first.data.length, 168);
      assert.equal(first.hasMore, true);
      const second = await client.usage.embeddings.listPage({ ...query, page: first.nextCursor! });
      assert.equal(second.data.length, 32);
      assert.equal(second.hasMore, false);
      assert.equal(second.nextCursor, null);
      assert.equal(second.data[0]!.start_time, first.data[167]!.end_time);
    });

    it('pages costs at 180 buckets', async () => {
      const since = fake().requests.length;
      const buckets = await clientFor(fake()).costs.all({ start_time: end() - 200 * DAY, end_time: end(), group_by: ['project_id'] });
      assert.equal(buckets.length, 200);
      const pages = requestsSince(fake(), since, 'GET /organization/costs').map((r) => new URLSearchParams(r.query));
      assert.deepEqual(pages.map((p) => p.get('limit')), ['180', '180']);
      assert.deepEqual(pages[0]!.getAll('group_by'), ['project_id']);
    });
  });
});
