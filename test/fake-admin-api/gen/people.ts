// Org users.
import { DEVELOPER_PERSONAS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, TECHNICAL_LEVELS } from '../names';
import type { OrgUserRec } from '../state';
import { DAY, GenContext, HOUR, slug } from './context';

export function generateUsers(ctx: GenContext): OrgUserRec[] {
  const r = ctx.area('users');
  const n = Math.max(1, ctx.opts.users);
  const users: OrgUserRec[] = [];
  for (let i = 0; i < n; i++) {
    const first = r.pick(FIRST_NAMES);
    const last = r.pick(LAST_NAMES);
    const normalName = `${first} ${last}`;
    const normalEmail = `${slug(first)}.${slug(last)}${i > 0 ? i : ''}@${r.pick(EMAIL_DOMAINS)}`;
    const added = ctx.ago(r, 3 * 365 * DAY, DAY);
    const lastUse = r.next();
    users.push({
      id: `user-${r.alnum(24)}`,
      name: ctx.text(r, normalName),
      email: ctx.email(r, normalEmail, i),
      // The first user founded the org; about one in eight others is an owner.
      role: i === 0 || r.chance(0.12) ? 'owner' : 'reader',
      added_at: added,
      created: added - r.int(0, 400) * DAY,
      is_default: false,
      is_scim_managed: r.chance(0.15),
      is_scale_tier_authorized_purchaser: r.chance(0.05) ? true : null,
      picture: r.chance(0.6) ? `https://s.gravatar.com/avatar/${r.hex(32)}?s=480&r=pg` : null,
      technical_level: r.pick(TECHNICAL_LEVELS),
      developer_persona: r.pick(DEVELOPER_PERSONAS),
      api_key_last_used_at: lastUse < 0.6 ? ctx.ago(r, 3 * DAY, HOUR) : lastUse < 0.8 ? ctx.ago(r, 200 * DAY, 10 * DAY) : null,
    });
  }
  // Creation order is the list order of the real API; the founder stays first.
  const [founder, ...rest] = users;
  rest.sort((a, b) => a.added_at - b.added_at);
  founder!.added_at = Math.min(founder!.added_at, rest[0]?.added_at ?? founder!.added_at) - DAY;
  founder!.is_default = true;
  return [founder!, ...rest];
}
