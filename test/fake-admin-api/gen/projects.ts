// Projects and everything that hangs off a project: members, service accounts, API keys,
// rate limits, permissions, spend controls, project groups and custom project roles.
import { PERMISSION_MODEL_IDS, RATE_LIMIT_DEFAULTS } from '../models';
import { KEY_NAMES, PROJECT_SUFFIXES, PROJECT_WORDS_A, PROJECT_WORDS_B, SERVICE_ACCOUNT_NAMES } from '../names';
import { hashString, Rng, ulidLike } from '../rng';
import { ProjectData, type ApiKeyRec, type GroupRec, type OrgUserRec, type ProjectRec, type RateLimitRec } from '../state';
import { DAY, GenContext } from './context';

const RESIDENCIES = ['GLOBAL', 'GLOBAL', 'GLOBAL', 'GLOBAL', 'US_STORAGE_PROCESSING', 'EU_STORAGE_PROCESSING', 'JP_STORAGE'] as const;

export interface GeneratedProject {
  project: ProjectRec;
  data: ProjectData;
}

export interface ProjectInputs {
  users: readonly OrgUserRec[];
  groups: readonly GroupRec[];
}

export function generateProjects(ctx: GenContext, inputs: ProjectInputs): GeneratedProject[] {
  const r = ctx.area('projects');
  const n = Math.max(1, ctx.opts.projects);
  const created = Array.from({ length: n }, () => ctx.ago(r, 900 * DAY, 2 * DAY)).sort((a, b) => a - b);
  const out: GeneratedProject[] = [];
  for (let i = 0; i < n; i++) {
    const isDefault = i === 0;
    const createdAt = created[i]!;
    const archived = !isDefault && r.chance(0.08);
    const project: ProjectRec = {
      id: `proj_${r.alnum(24)}`,
      name: isDefault ? 'Default project' : ctx.text(r, projectName(r)),
      created_at: createdAt,
      archived_at: archived ? createdAt + Math.floor(r.next() * (ctx.opts.anchor - createdAt)) : null,
      status: archived ? 'archived' : 'active',
      external_key_id: r.chance(0.05) ? `extkey_${r.alnum(16)}` : null,
      residency: r.pick(RESIDENCIES),
      is_default: isDefault,
    };
    out.push({ project, data: generateProjectData(ctx, r, project, inputs) });
  }
  return out;
}

function projectName(r: Rng): string {
  return `${r.pick(PROJECT_WORDS_A)} ${r.pick(PROJECT_WORDS_B)}${r.pick(PROJECT_SUFFIXES)}`;
}

