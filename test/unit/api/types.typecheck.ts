/**
 * Compile-time checks that argument and result types come from schema.d.ts, not from `any`.
 *
 * Not a mocha test (the name does not match `*.test.ts`): nothing here can fail at run time. It is
 * checked by `npm run typecheck`, whose `tsc -p .` includes everything under test/ (tsconfig.json).
 * That check fails when an `expectType` does not hold or when a `@ts-expect-error` line stops being
 * an error (TS2578), i.e. when a wrong call would be accepted.
 */
import type { AdminClient, Project, UsageBucket } from '../../../src/api';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(value: T) => value;

// Never called: only type-checked. Exported so noUnusedLocals does not flag it.
export async function typeChecks(c: AdminClient) {
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
