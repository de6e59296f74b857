// The generated org: deterministic, realistic, salted with hostile strings on request, and fast
// enough for the benchmark sizes.
import assert from 'node:assert/strict';
import { generateOrg } from './generator';
import { HOSTILE_STRINGS } from './hostile-strings';
import { RATE_LIMIT_DEFAULTS } from './models';

const NOW = 1_790_000_000;

describe('fake-admin-api: generator', () => {
  it('is deterministic for a seed and anchor, and differs across seeds', () => {
    const a = JSON.stringify(generateOrg({ seed: 42, now: NOW, projects: 15, users: 80 }));
    const b = JSON.stringify(generateOrg({ seed: 42, now: NOW, projects: 15, users: 80 }));
    const c = JSON.stringify(generateOrg({ seed: 43, now: NOW, projects: 15, users: 80 }));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('the hostile corpus has at least 50 payloads covering the required attack shapes', () => {
    assert.ok(HOSTILE_STRINGS.length >= 50);
    const has = (pred: (s: string) => boolean, what: string) => assert.ok(HOSTILE_STRINGS.some(pred), what);
    has((s) => s === '<img src=x onerror=alert(1)>', 'img onerror');
    has((s) => s === '<script>alert(1)</script>', 'script tag');
    has((s) => s === 'javascript:alert(1)', 'javascript: URL');
    has((s) => /<svg[^>]*onload/i.test(s), 'SVG onload');
    has((s) => /background:url|expression\(/.test(s), 'CSS injection');
    has((s) => s.includes('](command:'), 'command link');
    has((s) => /&(lt|amp|quot);/.test(s), 'HTML entities');
    has((s) => s.includes('\u202E'), 'RTL override');
    has((s) => /[\u200B\u200D\uFEFF]/.test(s), 'zero-width characters');
    has((s) => /\p{Extended_Pictographic}/u.test(s), 'emoji');
    has((s) => /[\u4e00-\u9fff]/.test(s), 'CJK');
    has((s) => /[\u0600-\u06ff]/.test(s), 'Arabic');
    has((s) => s.length === 500, 'a 500-char string');
    has((s) => s.length === 10_000, 'a 10,000-char string');
  });

  it('about one in ten user-controlled strings is hostile when enabled, none when disabled', () => {
    const corpus = new Set(HOSTILE_STRINGS);
    const hostileShare = (hostile: boolean) => {
      const state = generateOrg({ seed: 8, now: NOW, projects: 150, users: 1500, hostile });
      const names = [
        ...state.users.values().map((u) => u.name),
        ...state.projects.values().map((p) => p.name),
        ...[...state.projectData.values()].flatMap((d) => d.serviceAccounts.values().map((s) => s.name)),
      ];
      const emails = state.users.values().map((u) => u.email);
      const nameShare = names.filter((n) => corpus.has(n)).length / names.length;
      const emailShare = emails.filter((e) => e.endsWith('@evil.example')).length / emails.length;
      return { nameShare, emailShare };
    };
    const on = hostileShare(true);
    assert.ok(on.nameShare > 0.06 && on.nameShare < 0.14, `names ${on.nameShare}`);
    assert.ok(on.emailShare > 0.06 && on.emailShare < 0.14, `emails ${on.emailShare}`);
    assert.deepEqual(hostileShare(false), { nameShare: 0, emailShare: 0 });
  });

  it('is realistic by default (no hostile string anywhere), and hostile mode changes only the strings', () => {
    const corpus = new Set(HOSTILE_STRINGS);
    const strings = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];
    const plain = JSON.parse(JSON.stringify(generateOrg({ seed: 8, now: NOW, projects: 40, users: 300 }))) as unknown;
    const hostile = JSON.parse(JSON.stringify(generateOrg({ seed: 8, now: NOW, projects: 40, users: 300, hostile: true }))) as unknown;
    assert.deepEqual(strings(plain).filter((x) => corpus.has(x) || x.endsWith('@evil.example')), []);
    assert.ok(strings(hostile).some((x) => corpus.has(x)), 'hostile mode put no hostile string in');
    // Same shape, same ids, same numbers: every non-string value is the same.
    const shape = (v: unknown): unknown =>
      typeof v === 'string' ? '' : Array.isArray(v) ? v.map(shape) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : v;
    assert.deepEqual(shape(hostile), shape(plain));
  });

  it('builds a realistic, consistent org', () => {
    const state = generateOrg({ seed: 1, now: NOW });
    assert.equal(state.projects.size, 20);
    assert.equal(state.users.size, 200);
    const projects = state.projects.values();
    assert.ok(projects.some((p) => p.status === 'archived' && p.archived_at! >= p.created_at));
    assert.ok(projects.every((p) => p.created_at <= NOW));
    assert.equal(projects[0]!.name, 'Default project');
    assert.equal(new Set(state.users.values().map((u) => u.email.toLowerCase())).size, state.users.size, 'emails unique');
    const roles = new Set<string>();
    let userKeys = 0;
    let saKeys = 0;
    let neverUsed = 0;
    for (const [projectId, data] of state.projectData) {
      for (const m of data.members.values()) {
        assert.ok(state.users.has(m.id), 'members are org users');
        roles.add(m.role);
      }
      for (const k of data.apiKeys.values()) {
        if (k.owner.type === 'user') userKeys++;
        else {
          saKeys++;
          assert.ok(data.serviceAccounts.has(k.owner.id), `service-account key owner exists in ${projectId}`);
        }
        if (k.last_used_at === null) neverUsed++;
        assert.match(k.redacted_value, /^sk-(proj|svcacct)\.\.\.\w{4}$/);
      }
      assert.equal(data.rateLimits.size, RATE_LIMIT_DEFAULTS.length);
    }
    assert.deepEqual([...roles].sort(), ['member', 'owner']);
    assert.ok(userKeys > 0 && saKeys > 0 && neverUsed > 0);
    const anyProject = state.project(projects[1]!.id)!;
    const byModel = new Map(anyProject.rateLimits.values().map((r) => [r.model, r]));
    assert.ok('max_images_per_1_minute' in byModel.get('dall-e-3')!);
    assert.ok('max_audio_megabytes_per_1_minute' in byModel.get('whisper-1')!);
    assert.ok(!('max_images_per_1_minute' in byModel.get('gpt-4o')!));
    assert.ok([...state.projectData.values()].some((d) => d.modelPermissions !== null));
    assert.ok(state.groups.size > 0 && state.invites.size > 0 && state.adminKeys.size > 0 && state.certificates.size > 0);
    assert.ok(state.orgRoles.values().some((r) => r.predefined_role) && state.orgRoles.values().some((r) => !r.predefined_role));
    assert.ok(state.auditLogs.size >= 1000);
    assert.ok(state.auditLogs.values().every((l) => l.log.actor));
    assert.ok(state.invites.values().some((i) => i.status === 'accepted') && state.invites.values().some((i) => i.status === 'pending'));
  });

  it('generates the November 2026 additions consistently with the rest of the org', () => {
    const state = generateOrg({ seed: 1, now: NOW });
    const keys = [...state.projectData.values()].flatMap((d) => d.apiKeys.values());
    const expired = keys.filter((k) => k.expires_at != null && k.expires_at <= NOW);
    const soon = keys.filter((k) => k.expires_at != null && k.expires_at > NOW && k.expires_at <= NOW + 14 * 86_400);
    assert.ok(expired.length && soon.length && keys.some((k) => k.expires_at === null), 'expired, expiring and never-expiring keys');
    assert.ok(expired.some((k) => k.owner.type === 'service_account') && soon.some((k) => k.owner.type === 'service_account'), 'service-account keys expire too');
    // An expired key was not used after it expired (its usage history stays consistent).
    assert.ok(expired.every((k) => k.last_used_at === null || k.last_used_at < k.expires_at!));
    const residencies = new Set(state.projects.values().map((p) => p.residency));
    for (const r of ['JP_STORAGE_PROCESSING', 'IN_STORAGE_PROCESSING', 'AU_STORAGE_PROCESSING'] as const) assert.ok(residencies.has(r), r);
    // Every external key a project names is registered (for EKM), plus some unused ones.
    for (const p of state.projects.values()) if (p.external_key_id) assert.equal(state.externalKeys.get(p.external_key_id)?.purpose, 'ekm');
    assert.ok(state.externalKeys.size >= 2);
    assert.ok(state.externalStorage.size >= 3);
    for (const c of state.externalStorage.values()) assert.equal(state.projects.get(c.project_id)?.status, 'active');
    assert.equal(new Set(state.externalStorage.values().map((c) => c.project_id)).size, state.externalStorage.size, 'one configuration per project');
    assert.ok(state.workloadIdentityProviders.size >= 2);
    for (const p of state.workloadIdentityProviders.values()) {
      const rules = state.federationRulesOf(p.id).values();
      assert.ok(rules.length >= 1, `${p.id} has rules`);
      for (const rule of rules) assert.ok(state.project(rule.project_id)?.serviceAccounts.has(rule.service_account_id), 'a rule targets an existing service account of its project');
    }
    assert.ok(new Set([...state.projectData.values()].map((d) => JSON.stringify(d.serviceTiers))).size >= 3, 'varied service tier settings');
  });

  it('generates 10,000 users and 2,000 projects quickly', function () {
    this.timeout(20_000);
    const t0 = performance.now();
    const state = generateOrg({ seed: 1, projects: 2000, users: 10_000 });
    const ms = performance.now() - t0;
    console.log(`      10k users / 2k projects: ${ms.toFixed(0)} ms`);
    assert.equal(state.users.size, 10_000);
    assert.equal(state.projects.size, 2000);
    // A regression guard for busy CI boxes; about half a second on an idle laptop.
    assert.ok(ms < 6000, `${ms} ms`);
  });
});
