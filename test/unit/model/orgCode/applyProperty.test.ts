// Property: any desired state, applied to an empty organization while the fake fails a share of the
// writes (some before, some after the write happened), then planned and applied again from a fresh
// read, ends equal to the desired state, plans nothing more, and never creates an object twice.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { liveForComparison, planOrgFile, type OrgFile, type ProjectSpec, type RoleAssignmentSpec, type ServiceTierSpec } from '../../../../src/model/orgCode';
import { startFakeAdminApi, type FakeAdminApi, type FaultRule } from '../../../fake-admin-api';
import { closeSharedDispatchers } from '../../../../src/api';
import { clientFor } from '../../api/helpers/fake';
import { apply, assertAllDone, planFor, readLive } from './helpers';

const SEED = 21;
const USERS = 12;
const GROUPS = ['Platform', 'Data', 'Ops'];
const ROLES = ['Auditor', 'Analyst'];
const PERMISSIONS = ['api.usage.read', 'api.groups.read', 'api.organization.billing.read'];
const PROJECTS = ['Alpha', 'Beta', 'Gamma'];
const ACCOUNTS = ['ci', 'deploy'];
const THRESHOLDS = [1_000, 5_000, 20_000];

/** Writes the fake fails: before the write (500, reset) and after it (malformed or truncated answer). */
const FAULT_PATHS = [
  '^/organization/(groups|roles|spend_alerts|spend_limit|data_retention|workload_identity_providers)',
  '^/organization/projects$',
  '^/organization/projects/[^/]+/(users|service_accounts|groups|spend_alerts|spend_limit|data_retention)',
  '^/organization/projects/[^/]+/(rate_limits|model_permissions|hosted_tool_permissions|service_tier_settings)',
  '^/projects/',
];
const faultArb = fc.record({
  path: fc.constantFrom(...FAULT_PATHS),
  kind: fc.constantFrom('status', 'reset', 'malformed', 'truncated') as fc.Arbitrary<FaultRule['kind']>,
  probability: fc.constantFrom(0.2, 0.4, 0.6),
}).map((f): FaultRule => ({ method: 'POST', path: f.path, kind: f.kind, probability: f.probability, ...(f.kind === 'status' ? { status: 500 } : {}) }));

function fileArb(emails: readonly string[]): fc.Arbitrary<OrgFile> {
  const groupsArb = fc.subarray(GROUPS).chain((names) => fc.tuple(...names.map((name) => fc.subarray([...emails], { maxLength: 3 }).map((members) => ({ name, members })))));
  const rolesArb = fc.subarray(ROLES).chain((names) => fc.tuple(...names.map((name) => fc.subarray(PERMISSIONS, { minLength: 1 }).map((permissions) => ({ name, permissions })))));
  const alertsArb = fc.subarray(THRESHOLDS).chain((ts) => fc.tuple(...ts.map((t) => fc.subarray(['a@example.com', 'b@example.com'], { minLength: 1 }).map((recipients) => ({ threshold_amount: t, recipients })))));
  return fc.record({ groups: groupsArb, roles: rolesArb, alerts: alertsArb, projectNames: fc.subarray(PROJECTS, { minLength: 1 }) })
    .chain(({ groups, roles, alerts, projectNames }) => fc.record({
      limit: fc.option(fc.integer({ min: 1_000, max: 100_000 }), { nil: null }),
      retention: fc.constantFrom('zero_data_retention', 'modified_abuse_monitoring') as fc.Arbitrary<'zero_data_retention' | 'modified_abuse_monitoring'>,
      assignments: fc.subarray([...ROLES.flatMap((role) => [...GROUPS.map((group): RoleAssignmentSpec => ({ role, group })), ...emails.slice(0, 2).map((user): RoleAssignmentSpec => ({ role, user }))])], { maxLength: 3 }),
      projects: fc.tuple(...projectNames.map((name) => projectArb(name, emails, groups.map((g) => g.name)))),
      provider: fc.boolean(),
    }).map(({ limit, retention, assignments, projects, provider }): OrgFile => {
      const withAccount = projects.find((p) => (p.service_accounts ?? []).length > 0);
      const roleNames = new Set(roles.map((r) => r.name));
      const groupNames = new Set(groups.map((g) => g.name));
      return {
        version: 1,
        organization: {
          spend_limit: limit === null ? null : { threshold_amount: limit },
          spend_alerts: alerts,
          data_retention: retention,
          groups,
          roles,
          role_assignments: assignments.filter((a) => roleNames.has(a.role) && (a.group === undefined || groupNames.has(a.group))),
          workload_identity_providers: provider && withAccount ? [{
            name: 'CI', issuer: 'https://ci.example.com', audience: 'openai', enabled: true, attribute_transformations: [],
            rules: [{ name: 'main', enabled: true, project: withAccount.name, service_account: withAccount.service_accounts![0]!.name, attribute_matchers: { ref: 'main' } }],
          }] : [],
        },
        projects,
      };
    }));
}

