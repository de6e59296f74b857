// Org-level objects: invites, admin API keys, mTLS certificates, org spend alerts.
import { CERT_NAMES, EMAIL_DOMAINS, FIRST_NAMES } from '../names';
import type { Rng } from '../rng';
import type { AdminKeyRec, CertificateRec, InviteRec, OrgUserRec, ProjectRec, SpendAlertRec } from '../state';
import { DAY, GenContext, HOUR, slug } from './context';

export function generateInvites(ctx: GenContext, users: readonly OrgUserRec[], projects: readonly ProjectRec[]): InviteRec[] {
  const r = ctx.area('invites');
  const count = Math.min(500, Math.max(3, Math.round(users.length * 0.05)));
  const active = projects.filter((p) => p.status === 'active');
  const invites: InviteRec[] = [];
  for (let i = 0; i < count; i++) {
    const status = r.pick(['pending', 'pending', 'accepted', 'accepted', 'expired'] as const);
    const created = status === 'pending' ? ctx.ago(r, 6 * DAY, HOUR) : ctx.ago(r, 400 * DAY, 8 * DAY);
    // Accepted invites belong to people who are now org users.
    const acceptedUser = status === 'accepted' ? r.pick(users) : null;
    invites.push({
      id: `invite-${r.alnum(24)}`,
      email: acceptedUser ? acceptedUser.email : ctx.email(r, `${slug(r.pick(FIRST_NAMES))}.invitee${i}@${r.pick(EMAIL_DOMAINS)}`, i),
      role: r.chance(0.1) ? 'owner' : 'reader',
      status,
      created_at: created,
      expires_at: created + 7 * DAY,
      accepted_at: status === 'accepted' ? created + r.int(1, 6 * 24) * HOUR : null,
      projects: r.chance(0.5) && active.length ? r.sample(active, r.int(1, 2)).map((p) => ({ id: p.id, role: r.chance(0.2) ? 'owner' : 'member' })) : [],
    });
  }
  return invites.sort((a, b) => a.created_at - b.created_at);
}

export function generateAdminKeys(ctx: GenContext, users: readonly OrgUserRec[]): AdminKeyRec[] {
  const r = ctx.area('admin-keys');
  const owners = users.filter((u) => u.role === 'owner');
  const ownerOf = (u: OrgUserRec): AdminKeyRec['owner'] => ({ type: 'user', id: u.id, name: u.name, created_at: u.added_at, role: 'owner' });
  const adminKey = ctx.opts.adminKey;
  // The key the fake accepts is listed too, so the extension can show "the key in use".
  const bootstrap: AdminKeyRec = {
    id: `key_${r.alnum(16)}`,
    name: 'Explorer demo admin key',
    redacted_value: `${adminKey.slice(0, 8)}...${adminKey.slice(-3)}`,
    created_at: ctx.ago(r, 60 * DAY, 10 * DAY),
    expires_at: null,
    last_used_at: ctx.ago(r, HOUR, 60),
    owner: ownerOf(users[0]!),
  };
  const others = Array.from({ length: r.int(2, 5) }, (): AdminKeyRec => {
    const created = ctx.ago(r, 500 * DAY, DAY);
    const expires = r.chance(0.4) ? created + r.pick([30, 90, 365]) * DAY : null;
    return {
      id: `key_${r.alnum(16)}`,
      name: ctx.text(r, r.pick(['Terraform', 'SCIM sync', 'Usage exporter', 'Security audit', 'Backstage plugin'])),
      redacted_value: `sk-admin...${r.alnum(3)}`,
      created_at: created,
      expires_at: expires,
      last_used_at: r.chance(0.7) ? Math.max(created, ctx.ago(r, 20 * DAY, 60)) : null,
      owner: ownerOf(r.pick(owners.length ? owners : users)),
    };
  });
  return [...others, bootstrap].sort((a, b) => a.created_at - b.created_at);
}

export function generateCertificates(ctx: GenContext, projects: readonly ProjectRec[]): CertificateRec[] {
  const r = ctx.area('certificates');
  const count = r.int(2, 6);
  const active = projects.filter((p) => p.status === 'active');
  return Array.from({ length: count }, (_, i): CertificateRec => {
    const created = ctx.ago(r, 400 * DAY, DAY);
    return {
      id: `cert_${r.alnum(24)}`,
      name: r.chance(0.1) ? null : ctx.text(r, CERT_NAMES[i % CERT_NAMES.length]!),
      created_at: created,
      valid_at: created - r.int(0, 10) * DAY,
      expires_at: created + r.pick([90, 365, 730]) * DAY,
      content: fakePem(r),
      active: r.chance(0.5),
      active_projects: r.chance(0.5) && active.length ? r.sample(active, r.int(1, 3)).map((p) => p.id) : [],
    };
  }).sort((a, b) => a.created_at - b.created_at);
}

export function fakePem(r: Rng): string {
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines = Array.from({ length: 8 }, () => r.alnum(64, b64));
  return `-----BEGIN CERTIFICATE-----\nMIID${lines.join('\n').slice(4)}\n-----END CERTIFICATE-----`;
}

export function generateOrgSpendAlerts(ctx: GenContext): SpendAlertRec[] {
  const r = ctx.area('org-spend');
  return [10_000, 50_000, 100_000].slice(0, r.int(1, 3)).map((threshold, i) => ({
    id: `alert_${r.alnum(20)}`,
    created_at: ctx.ago(r, 300 * DAY, DAY) + i,
    threshold_amount: threshold,
    currency: 'USD' as const,
    interval: 'month' as const,
    notification_channel: { type: 'email' as const, recipients: ['finance@acme.example', 'cto@acme.example'].slice(0, i + 1), subject_prefix: i === 0 ? 'OpenAI spend alert' : null },
  })).sort((a, b) => a.created_at - b.created_at);
}
