// Audit log history: many events with realistic actors, pointing at objects that exist.
import type { components } from '../../../src/api/schema';
import type { Rng } from '../rng';
import { RATE_LIMIT_DEFAULTS } from '../models';
import type { AuditLogRec } from '../state';
import { DAY, GenContext } from './context';

type AuditLog = components['schemas']['AuditLog'];
type EventType = components['schemas']['AuditLogEventType'];

const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'OpenAI/Python 1.99.1',
  'curl/8.7.1',
];
const PLACES = [
  { country: 'US', city: 'San Francisco', region: 'California', region_code: 'CA' },
  { country: 'DE', city: 'Berlin', region: 'Berlin', region_code: 'BE' },
  { country: 'IN', city: 'Bengaluru', region: 'Karnataka', region_code: 'KA' },
  { country: 'JP', city: 'Tokyo', region: 'Tokyo', region_code: '13' },
];

/** What the history refers to, captured when the org is generated (logs are built later). */
export interface AuditWorld {
  orgId: string;
  users: readonly { id: string; email: string }[];
  projects: readonly { id: string; name: string; keyId?: string; memberId?: string; serviceAccountId?: string }[];
  groups: readonly { id: string; name: string }[];
}

interface Event {
  type: EventType;
  project?: { id: string; name: string };
  resourceId: string | null;
  payload: Record<string, unknown>;
}

export function generateAuditLogs(ctx: GenContext, world: AuditWorld): AuditLogRec[] {
  const r = ctx.area('audit');
  const count = Math.min(20_000, 30 * world.projects.length + 3 * world.users.length);
  const logs: AuditLogRec[] = [];
  for (let i = 0; i < count; i++) {
    const event = randomEvent(ctx, r, world);
    const user = r.pick(world.users);
    const viaKey = r.chance(0.4);
    const place = r.pick(PLACES);
    const actor: AuditLog['actor'] = viaKey
      ? { type: 'api_key', api_key: { id: `key_${r.alnum(16)}`, type: 'user', user: { id: user.id, email: user.email } } }
      : {
          type: 'session',
          session: {
            user: { id: user.id, email: user.email },
            ip_address: `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
            ...({ user_agent: r.pick(USER_AGENTS), ip_address_details: { ...place, asn: String(r.int(1000, 65000)) } } as object),
          },
        };
    const effectiveAt = ctx.ago(r, 180 * DAY, 60);
    const id = `audit_log-${r.alnum(24)}`;
    const log = {
      id,
      type: event.type,
      effective_at: effectiveAt,
      actor,
      ...(event.project ? { project: { id: event.project.id, name: event.project.name } } : {}),
      [event.type]: event.payload,
    } as AuditLog;
    logs.push({ id, effective_at: effectiveAt, log, project_id: event.project?.id ?? null, actor_id: user.id, actor_email: user.email, resource_id: event.resourceId });
  }
  return logs.sort((a, b) => a.effective_at - b.effective_at);
}

function randomEvent(ctx: GenContext, r: Rng, world: AuditWorld): Event {
  const project = r.pick(world.projects);
  const roll = r.next();
  if (roll < 0.18) {
    const id = project.keyId ?? `key_${r.alnum(16)}`;
    const type = r.pick(['api_key.created', 'api_key.updated', 'api_key.deleted'] as const);
    const payload = type === 'api_key.created' ? { id, data: { scopes: ['/v1/*'] } } : type === 'api_key.updated' ? { id, changes_requested: { scopes: ['/v1/chat/completions', '/v1/embeddings'] } } : { id };
    return { type, project, resourceId: id, payload };
  }
  if (roll < 0.3) {
    const id = project.memberId ?? r.pick(world.users).id;
    const type = r.pick(['user.added', 'user.updated', 'user.deleted'] as const);
    const payload = type === 'user.added' ? { id, data: { role: 'member' } } : type === 'user.updated' ? { id, changes_requested: { role: 'owner' } } : { id };
    return { type, project, resourceId: id, payload };
  }
  if (roll < 0.42) {
    const type = r.pick(['project.created', 'project.updated', 'project.archived'] as const);
    const payload = type === 'project.created' ? { id: project.id, data: { name: project.name, title: project.name } } : type === 'project.updated' ? { id: project.id, changes_requested: { title: project.name } } : { id: project.id };
    return { type, project, resourceId: project.id, payload };
  }
  if (roll < 0.5) {
    const id = project.serviceAccountId ?? `svc_acct_${r.alnum(24)}`;
    return { type: 'service_account.created', project, resourceId: id, payload: { id, data: { role: 'member' } } };
  }
  if (roll < 0.56) {
    const { model, limits } = r.pick(RATE_LIMIT_DEFAULTS);
    const id = `rl-${model}`;
    return { type: 'rate_limit.updated', project, resourceId: id, payload: { id, changes_requested: { max_requests_per_1_minute: Math.floor(limits.max_requests_per_1_minute / 2) } } };
  }
  if (roll < 0.72) return { type: 'login.succeeded', resourceId: null, payload: {} };
  if (roll < 0.77) return { type: 'login.failed', resourceId: null, payload: { error_code: 'invalid_mfa', error_message: ctx.text(r, 'The MFA code was incorrect') } };
  if (roll < 0.83) {
    const id = `invite-${r.alnum(24)}`;
    return r.chance(0.6)
      ? { type: 'invite.sent', resourceId: id, payload: { id, data: { email: r.pick(world.users).email, role: 'reader' } } }
      : { type: 'invite.accepted', resourceId: id, payload: { id } };
  }
  if (roll < 0.9 && world.groups.length) {
    const g = r.pick(world.groups);
    return { type: 'group.created', resourceId: g.id, payload: { id: g.id, data: { group_name: g.name } } };
  }
  if (roll < 0.95) {
    const id = `role_${r.alnum(26)}`;
    return { type: 'role.assignment.created', project, resourceId: project.id, payload: { id, principal_id: r.pick(world.users).id, principal_type: 'user', resource_id: project.id, resource_type: 'api.project' } };
  }
  return { type: 'organization.updated', resourceId: null, payload: { id: world.orgId, changes_requested: { title: ctx.text(r, 'Acme AI') } } };
}