function generateProjectData(ctx: GenContext, r: Rng, project: ProjectRec, inputs: ProjectInputs): ProjectData {
  const data = new ProjectData(() => rateLimitsFor(ctx.opts.seed, project.id));
  const { users } = inputs;
  const since = (t: number) => Math.max(t, project.created_at);
  const between = (from: number) => from + Math.floor(r.next() * Math.max(1, ctx.opts.anchor - from));

  // Members: one or two owners, the rest members, joining after both the project and the user existed.
  const memberCount = Math.min(users.length, r.skewed(Math.min(8, users.length), 60));
  const members = r.sample(users, memberCount);
  const owners = memberCount > 6 ? 2 : 1;
  members
    .map((u, i) => ({ id: u.id, role: i < owners ? ('owner' as const) : ('member' as const), added_at: between(since(u.added_at)) }))
    .sort((a, b) => a.added_at - b.added_at)
    .forEach((m) => data.members.insert(m));

  // Service accounts, each with its own key.
  const saCount = r.chance(0.35) ? 0 : r.skewed(2, 6);
  Array.from({ length: saCount }, (_, i) => ({
    id: `svc_acct_${r.alnum(24)}`,
    name: ctx.text(r, `${r.pick(SERVICE_ACCOUNT_NAMES)}${i ? `-${i + 1}` : ''}`),
    role: r.chance(0.15) ? ('owner' as const) : ('member' as const),
    created_at: between(project.created_at),
  }))
    .sort((a, b) => a.created_at - b.created_at)
    .forEach((sa) => data.serviceAccounts.insert(sa));

  const keys: ApiKeyRec[] = [];
  const key = (owner: ApiKeyRec['owner'], createdAfter: number, prefix: string, name: string): ApiKeyRec => {
    const createdAt = between(createdAfter);
    const use = r.next();
    // Most keys are in active use, some went stale a while ago, some were never used.
    const staleWindow = Math.max(0, ctx.opts.anchor - 30 * DAY - createdAt);
    const lastUsed = use < 0.7 ? Math.max(createdAt, ctx.ago(r, 2 * DAY, 60)) : use < 0.85 ? createdAt + Math.floor(r.next() * staleWindow) : null;
    return {
      id: `key_${r.alnum(16)}`,
      name,
      created_at: createdAt,
      last_used_at: lastUsed,
      redacted_value: `${prefix}...${r.alnum(4)}`,
      owner,
      scopes: [],
      expires_at: null,
    };
  };
  for (const sa of data.serviceAccounts.values()) keys.push(key({ type: 'service_account', id: sa.id }, sa.created_at, 'sk-svcacct', 'Secret Key'));
  for (const m of data.members.values()) {
    if (!r.chance(0.35)) continue;
    const count = r.chance(0.8) ? 1 : 2;
    for (let k = 0; k < count; k++) keys.push(key({ type: 'user', id: m.id }, m.added_at, 'sk-proj', ctx.text(r, r.pick(KEY_NAMES))));
  }
  // A user who has left the project but whose key is still there (owner_project_access=inactive).
  if (r.chance(0.15) && users.length > members.length) {
    const former = users.find((u) => !data.members.has(u.id));
    if (former) keys.push(key({ type: 'user', id: former.id }, since(former.added_at), 'sk-proj', ctx.text(r, 'Legacy integration')));
  }
  keys.sort((a, b) => a.created_at - b.created_at).forEach((k) => data.apiKeys.insert(k));

  if (r.chance(0.25)) {
    data.modelPermissions = r.chance(0.5)
      ? { mode: 'deny_list', model_ids: r.sample(['o3', 'o3-pro', 'gpt-5', 'dall-e-3', 'gpt-image-1'], r.int(1, 2)) }
      : { mode: 'allow_list', model_ids: r.sample(PERMISSION_MODEL_IDS, r.int(2, 5)) };
  }
  if (r.chance(0.2)) {
    for (const tool of ['web_search', 'mcp', 'image_generation', 'code_interpreter', 'file_search'] as const) {
      if (r.chance(0.4)) data.hostedTools[tool] = { enabled: false };
    }
  }
  if (r.chance(0.1)) data.dataRetention = r.pick(['zero_data_retention', 'none', 'modified_abuse_monitoring'] as const);

  const alerts = r.chance(0.2) ? r.int(1, 2) : 0;
  for (let i = 0; i < alerts; i++) {
    data.spendAlerts.insert({
      id: `alert_${r.alnum(20)}`,
      created_at: between(project.created_at),
      threshold_amount: r.pick([500, 1_000, 5_000, 25_000]),
      currency: 'USD',
      interval: 'month',
      notification_channel: { type: 'email', recipients: [`finance${i || ''}@acme.example`], subject_prefix: r.chance(0.5) ? ctx.text(r, 'OpenAI spend alert') : null },
    });
  }
  if (r.chance(0.15)) data.spendLimit = { threshold_amount: r.pick([1_000, 10_000, 50_000]), currency: 'USD', interval: 'month', status: r.chance(0.8) ? 'enforcing' : 'inactive' };

  if (inputs.groups.length && r.chance(0.2)) {
    for (const g of r.sample(inputs.groups, r.int(1, 2))) data.groups.insert({ id: g.id, created_at: between(Math.max(g.created_at, project.created_at)) });
  }
  if (r.chance(0.1)) {
    const at = between(project.created_at);
    data.roles.insert({
      id: `role_${ulidLike(r, at)}`,
      name: ctx.text(r, 'API Project Key Manager'),
      description: 'Allows managing API keys for the project',
      permissions: ['api.organization.projects.api_keys.read', 'api.organization.projects.api_keys.write'],
      resource_type: 'api.project',
      predefined_role: false,
      created_at: at,
      updated_at: at,
      created_by: members[0]?.id ?? null,
      metadata: {},
      project_id: project.id,
      mirrors: null,
    });
  }

  const stores = r.chance(0.4) ? r.int(1, 3) : 0;
  for (let i = 0; i < stores; i++) data.vectorStores.push(`vs_${r.alnum(24)}`);
  return data;
}

/** Default limits, some projects tightened for a few models. Seeded by the project id alone. */
export function rateLimitsFor(seed: number, projectId: string): RateLimitRec[] {
  const r = new Rng(hashString(projectId, seed));
  return RATE_LIMIT_DEFAULTS.map(({ model, limits }) => {
    const factor = r.chance(0.15) ? r.pick([0.5, 0.25, 0.1]) : 1;
    const rec: RateLimitRec = { object: 'project.rate_limit', id: `rl-${model}`, model, ...limits };
    for (const k of Object.keys(limits) as (keyof typeof limits)[]) rec[k] = Math.floor(limits[k]! * factor);
    return rec;
  });
}
