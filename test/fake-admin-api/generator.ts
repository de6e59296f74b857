// Builds a whole, internally consistent organisation from a seed. Same options (and anchor)
// → same org, byte for byte.
import { generateAuditLogs, type AuditWorld } from './gen/audit-logs';
import { DAY, GenContext, type GenOptions } from './gen/context';
import { generateAdminKeys, generateCertificates, generateInvites, generateOrgSpendAlerts } from './gen/org-settings';
import { assignKeyExpiry, assignNewResidencies, assignServiceTiers, generateExternalKeys, generateExternalStorage, generateWorkloadIdentity } from './gen/integrations';
import { generateUsers } from './gen/people';
import { generateProjects } from './gen/projects';
import { generateRbac } from './gen/rbac';
import { Rng } from './rng';
import { FakeState } from './state';
import { Table } from './table';

export interface GenerateOrgOptions {
  projects?: number;
  users?: number;
  seed?: number;
  hostile?: boolean;
  /** Unix seconds the org is anchored to; default: start of the current UTC day. */
  now?: number;
  /** The admin key the fake accepts; listed among the admin keys. */
  adminKey?: string;
  /**
   * Only the members (the same ones the seed gives) and the predefined roles: no projects, groups,
   * custom roles, invites, keys, alerts, spend limit or identity providers. What Apply starts from
   * in the org file's round-trip test.
   */
  empty?: boolean;
}

export function startOfUtcDay(ms = Date.now()): number {
  return Math.floor(ms / 1000 / DAY) * DAY;
}

export function generateOrg(options: GenerateOrgOptions = {}): FakeState {
  const opts: GenOptions = {
    projects: options.projects ?? 20,
    users: options.users ?? 200,
    seed: options.seed ?? 1,
    hostile: options.hostile ?? true,
    anchor: options.now ?? startOfUtcDay(),
    adminKey: options.adminKey ?? 'sk-admin-demo',
  };
  const ctx = new GenContext(opts);
  const orgRng = ctx.area('org');
  const state = new FakeState(opts.seed, opts.anchor, new Rng(opts.seed ^ 0x5eed), {
    id: `org-${orgRng.alnum(24)}`,
    name: 'Acme AI',
    dataRetention: 'modified_abuse_monitoring',
    spendLimit: { threshold_amount: 250_000, currency: 'USD', interval: 'month', status: 'enforcing' },
  });

  const users = generateUsers(ctx);
  users.forEach((u) => state.users.insert(u));

  const rbac = generateRbac(ctx, users);
  if (options.empty) {
    state.org.spendLimit = null;
    rbac.orgRoles.filter((x) => x.predefined_role).forEach((x) => state.orgRoles.insert(x));
    rbac.projectPredefinedRoles.forEach((x) => state.projectPredefinedRoles.insert(x));
    return state;
  }
  rbac.orgRoles.forEach((x) => state.orgRoles.insert(x));
  rbac.projectPredefinedRoles.forEach((x) => state.projectPredefinedRoles.insert(x));
  rbac.groups.forEach((g) => state.groups.insert(g));
  for (const [groupId, members] of rbac.groupMembers) state.groupMembers.set(groupId, new Table(members));
  for (const a of rbac.orgAssignments) a.assignments.forEach((x) => state.assignmentsOf('org', a.principalType, a.principalId).insert(x));

  const projects = generateProjects(ctx, { users, groups: rbac.groups });
  const memberRole = rbac.projectPredefinedRoles.find((x) => x.mirrors === 'member')!;
  for (const { project, data } of projects) {
    state.projects.insert(project);
    state.projectData.set(project.id, data);
    // A group granted access to a project holds a project role there.
    for (const pg of data.groups.values()) state.assignmentsOf(project.id, 'group', pg.id).insert({ id: memberRole.id, created_at: pg.created_at, created_by: users[0]!.id });
  }

  const projectRecs = projects.map((p) => p.project);
  generateInvites(ctx, users, projectRecs).forEach((x) => state.invites.insert(x));
  generateAdminKeys(ctx, users).forEach((x) => state.adminKeys.insert(x));
  generateCertificates(ctx, projectRecs).forEach((x) => state.certificates.insert(x));
  generateOrgSpendAlerts(ctx).forEach((x) => state.orgSpendAlerts.insert(x));

  // Added with the November 2026 API; each from its own area, after everything above.
  assignKeyExpiry(ctx, projects);
  assignNewResidencies(ctx, projectRecs);
  assignServiceTiers(ctx, projects);
  generateExternalKeys(ctx, projectRecs, state.org.id).forEach((x) => state.externalKeys.insert(x));
  generateExternalStorage(ctx, projectRecs).forEach((x) => state.externalStorage.insert(x));
  const identity = generateWorkloadIdentity(ctx, projects);
  for (const p of identity.providers) {
    state.workloadIdentityProviders.insert(p);
    identity.rules.get(p.id)!.forEach((rule) => state.federationRulesOf(p.id).insert(rule));
  }
  const world: AuditWorld = {
    orgId: state.org.id,
    users: users.map((u) => ({ id: u.id, email: u.email })),
    projects: projects.map(({ project, data }) => ({
      id: project.id,
      name: project.name,
      keyId: data.apiKeys.values()[0]?.id,
      memberId: data.members.values()[0]?.id,
      serviceAccountId: data.serviceAccounts.values()[0]?.id,
    })),
    groups: rbac.groups.map((g) => ({ id: g.id, name: g.name })),
  };
  state.setAuditLogSource(() => generateAuditLogs(ctx, world));
  return state;
}
