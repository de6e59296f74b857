// Organization as code against the fake over HTTP: export → apply to an empty organization → export
// gives the same file; a file planned against the organization it came from is empty; each kind of
// edit plans exactly its steps and, once applied, plans nothing; prune deletes exactly the extra
// objects and nothing without it; a failed create skips what depends on it; Copy Project Settings.
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { copyProjectSettingsPlan, exportOrgFile, liveForComparison, planOrgFile, stringifyOrgFile, type OrgFile, type ProjectSpec } from '../../../../src/model/orgCode';
import { renderPlan } from '../../../../src/model/plan';
import { OrgStore } from '../../../../src/model/store';
import { readLiveState } from '../../../../src/model/orgCode';
import { clientFor, useFakeApi } from '../../api/helpers/fake';
import { apply, assertAllDone, exportText, planFor, readLive } from './helpers';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const ids = (plan: { steps: { id: string }[] }) => plan.steps.map((s) => s.id).sort();

describe('model: organization as code (fake Admin API)', function () {
  this.timeout(120_000);

  describe('round trip to an empty organization', () => {
    const source = useFakeApi({ projects: 5, users: 30, seed: 3 });
    const target = useFakeApi({ users: 30, seed: 3, empty: true });

    it('export → apply to an empty organization → export gives the same file, and a service account key goes only to the callback', async () => {
      const a = clientFor(source());
      const b = clientFor(target());
      const text = await exportText(a);
      assert.equal(await exportText(a), text, 'two exports of one state are byte-identical');
      assert.match(text, /^version: 1\n/);
      const { index } = await readLive(a);
      const liveIds = [...index.projectNameById.keys(), ...index.userIdByEmail.values(), ...index.groupIdByName.values(), ...index.roleIdByName.values(),
        ...index.providerIdByName.values(), ...[...index.projects.values()].flatMap((p) => [...p.serviceAccountIdByName.values()])];
      assert.ok(liveIds.length > 50);
      assert.deepEqual(liveIds.filter((id) => text.includes(id)), [], 'no ids in the export (no two projects share a name here)');

      const keys: string[] = [];
      const plan = await planFor(b, parse(text) as OrgFile, { onServiceAccountKey: ({ key }) => { keys.push(key); } });
      assert.deepEqual(plan.warnings, []);
      const store = new OrgStore(async () => b);
      const outcomes = await (await import('../../../../src/model/plan')).runPlan(plan, b, { store, concurrency: 8 });
      assertAllDone(plan, outcomes);
      const created = plan.steps.filter((s) => s.id.startsWith('create-service-account:')).length;
      assert.ok(created > 0);
      assert.equal(keys.length, created, 'one key per service account created');
      for (const k of keys) {
        assert.ok(k.length > 10);
        assert.ok(!renderPlan(plan).includes(k));
        for (const resource of ['projectServiceAccounts', 'projectApiKeys'] as const) {
          for (const [, list] of store.listsOf(resource)) assert.ok(!JSON.stringify(list.items).includes(k), 'the key never reaches the store');
        }
      }
      store.dispose();

      assert.equal(await exportText(b), text, 'the second organization exports the same file');
      assert.deepEqual((await planFor(b, parse(text) as OrgFile)).steps.map((s) => s.title), [], 'and plans nothing');
    });
  });

  describe('names two objects share', () => {
    const fake = useFakeApi({ projects: 6, users: 40, seed: 9 });

    it('projects sharing a name are pinned by id, a second service account with one name gets its id after the name, and the export plans nothing', async () => {
      const f = fake();
      const [p1, p2, p3] = f.state.projects.values().filter((p) => p.status === 'active' && !p.is_default);
      p2!.name = p1!.name;
      const accounts = f.state.project(p3!.id)!.serviceAccounts;
      const first = accounts.values()[0] ?? accounts.insert({ id: 'svc_acct_first', name: 'ci', role: 'member', created_at: 1_700_000_000 });
      accounts.insert({ id: 'svc_acct_twin', name: first.name, role: 'member', created_at: 1_700_000_001 });
      f.state.touch();
      const live = await readLive(clientFor(f));
      const file = exportOrgFile(live);
      const pinned = file.projects!.filter((p) => p.name === p1!.name);
      assert.deepEqual(pinned.map((p) => p.id).sort(), [p1!.id, p2!.id].sort());
      const names = file.projects!.find((p) => p.name === p3!.name)!.service_accounts!.map((s) => s.name);
      assert.ok(names.includes(first.name) && names.includes(`${first.name} (svc_acct_twin)`), names.join());
      const plan = planOrgFile(file, live);
      assert.deepEqual(plan.steps.map((s) => s.title), []);
      assert.deepEqual(plan.warnings, []);
      // Without its pin, a shared name is a problem, not a guess.
      const unpinned = { ...file, projects: file.projects!.map((p) => (p.id ? { ...p, id: undefined } : p)) };
      const warned = planOrgFile(unpinned, live);
      assert.equal(warned.warnings.filter((w) => w.includes('several active projects have this name')).length, 2);
      assert.deepEqual(warned.steps.filter((s) => s.id.startsWith('create-project:')), [], 'nothing is created for them');
    });
  });

  describe('on the organization it describes', () => {
    const fake = useFakeApi({ projects: 6, users: 40, seed: 5 });

    it('a file exported from an organization plans nothing against it', async () => {
      const client = clientFor(fake());
      const live = await readLive(client);
      const file = exportOrgFile(live);
      const plan = planOrgFile(file, live);
      assert.deepEqual(plan.steps.map((s) => s.title), []);
      assert.deepEqual(plan.warnings, []);
      assert.equal(stringifyOrgFile(file), stringifyOrgFile(exportOrgFile(await readLive(client))));
    });

    it('reads through the store: lists already loaded are not read again', async () => {
      const f = fake();
      const client = clientFor(f);
      const store = new OrgStore(async () => client);
      await readLiveState(store);
      const before = f.requests.length;
      const [again] = await Promise.all([readLiveState(store), readLiveState(store)]);
      assert.equal(f.requests.length, before, 'a second read (two at once) sends nothing');
      assert.ok(again.file.projects!.length > 0);
      store.dispose();
    });

    it('each kind of edit plans exactly its steps, with real ids in the calls; applied, the plan is empty', async () => {
      const f = fake();
      const client = clientFor(f);
      const live = await readLive(client);
      const file = clone(exportOrgFile(live));
      const org = file.organization!;
      const [p1, p2] = file.projects!.filter((p) => (p.members ?? []).length > 0 && (p.service_accounts ?? []).length > 0);
      assert.ok(p1 && p2, 'the seed has two projects with members and service accounts');
      const users = [...live.index.userIdByEmail.keys()].sort();
      const outsider = users.find((e) => !p1.members!.some((m) => m.email === e))!;
      const group0 = org.groups![0]!;
      const newMember = users.find((e) => !group0.members!.includes(e))!;
      const role0 = org.roles![0]!;

      // Organization sections.
      org.data_retention = org.data_retention === 'zero_data_retention' ? 'modified_abuse_monitoring' : 'zero_data_retention';
      org.spend_limit = { threshold_amount: 777_00 };
      org.spend_alerts = [...(org.spend_alerts ?? []), { threshold_amount: 123_45, recipients: ['finance@example.com'] }];
      org.roles = [...org.roles!.filter((r) => r !== role0), { ...role0, permissions: [...role0.permissions, 'api.usage.read'].filter((p, i, a) => a.indexOf(p) === i && p !== role0.permissions[0]) },
        { name: 'Plan Reviewer', permissions: ['api.usage.read'] }];
      group0.members = [...group0.members!, newMember];
      org.groups!.push({ name: 'Org Code Team', members: [users[0]!, users[1]!] });
      org.role_assignments = [...org.role_assignments!, { role: 'Plan Reviewer', group: 'Org Code Team' }];
      org.workload_identity_providers!.push({
        name: 'Buildkite', issuer: 'https://agent.buildkite.com', audience: 'openai',
        rules: [{ name: 'pipelines', project: 'Gamma (new)', service_account: 'deployer', attribute_matchers: { organization_slug: 'acme' } }],
      });
      // A new project with everything that hangs off it.
      const created: ProjectSpec = {
        name: 'Gamma (new)',
        members: [{ email: users[2]!, role: 'owner' }],
        service_accounts: [{ name: 'deployer', role: 'owner' }],
        groups: [{ group: 'Org Code Team', role: 'Viewer' }],
        rate_limits: { 'gpt-4o': { max_requests_per_1_minute: 42 } },
        hosted_tools: { web_search: false },
      };
      file.projects!.push(created);
      // A live project's members and settings.
      const m0 = p1.members![0]!;
      m0.role = m0.role === 'owner' ? 'member' : 'owner';
      p1.members!.push({ email: outsider, role: 'member' });
      p1.rate_limits!['gpt-4o'] = { ...p1.rate_limits!['gpt-4o'], max_requests_per_1_minute: 1234 };
      p1.model_permissions = { mode: 'deny_list', model_ids: ['o3'] };
      p1.hosted_tools = { ...p1.hosted_tools, mcp: !p1.hosted_tools!.mcp };
      p1.service_tier = { default: 'scale', enabled_tiers: ['flex'] };
      p1.spend_limit = { threshold_amount: 5_000 };
      p1.data_retention = 'none';
      p2.model_permissions = null;
      p2.service_accounts!.push({ name: 'nightly' });
      // An email the organization does not know is a problem, not a step.
      p2.members!.push({ email: 'nobody@nowhere.example', role: 'member' });

      const liveP1 = live.index.projectIdByName.get(p1.name)!;
      const liveP2 = live.index.projects.get(live.index.projectIdByName.get(p2.name)!)!;
      const plan = planOrgFile(file, live);
      const enc = (...parts: string[]) => parts.map(encodeURIComponent).join('/');
      const expected = [
        'set-data-retention:organization', 'set-spend-limit:organization', `create-spend-alert:${enc('organization', '12345')}`,
        `update-role:${enc('organization', role0.name)}`, `create-role:${enc('organization', 'Plan Reviewer')}`,
        `add-group-member:${enc(group0.name, newMember)}`, `create-group:${enc('Org Code Team')}`,
        `add-group-member:${enc('Org Code Team', users[0]!)}`, `add-group-member:${enc('Org Code Team', users[1]!)}`,
        `assign-role:${enc('organization', 'Plan Reviewer', 'group:Org Code Team')}`,
        `create-provider:${enc('Buildkite')}`, `create-rule:${enc('Buildkite', 'pipelines')}`,
        `create-project:${enc('Gamma (new)')}`, `add-project-member:${enc('Gamma (new)', users[2]!)}`,
        `create-service-account:${enc('Gamma (new)', 'deployer')}`, `change-service-account-role:${enc('Gamma (new)', 'deployer')}`,
        `add-project-group:${enc('Gamma (new)', 'Org Code Team')}`, `set-rate-limits:${enc('Gamma (new)', 'gpt-4o')}`,
        `set-hosted-tools:${enc('Gamma (new)')}`,
        `change-project-member-role:${enc(p1.name, m0.email)}`, `add-project-member:${enc(p1.name, outsider)}`,
        `set-rate-limits:${enc(p1.name, 'gpt-4o')}`, `set-model-permissions:${enc(p1.name)}`, `set-hosted-tools:${enc(p1.name)}`,
        `set-service-tier:${enc(p1.name)}`, `set-spend-limit:${enc('project', p1.name)}`, `set-data-retention:${enc(p1.name)}`,
        `create-service-account:${enc(p2.name, 'nightly')}`,
        ...(live.index.projects.get(liveP2.id)!.spec.model_permissions ? [`remove-model-permissions:${enc(p2.name)}`] : []),
      ].sort();
      assert.deepEqual(ids(plan), expected);
      assert.deepEqual(plan.warnings, [`Project “${p2.name}”: nobody@nowhere.example is not a member of the organization (invite them first); not added.`]);

      const step = (id: string) => plan.steps.find((s) => s.id === id)!;
      assert.equal(step(`set-rate-limits:${enc(p1.name, 'gpt-4o')}`).call, `POST /organization/projects/${liveP1}/rate_limits/rl-gpt-4o {"max_requests_per_1_minute":1234}`);
      assert.match(step(`set-rate-limits:${enc(p1.name, 'gpt-4o')}`).title, /^Set rate limits of gpt-4o: max_requests_per_1_minute \d+ → 1234$/);
      assert.equal(step(`change-project-member-role:${enc(p1.name, m0.email)}`).title, `Change ${m0.email}'s role: ${m0.role === 'owner' ? 'member' : 'owner'} → ${m0.role}`);
      // Objects created in the same plan are named in the call and waited for.
      const addGroup = step(`add-project-group:${enc('Gamma (new)', 'Org Code Team')}`);
      assert.equal(addGroup.call, 'POST /organization/projects/{new project “Gamma (new)”}/groups {"group_id":"{new group “Org Code Team”}","role":"{role “Viewer” of new project “Gamma (new)”}"}');
      assert.deepEqual(addGroup.after, [`create-project:${enc('Gamma (new)')}`, `create-group:${enc('Org Code Team')}`]);
      assert.deepEqual(step(`create-rule:${enc('Buildkite', 'pipelines')}`).after,
        [`create-provider:${enc('Buildkite')}`, `create-project:${enc('Gamma (new)')}`, `create-service-account:${enc('Gamma (new)', 'deployer')}`]);
      assert.equal(step(`create-project:${enc('Gamma (new)')}`).group, 'Project “Gamma (new)” (new)');
      assert.equal(step('set-spend-limit:organization').group, 'Organization');

      assertAllDone(plan, await apply(plan, client));
      const after = await readLive(client);
      assert.deepEqual(planOrgFile(file, after).steps.map((s) => s.title), [], 'applied, the same file plans nothing');
      const gamma = after.file.projects!.find((p) => p.name === 'Gamma (new)')!;
      assert.deepEqual(gamma.service_accounts, [{ name: 'deployer', role: 'owner' }]);
      assert.deepEqual(gamma.groups, [{ group: 'Org Code Team', role: 'Viewer' }]);
      assert.equal(gamma.rate_limits!['gpt-4o']!.max_requests_per_1_minute, 42);
      assert.equal(f.state.workloadIdentityProviders.values().find((p) => p.name === 'Buildkite') !== undefined, true);
    });

    it('prune: without it nothing is deleted; with it exactly the objects the file leaves out', async () => {
      const f = fake();
      const client = clientFor(f);
      const live = await readLive(client);
      const file = clone(exportOrgFile(live));
      const org = file.organization!;
      const project = file.projects!.find((p) => (p.members ?? []).length > 1 && (p.service_accounts ?? []).length > 0 && (p.groups ?? []).length > 0)
        ?? file.projects!.find((p) => (p.members ?? []).length > 1 && (p.service_accounts ?? []).length > 0)!;
      const droppedGroup = org.groups!.pop()!;
      const droppedRole = org.roles!.pop()!;
      const droppedMember = project.members!.pop()!;
      const droppedAccount = project.service_accounts!.pop()!;
      const droppedProjectGroup = project.groups?.pop();
      // Assignments of the dropped role and group go with them (the API removes them); keep the file consistent.
      org.role_assignments = org.role_assignments!.filter((a) => a.role !== droppedRole.name && a.group !== droppedGroup.name);
      for (const p of file.projects!) p.groups = p.groups?.filter((g) => g.group !== droppedGroup.name);
      const archived = file.projects!.pop()!;

      assert.deepEqual(planOrgFile(file, live).steps.filter((s) => s.change === 'delete').map((s) => s.title), [], 'without prune nothing is deleted');

      org.prune = { groups: true, roles: true };
      project.prune = { members: true, service_accounts: true, groups: true };
      file.prune = { projects: true };
      const plan = planOrgFile(file, live);
      const enc = (...parts: string[]) => parts.map(encodeURIComponent).join('/');
      const archivedId = live.index.projectIdByName.get(archived.name)!;
      assert.deepEqual(ids(plan), [
        `delete-group:${enc(droppedGroup.name)}`, `delete-role:${enc('organization', droppedRole.name)}`,
        `remove-project-member:${enc(project.name, droppedMember.email)}`, `delete-service-account:${enc(project.name, droppedAccount.name)}`,
        ...(droppedProjectGroup ? [`remove-project-group:${enc(project.name, droppedProjectGroup.group)}`] : []),
        `archive-project:${archivedId}`,
      ].sort());
      assert.ok(plan.steps.every((s) => s.change === 'delete'));
      assert.equal(plan.steps.find((s) => s.id.startsWith('archive-project:'))!.call, `POST /organization/projects/${archivedId}/archive`);

      assertAllDone(plan, await apply(plan, client));
      const after = await readLive(client);
      assert.deepEqual(planOrgFile(file, after).steps.map((s) => s.title), []);
      assert.equal(f.state.projects.get(archivedId)!.status, 'archived');
      assert.ok(!f.state.groups.values().some((g) => g.name === droppedGroup.name));
    });

    it('a failed create skips the steps that need it, with a reason; run again, only what is left is planned', async () => {
      const f = fake();
      const client = clientFor(f);
      const live = await readLive(client);
      const file = clone(exportOrgFile(live));
      const users = [...live.index.userIdByEmail.keys()].sort();
      file.organization!.groups!.push({ name: 'Fails First', members: [users[0]!, users[1]!] });
      file.organization!.role_assignments!.push({ role: file.organization!.roles![0]!.name, group: 'Fails First' });
      file.organization!.spend_alerts!.push({ threshold_amount: 31_337, recipients: ['ops@example.com'] });
      f.faults.add({ method: 'POST', path: '^/organization/groups$', kind: 'status', status: 500, times: 1 });
      const plan = planOrgFile(file, live);
      const outcomes = await apply(plan, client);
      const byTitle = new Map(plan.steps.map((s) => [s.title, outcomes.get(s.id)!]));
      assert.equal(byTitle.get('Create group “Fails First”')!.status, 'failed');
      for (const email of [users[0]!, users[1]!]) {
        assert.deepEqual(byTitle.get(`Add ${email} to group “Fails First”`), { status: 'skipped', reason: 'Create group “Fails First” failed' });
      }
      assert.equal(byTitle.get(`Assign role “${file.organization!.roles![0]!.name}” to group “Fails First”`)!.status, 'skipped');
      assert.equal(byTitle.get('Create a spend alert at 31337 for ops@example.com')!.status, 'done', 'independent steps still run');

      const again = planOrgFile(file, await readLive(client));
      assert.deepEqual(again.steps.map((s) => s.title).sort(), [
        'Create group “Fails First”', `Add ${users[0]} to group “Fails First”`, `Add ${users[1]} to group “Fails First”`,
        `Assign role “${file.organization!.roles![0]!.name}” to group “Fails First”`,
      ].sort());
      assertAllDone(again, await apply(again, client));
      assert.deepEqual(planOrgFile(file, await readLive(client)).steps, []);
    });

    it('Copy Project Settings: after apply the targets have the source’s rate limits, model permissions, hosted tools and service tier', async () => {
      const client = clientFor(fake());
      const live = await readLive(client);
      const names = live.file.projects!.map((p) => p.name);
      const [source, ...targets] = names.slice(0, 3);
      const src = live.file.projects!.find((p) => p.name === source)!;
      const plan = copyProjectSettingsPlan(live, source!, targets);
      assert.ok(plan.steps.length > 0);
      assert.match(plan.title, /^Copy settings of project “.*” to 2 projects$/);
      assert.ok(plan.steps.every((s) => /^(set-rate-limits|set-model-permissions|remove-model-permissions|set-hosted-tools|set-service-tier):/.test(s.id)), plan.steps.map((s) => s.id).join());
      assertAllDone(plan, await apply(plan, client));
      const after = await readLive(client);
      for (const name of targets) {
        const p = after.file.projects!.find((x) => x.name === name)!;
        assert.deepEqual(p.rate_limits, src.rate_limits, `${name} rate limits`);
        assert.deepEqual(p.model_permissions, src.model_permissions, `${name} model permissions`);
        assert.deepEqual(p.hosted_tools, src.hosted_tools, `${name} hosted tools`);
        assert.deepEqual({ ...p.service_tier }, { ...src.service_tier }, `${name} service tier`);
      }
      assert.deepEqual(copyProjectSettingsPlan(after, source!, targets).steps, [], 'copied again: nothing to do');
    });

    it('Compare: the live side follows the file’s order and sections, with what only the organization has after', async () => {
      const live = await readLive(clientFor(fake()));
      const full = exportOrgFile(live);
      const group = full.organization!.groups![1]!;
      const project = full.projects![0]!;
      const file: OrgFile = {
        version: 1,
        organization: { groups: [{ name: group.name, members: [...(group.members ?? [])].reverse().slice(1) }] },
        projects: [{ name: project.name, hosted_tools: { mcp: true }, rate_limits: { 'gpt-4o': { max_requests_per_1_minute: 1 } } }],
      };
      const text = liveForComparison(file, live);
      const shown = parse(text) as OrgFile;
      assert.deepEqual(Object.keys(shown), ['version', 'organization', 'projects']);
      assert.deepEqual(Object.keys(shown.organization!), ['groups']);
      assert.equal(shown.organization!.groups![0]!.name, group.name, 'the file’s group first');
      assert.deepEqual(shown.organization!.groups![0]!.members, [...[...(group.members ?? [])].reverse().slice(1), ...(group.members ?? []).slice(-1)], 'members in the file’s order, the extra one after');
      assert.equal(shown.organization!.groups!.length, full.organization!.groups!.length, 'groups only the organization has follow');
      assert.deepEqual(shown.projects, [{ name: project.name, hosted_tools: { mcp: project.hosted_tools!.mcp }, rate_limits: { 'gpt-4o': { max_requests_per_1_minute: project.rate_limits!['gpt-4o']!.max_requests_per_1_minute } } }],
        'only the projects and fields the file names');
    });
  });
});
