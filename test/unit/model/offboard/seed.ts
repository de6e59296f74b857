// A leaver with known holdings, written straight into the fake's state: member of some active
// projects (owner of the first), of some groups, owner of keys in those projects and of one key left
// behind in a project they no longer belong to (hidden from the plain key list).
import type { FakeAdminApi } from '../../api/helpers/fake';

export interface Leaver {
  id: string;
  name: string;
  email: string;
  projects: string[];
  groups: string[];
  keys: { id: string; projectId: string }[];
}

let counter = 0;

export function seedLeaver(fake: FakeAdminApi, opts: { projects?: number; groups?: number; keys?: boolean } = {}): Leaver {
  const s = fake.state;
  const n = ++counter;
  const id = `user_leaver${String(n).padStart(4, '0')}`;
  const name = `Leaver Number ${n}`;
  const email = `leaver.${n}@example.com`;
  const now = s.now();
  s.users.insert({
    id, name, email, role: 'reader', added_at: now, created: now, is_default: false, is_scim_managed: false,
    is_scale_tier_authorized_purchaser: null, picture: null, technical_level: null, developer_persona: null, api_key_last_used_at: null,
  });
  const active = s.projects.values().filter((p) => p.status === 'active');
  // Different projects for each leaver, so tests in one fake do not share them.
  const projects = active.slice(n % 3, (n % 3) + (opts.projects ?? 3)).map((p) => p.id);
  projects.forEach((pid, i) => s.project(pid)!.members.insert({ id, role: i === 0 ? 'owner' : 'member', added_at: now }));
  const groups = s.groups.values().slice(n % 2, (n % 2) + (opts.groups ?? 2)).map((g) => g.id);
  for (const gid of groups) s.groupMembersOf(gid).insert({ id, added_at: now });
  const keys: Leaver['keys'] = [];
  if (opts.keys !== false) {
    const left = active.find((p) => !projects.includes(p.id))!.id;
    for (const projectId of [projects[0]!, ...projects, left]) {
      const keyId = `key_leaver${n}x${keys.length}`;
      s.project(projectId)!.apiKeys.insert({
        id: keyId, name: `leaver key ${keys.length}`, created_at: now, last_used_at: null,
        redacted_value: `sk-proj-...${String(keys.length).padStart(4, '0')}`, owner: { type: 'user', id }, scopes: [],
      });
      keys.push({ id: keyId, projectId });
    }
  }
  s.touch();
  return { id, name, email, projects, groups, keys };
}
