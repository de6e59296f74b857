// An id is one path segment. "." and ".." segments are resolved away by servers and proxies (also
// when percent-encoded: %2E%2E), so `projectUsers.update('..', 'user_1')` would reach
// /organization/users/user_1 and change the user's organization role instead. The client refuses
// such ids, and an empty one, before anything is sent.
import assert from 'node:assert/strict';
import type { AdminClient } from '../../../src/api';
import { clientFor, requestsSince, useFakeApi } from './helpers/fake';

describe('api ids that would change the endpoint are refused before sending (fake Admin API)', () => {
  const fake = useFakeApi({ projects: 2, users: 5 });

  const calls: [string, (c: AdminClient, id: string) => unknown][] = [
    ['projectUsers.update (project id)', (c, id) => c.projectUsers.update(id, 'user_1', { role: 'owner' })],
    ['projectUsers.update (user id)', (c, id) => c.projectUsers.update('proj_1', id, { role: 'owner' })],
    ['projects.retrieve', (c, id) => c.projects.retrieve(id)],
    ['invites.delete', (c, id) => c.invites.delete(id)],
    ['projectUsers.listPage', (c, id) => c.projectUsers.listPage(id)],
    ['projectUsers.all', (c, id) => c.projectUsers.all(id)],
    ['projectUsers.iterate', (c, id) => c.projectUsers.iterate(id).next()],
  ];

  for (const id of ['..', '.', '...', '']) {
    it(`${JSON.stringify(id)}: every kind of call rejects with a clear error, and the server receives nothing`, async () => {
      const since = fake().requests.length;
      const client = clientFor(fake());
      for (const [name, call] of calls) {
        let pending: unknown;
        assert.doesNotThrow(() => { pending = call(client, id); }, `${name} threw synchronously instead of rejecting`);
        await assert.rejects(pending as Promise<unknown>, (err: unknown) => {
          assert.ok(err instanceof TypeError, `${name}: ${String(err)}`);
          assert.match(err.message, /empty|dots/, name);
          return true;
        }, name);
      }
      assert.deepEqual(requestsSince(fake(), since).map((r) => `${r.method} ${r.path}`), []);
    });
  }
});