function projectArb(name: string, emails: readonly string[], groups: readonly string[]): fc.Arbitrary<ProjectSpec> {
  return fc.record({
    members: fc.subarray([...emails], { maxLength: 4 }).chain((es) => fc.tuple(...es.map((email) => fc.constantFrom('owner', 'member').map((role) => ({ email, role: role as 'owner' | 'member' }))))),
    accounts: fc.subarray(ACCOUNTS).chain((ns) => fc.tuple(...ns.map((n) => fc.constantFrom('owner', 'member').map((role) => ({ name: n, role: role as 'owner' | 'member' }))))),
    groups: fc.subarray([...groups]).chain((gs) => fc.tuple(...gs.map((group) => fc.constantFrom('Member', 'Viewer').map((role) => ({ group, role }))))),
    customRole: fc.boolean(),
    rpm: fc.integer({ min: 1, max: 10_000 }),
    permissions: fc.option(fc.record({ mode: fc.constantFrom('allow_list', 'deny_list') as fc.Arbitrary<'allow_list' | 'deny_list'>, model_ids: fc.subarray(['gpt-4.1', 'gpt-4o', 'o3']) }), { nil: null }),
    tools: fc.record({ web_search: fc.boolean(), mcp: fc.boolean() }),
    tier: fc.constantFrom<ServiceTierSpec>({ default: 'standard', enabled_tiers: 'all' }, { default: 'standard', enabled_tiers: ['flex'] }, { default: 'scale', enabled_tiers: [] }),
    limit: fc.option(fc.integer({ min: 100, max: 50_000 }), { nil: null }),
    alert: fc.boolean(),
    retention: fc.constantFrom('organization_default', 'none', 'zero_data_retention') as fc.Arbitrary<'organization_default' | 'none' | 'zero_data_retention'>,
  }).map((p): ProjectSpec => ({
    name,
    members: p.members,
    role_assignments: p.customRole && p.members[0] ? [{ role: 'Deployer', user: p.members[0].email }] : [],
    groups: p.groups,
    service_accounts: p.accounts,
    roles: p.customRole ? [{ name: 'Deployer', permissions: ['api.organization.projects.api_keys.read'] }] : [],
    rate_limits: { 'gpt-4o': { max_requests_per_1_minute: p.rpm } },
    model_permissions: p.permissions,
    hosted_tools: p.tools,
    service_tier: p.tier,
    spend_limit: p.limit === null ? null : { threshold_amount: p.limit },
    spend_alerts: p.alert ? [{ threshold_amount: 500, recipients: ['owner@example.com'] }] : [],
    data_retention: p.retention,
  }));
}

/** Successful creates per object: a create answered 200 twice for one name means it was created twice. */
function createdTwice(fake: FakeAdminApi): string[] {
  const creates = fake.requests.filter((r) => r.method === 'POST' && r.status === 200 && /^(create-|add-|inviteUser)/.test(r.operationId) && !r.operationId.includes('role-assign'));
  const keys = creates.map((r) => {
    const b = (r.body ?? {}) as Record<string, unknown>;
    return `${r.path} ${String(b.name ?? b.role_name ?? b.user_id ?? b.group_id ?? b.threshold_amount ?? '')}`;
  });
  return keys.filter((k, i) => keys.indexOf(k) !== i);
}

describe('model: organization as code, property (fake Admin API)', function () {
  this.timeout(120_000);
  after(() => closeSharedDispatchers());

  it('random desired states applied under random faults, then applied again, equal the desired state; nothing is created twice', async () => {
    const probe = await startFakeAdminApi({ users: USERS, seed: SEED, empty: true, hostile: false });
    const emails = probe.state.users.values().map((u) => u.email).sort();
    await probe.close();
    let failedFirst = 0;
    let skippedFirst = 0;
    await fc.assert(fc.asyncProperty(fileArb(emails), fc.array(faultArb, { minLength: 1, maxLength: 3 }), async (file, faults) => {
      const fake = await startFakeAdminApi({ users: USERS, seed: SEED, empty: true, hostile: false });
      try {
        const client = clientFor(fake, { maxRetries: 0 });
        const first = await planFor(client, file);
        assert.deepEqual(first.warnings, []);
        fake.faults.add(faults);
        const outcomes = await apply(first, client);
        fake.faults.clear();
        failedFirst += [...outcomes.values()].filter((o) => o.status === 'failed').length;
        skippedFirst += [...outcomes.values()].filter((o) => o.status === 'skipped').length;
        for (let round = 0; round < 2; round++) {
          const again = await planFor(client, file);
          if (again.steps.length === 0) break;
          assertAllDone(again, await apply(again, client));
        }
        const live = await readLive(client);
        assert.deepEqual(planOrgFile(file, live).steps.map((s) => s.title), [], 'nothing left to do');
        assert.deepEqual(parse(liveForComparison(file, live)), expectedShape(file), 'the organization equals the desired state');
        assert.deepEqual(createdTwice(fake), [], 'no object created twice');
      } finally {
        await fake.close();
      }
    }), { numRuns: 20, seed: 4242 });
    // The faults did bite: writes failed (some after they happened) and steps depending on them were skipped.
    assert.ok(failedFirst > 20 && skippedFirst > 5, `${failedFirst} failed, ${skippedFirst} skipped in the first runs`);
  });
});

/** The file as Compare shows a live organization equal to it (defaults left out, as the file has them). */
function expectedShape(file: OrgFile): unknown {
  return JSON.parse(JSON.stringify(file));
}
