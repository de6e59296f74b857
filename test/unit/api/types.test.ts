/**
 * Compile-time checks (tsc -p . fails if a @ts-expect-error stops erroring):
 * argument and result types come from schema.d.ts, not from `any`.
 */
import assert from 'node:assert/strict';
import { createAdminClient, type AdminClient, type Project, type UsageBucket } from '../../../src/api';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(value: T) => value;

// Never called: only type-checked.
async function typeChecks(c: AdminClient) {
  const project = await c.projects.retrieve('proj_1');
  expectType<Equal<typeof project, Project>>(true);
  expectType<Equal<typeof project.object, 'organization.project'>>(true);

  const page = await c.projectUsers.listPage('proj_1', { limit: 10, after: 'user_1' });
  expectType<Equal<typeof page.nextCursor, string | null>>(true);
  for await (const bucket of c.usage.completions.iterate({ start_time: 0, bucket_width: '1h', group_by: ['model'] })) {
    expectType<Equal<typeof bucket, UsageBucket>>(true);
  }

  // @ts-expect-error start_time is required for usage
  await c.usage.completions.listPage({});
  // @ts-expect-error group_by values are the endpoint's enum
  await c.usage.embeddings.listPage({ start_time: 0, group_by: ['batch'] });
  // @ts-expect-error a project member needs both ids
  await c.projectUsers.retrieve('proj_1');
  // @ts-expect-error a create needs its body
  await c.projects.create();
  // @ts-expect-error unknown body fields are rejected
  await c.projects.create({ name: 'x', colour: 'red' });
  // @ts-expect-error iterate manages the cursor itself
  c.users.iterate({ after: 'user_1' });
  // The service-account key body is optional in the spec, so it is here too.
  await c.serviceAccounts.apiKeys.create('proj_1', 'svc_1');
  await c.projects.archive('proj_1', { signal: AbortSignal.timeout(1000) });
  await c.certificates.retrieve('cert_1', { include: ['content'] }, { timeoutMs: 5000 });
}

describe('api types', () => {
  it('are checked by tsc (see the @ts-expect-error lines in this file)', () => {
    assert.equal(typeof typeChecks, 'function');
    assert.equal(typeof createAdminClient({ apiKey: 'sk-admin-x', env: {} }).projects.listPage, 'function');
  });
});
