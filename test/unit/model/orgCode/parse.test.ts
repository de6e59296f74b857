// The org file's parser and validator: a hostile file (a pull request, a colleague's file) gives a
// clear error at the right line and column, quickly, and never throws; a valid file gives exactly
// the object it says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  MAX_ORG_FILE_BYTES, parseOrgFile, type FileProblem, type HostedToolName, type OrganizationRetention, type OrganizationSpec, type OrgFile,
  type ParsedOrgFile, type ProjectRetention, type ProjectSpec, type RoleAssignmentSpec, type ServiceTierSpec,
} from '../../../../src/model/orgCode';
import { problemsText, quote } from '../../../../src/model/orgCode/problems';
import schemaJson from '../../../../schemas/openai-org.schema.json';
import { HOSTILE_STRINGS } from '../../../fake-admin-api/hostile-strings';

const ROOT = join(__dirname, '..', '..', '..', '..');
const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** "line:column message" of each problem, the way a person reads the Problems panel. */
const where = (p: FileProblem) => `${p.start.line}:${p.start.column}`;

function errors(text: string): FileProblem[] {
  const r = parseOrgFile(text);
  assert.equal(r.ok, false, `expected errors, got ok with ${JSON.stringify(r.problems)}`);
  return r.problems.filter((p) => p.severity === 'error');
}

function valid(text: string): Extract<ParsedOrgFile, { ok: true }> {
  const r = parseOrgFile(text);
  assert.ok(r.ok, `expected a valid file, got ${JSON.stringify(r.problems, null, 1)}`);
  return r;
}

/** The only error of a file, with its place and words. */
function onlyError(text: string): FileProblem {
  const found = errors(text);
  assert.equal(found.length, 1, `expected one error, got ${JSON.stringify(found, null, 1)}`);
  return found[0]!;
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

describe('org file: parseOrgFile', () => {
  describe('a valid file', () => {
    it('docs/examples/example.openai-org.yaml (every section) parses to the object it describes, aliases expanded', () => {
      const r = valid(readFileSync(join(ROOT, 'docs', 'examples', 'example.openai-org.yaml'), 'utf8'));
      assert.deepEqual(r.problems, []);
      const standard = { max_requests_per_1_minute: 5000, max_tokens_per_1_minute: 800000 };
      const expected: OrgFile = {
        version: 1,
        organization: {
          spend_limit: { threshold_amount: 5000, currency: 'USD', interval: 'month' },
          spend_alerts: [
            { threshold_amount: 2500, recipients: ['finance@example.com'], subject_prefix: '[OpenAI]' },
            { threshold_amount: 4500, recipients: ['finance@example.com', 'cto@example.com'] },
          ],
          data_retention: 'zero_data_retention',
          groups: [
            { name: 'platform-team', members: ['ada@example.com', 'grace@example.com'] },
            { name: 'data-science', members: ['alan@example.com'] },
          ],
          roles: [{ name: 'usage-viewer', description: 'Reads usage and costs, changes nothing', permissions: ['api.organization.usage.read', 'api.organization.costs.read'] }],
          role_assignments: [{ role: 'usage-viewer', group: 'data-science' }, { role: 'usage-viewer', user: 'finance@example.com' }],
          workload_identity_providers: [{
            name: 'github-actions', description: 'Deploys from our CI', issuer: 'https://token.actions.githubusercontent.com',
            audience: 'https://github.com/example', enabled: true,
            attribute_transformations: [{ attribute: 'repository', expression: 'claims.repository' }],
            rules: [{
              name: 'deploy-from-main', description: 'Only the main branch of the app repository', enabled: true, project: 'production',
              service_account: 'ci-deployer', attribute_matchers: { repository: 'example/app', ref: 'refs/heads/main' }, scopes: ['api.model.request'],
            }],
            prune: { rules: true },
          }],
          prune: { spend_alerts: true, groups: false, group_members: true, roles: false, role_assignments: false, workload_identity_providers: false },
        },
        projects: [
          {
            name: 'production', id: 'proj_abc123',
            members: [{ email: 'ada@example.com', role: 'owner' }, { email: 'grace@example.com', role: 'member' }],
            role_assignments: [{ role: 'project-viewer', user: 'alan@example.com' }],
            groups: [{ group: 'platform-team', role: 'project-owner' }],
            service_accounts: [{ name: 'ci-deployer', role: 'member' }],
            rate_limits: { 'gpt-4o': standard, 'gpt-4o-mini': standard, 'dall-e-3': { max_images_per_1_minute: 50 } },
            model_permissions: { mode: 'allow_list', model_ids: ['gpt-4o', 'gpt-4o-mini', 'dall-e-3'] },
            hosted_tools: { file_search: true, web_search: false, code_interpreter: true },
            service_tier: { default: 'standard', enabled_tiers: ['flex'] },
            spend_limit: { threshold_amount: 2000 },
            spend_alerts: [{ threshold_amount: 1500, recipients: ['ada@example.com'] }],
            data_retention: 'organization_default',
            prune: { members: true, service_accounts: false },
          },
          {
            name: 'research-sandbox', residency: 'eu', members: [{ email: 'alan@example.com', role: 'owner' }],
            model_permissions: null, spend_limit: null, service_tier: { default: 'standard', enabled_tiers: 'all' }, data_retention: 'none',
          },
        ],
        prune: { projects: false },
      };
      assert.deepEqual(r.file, expected);
    });

    it('the smallest file is `version: 1`', () => {
      assert.deepEqual(valid('version: 1\n').file, { version: 1 });
    });

    it('hostile names (markup, command links, RTL overrides, terminal escapes, 10,000 characters) are data: they parse and are kept verbatim', () => {
      const names = [...HOSTILE_STRINGS.filter((h) => h !== ''), 'x'.repeat(10_000), '\u001b[31mred\u001b[0m', 'a\u202Etxt.exe', '[run](command:workbench.action.quit)', '$(alert) icon'];
      const file: OrgFile = {
        version: 1,
        organization: { groups: names.map((name) => ({ name })) },
        projects: names.map((name, i) => ({ name: `${i}:${name}`, rate_limits: { [name]: { max_requests_per_1_minute: 1 } } })),
      };
      const r = valid(stringify(file));
      assert.deepEqual(r.file, file);
    });
  });

  describe('a hostile or broken file', () => {
    it('malformed YAML: an error at the syntax error’s line and column', () => {
      const p = onlyError(lines('version: 1', 'projects:', '  - name: a', '    id: x: y'));
      assert.deepEqual([where(p), p.message], ['4:9', 'YAML syntax: Nested mappings are not allowed in compact mappings']);
      const flow = errors(lines('version: 1', 'projects:', '  - name: [a, b', '  - name: c'));
      assert.equal(where(flow[0]!), '4:3');
      assert.match(flow[0]!.message, /^YAML syntax: Flow sequence .* end with a \]/);
    });

    it('a tab-indented or badly indented mapping is a syntax error, not a guess', () => {
      const found = errors(lines('version: 1', 'projects:', '  - name: a', ' members: []'));
      assert.ok(found.length >= 1);
      assert.equal(found[0]!.start.line, 4);
    });

    it('a second YAML document is refused', () => {
      const p = onlyError(lines('version: 1', '---', 'version: 1'));
      assert.match(p.message, /more than one YAML document/);
      assert.equal(p.start.line, 2);
    });

    it('wrong types: the message names the field by its path and the position is the value', () => {
      const text = lines('version: 1', 'projects:', '  - name: p', '    rate_limits:', '      gpt-4o:', '        max_tokens_per_1_minute: lots');
      const p = onlyError(text);
      assert.equal(p.message, 'projects[0].rate_limits.gpt-4o.max_tokens_per_1_minute must be a whole number, not text “lots”.');
      assert.deepEqual([p.start, p.end], [{ line: 6, column: 34 }, { line: 6, column: 38 }]);
      assert.deepEqual(p.path, ['projects', 0, 'rate_limits', 'gpt-4o', 'max_tokens_per_1_minute']);
    });

    it('wrong types in every kind: a list where a mapping belongs, text where true/false belongs, a mapping where text belongs', () => {
      const found = errors(lines(
        'version: 1',
        'organization: [a]',
        'projects:',
        '  - name: {first: a}',
        '    hosted_tools: {web_search: "yes"}',
      ));
      assert.deepEqual(found.map((p) => `${where(p)} ${p.message}`), [
        '2:15 organization must be a mapping (key: value), not a list.',
        '4:11 projects[0].name must be text, not a mapping.',
        '5:32 projects[0].hosted_tools.web_search must be true or false, not text “yes”.',
      ]);
    });

    it('unknown fields: the error is at the key and lists the allowed fields', () => {
      const text = lines('version: 1', 'projects:', '  - name: a', '  - name: b', '  - name: c', '    owner: me');
      const p = onlyError(text);
      assert.equal(p.message, 'Unknown field “owner” in projects[2]. Allowed: name, id, residency, members, role_assignments, roles, groups, service_accounts, '
        + 'rate_limits, model_permissions, hosted_tools, service_tier, spend_limit, spend_alerts, data_retention, prune.');
      assert.deepEqual([p.start, p.end], [{ line: 6, column: 5 }, { line: 6, column: 10 }]);
      const top = onlyError(lines('version: 1', 'projcts: []'));
      assert.equal(top.message, 'Unknown field “projcts” at the top level. Allowed: version, organization, projects, prune.');
      assert.equal(where(top), '2:1');
    });

    it('a missing required field, a bad enum value and a wrong version each say what is expected', () => {
      const found = errors(lines(
        'version: 2',
        'projects:',
        '  - members:',
        '      - email: a@example.com',
        '        role: admin',
      ));
      assert.deepEqual(found.map((p) => `${where(p)} ${p.message}`), [
        '1:10 version must be 1, not 2.',
        '3:5 projects[0] is missing “name”, which is required.',
        '5:15 projects[0].members[0].role must be one of owner or member, not text “admin”.',
      ]);
      assert.match(onlyError('projects: []\n').message, /^The file is missing “version”/);
    });

    it('enabled_tiers: a typo in the list points at the typo; a value of the wrong kind says what the field takes', () => {
      const found = errors(lines(
        'version: 1',
        'projects:',
        '  - name: a',
        '    service_tier: {default: standard, enabled_tiers: [flex, slow]}',
        '  - name: b',
        '    service_tier: {default: standard, enabled_tiers: every}',
      ));
      assert.deepEqual(found.map((p) => `${where(p)} ${p.message}`), [
        '4:61 projects[0].service_tier.enabled_tiers[1] must be one of flex, fast or ultrafast, not text “slow”.',
        '6:54 projects[1].service_tier.enabled_tiers must be `all`, or a list of the tiers requests may ask for: flex, fast, ultrafast; it is text “every”.',
      ]);
    });

    it('negative and fractional limits are errors', () => {
      const found = errors(lines(
        'version: 1',
        'organization:',
        '  spend_limit: {threshold_amount: -5}',
        'projects:',
        '  - name: a',
        '    rate_limits:',
        '      gpt-4o: {max_requests_per_1_minute: 1.5, max_tokens_per_1_minute: -1}',
      ));
      assert.deepEqual(found.map((p) => `${where(p)} ${p.message}`), [
        '3:35 organization.spend_limit.threshold_amount must be 0 or more, not -5.',
        '7:43 projects[0].rate_limits.gpt-4o.max_requests_per_1_minute must be a whole number, not 1.5.',
        '7:73 projects[0].rate_limits.gpt-4o.max_tokens_per_1_minute must be 0 or more, not -1.',
      ]);
    });

    it('an alias bomb ("billion laughs") is an error within a second, not a hang', () => {
      let bomb = 'version: 1\nx0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      for (let i = 1; i < 12; i++) bomb += `x${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]\n`;
      bomb += 'projects: *a11\n';
      const [r, ms] = timed(() => parseOrgFile(bomb));
      assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
      assert.equal(r.ok, false);
      assert.equal(r.problems.length, 1);
      assert.match(r.problems[0]!.message, /^Aliases \(\*name\) expand to too many values \(more than 100\)/);
      assert.equal(where(r.problems[0]!), '3:10', 'at the first alias');
    });

    it('a few aliases (one block of limits shared by two models) are fine', () => {
      const r = valid(lines('version: 1', 'projects:', '  - name: a', '    rate_limits:', '      gpt-4o: &l {max_requests_per_1_minute: 5}', '      gpt-4o-mini: *l'));
      assert.deepEqual(r.file.projects?.[0]?.rate_limits, { 'gpt-4o': { max_requests_per_1_minute: 5 }, 'gpt-4o-mini': { max_requests_per_1_minute: 5 } });
    });

    it('a 10 MB file is refused by its size before it is parsed, quickly, at 1:1', () => {
      const big = `version: 1\nprojects:\n${'  - name: p\n'.repeat(Math.ceil((10 * 1024 * 1024) / 12))}`;
      const [r, ms] = timed(() => parseOrgFile(big));
      assert.ok(ms < 200, `took ${ms.toFixed(0)} ms`);
      assert.equal(r.ok, false);
      assert.equal(r.problems.length, 1);
      assert.equal(where(r.problems[0]!), '1:1');
      assert.match(r.problems[0]!.message, /^The file is at least 10\.0 MB, more than an organization file may be \(5\.0 MB\); it was not read\.$/);
    });

    it('the size limit counts UTF-8 bytes, not characters', () => {
      // 3 million "é" are 3,000,000 characters but 6,000,000 bytes.
      const text = `version: 1\norganization:\n  roles: [{name: "${'é'.repeat(3_000_000)}", permissions: []}]\n`;
      assert.ok(text.length < MAX_ORG_FILE_BYTES);
      const p = onlyError(text);
      assert.match(p.message, /^The file is 5\.7 MB, more than an organization file may be/);
    });

    it('duplicate keys: the error is at the second key', () => {
      const p = onlyError(lines('version: 1', 'projects:', '  - name: a', '    id: proj_1', '    name: b'));
      assert.equal(p.message, 'Duplicate key: “name” is already set above in the same mapping.');
      assert.deepEqual([p.start, p.end], [{ line: 5, column: 5 }, { line: 5, column: 9 }]);
    });

    it('custom tags (!!js/function, !foo, and the YAML 1.1 !!binary/!!timestamp) are refused at the tag, also under %YAML 1.1', () => {
      const fn = onlyError(lines('version: 1', 'projects:', '  - name: !!js/function "function () { return 1 }"'));
      assert.equal(where(fn), '3:11');
      assert.match(fn.message, /^Tag “!!js\/function” is not allowed/);
      const foo = onlyError(lines('version: 1', 'projects:', '  - name: !foo bar'));
      assert.equal(where(foo), '3:11');
      assert.match(foo.message, /^Tag “!foo” is not allowed/);
      const old = errors(lines('%YAML 1.1', '---', 'version: 1', 'organization:', '  groups:', '    - name: !!binary aGk=', '    - name: !!timestamp 2001-12-14'));
      assert.deepEqual(old.map((p) => `${where(p)} ${p.message.slice(0, 20)}`), ['6:13 Tag “!!binary” is no', '7:13 Tag “!!timestamp” is']);
    });

    it('a YAML 1.1 merge key (<<) is just an unknown field', () => {
      const p = onlyError(lines('version: 1', 'projects:', '  - name: a', '    <<: {id: x}'));
      assert.match(p.message, /^Unknown field “<<” in projects\[0\]/);
    });

    it('an empty file, a comment only, or a list at the top each get one clear error', () => {
      for (const text of ['', '# nothing\n']) assert.equal(onlyError(text).message, 'The file is empty: an organization file starts with `version: 1`.');
      assert.equal(onlyError('- a\n').message, 'The file must be a mapping (key: value), not a list.');
    });

    it('__proto__ and constructor keys are unknown fields, not prototype changes', () => {
      const found = errors(lines('version: 1', '__proto__: {polluted: true}', 'projects:', '  - name: a', '    constructor: x'));
      assert.deepEqual(found.map((p) => p.message.slice(0, 40)), ['Unknown field “__proto__” at the top lev', 'Unknown field “constructor” in projects[']);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('hostile text in a message is quoted shortened with invisible characters spelt out', () => {
      // (a YAML key may be 1,024 characters at most; a value of 10,000 is quoted the same way below)
      const rlo = `evil\u202Egnp.exe\u001b[2J${'x'.repeat(1_000)}`;
      const p = onlyError(lines('version: 1', 'projects:', '  - name: a', `    ${JSON.stringify(rlo)}: 1`));
      assert.ok(p.message.length < 400, `message of ${p.message.length} characters`);
      assert.ok(p.message.startsWith('Unknown field “evil\\u202egnp.exe\\u001b[2Jxxxxxxxxxxxxxxxxxxxxxxxx…” in projects[0].'), p.message);
      assert.doesNotMatch(p.message, /[\u202E\u001b]/);
      const long = `<img src=x onerror=alert(1)>\u202E${'y'.repeat(10_000)}`;
      const dup = onlyError(stringify({ version: 1, projects: [{ name: long }, { name: long }] }));
      assert.equal(dup.message, 'Project “<img src=x onerror=alert(1)>\\u202eyyyyyyyyyyy…” is listed twice in projects (items 0 and 1); each project may appear once.');
    });

    it('a file of 2,000 typos gives the first 100 problems and a count of the rest', () => {
      const text = `version: 1\nprojects:\n${Array.from({ length: 2_000 }, (_, i) => `  - {name: p${i}, x: 1}\n`).join('')}`;
      const r = parseOrgFile(text);
      assert.equal(r.ok, false);
      assert.equal(r.problems.length, 101);
      assert.equal(where(r.problems[99]!), '102:17');
      assert.equal(r.problems[100]!.message, '… and 1900 more problems not shown.');
    });

    it('never throws, whatever the text; every problem has a position inside the file', () => {
      fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', ':', '-', ' ', '\n', '{', '[', '&', '*', '!', '"', 'version', '1', '#', '?', '|') })), (text) => {
        const r = parseOrgFile(text);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const p of r.problems) {
          assert.ok(p.start.line >= 1 && p.start.column >= 1 && p.start.line <= lineCount + 1, JSON.stringify(p));
          assert.ok(p.end.line > p.start.line || (p.end.line === p.start.line && p.end.column >= p.start.column), JSON.stringify(p));
        }
        assert.equal(r.ok, !r.problems.some((p) => p.severity === 'error'));
      }), { numRuns: 300 });
    });
  });

  describe('rules a schema cannot say', () => {
    const rule = (text: string, severity: 'error' | 'warning' = 'error') => {
      const r = parseOrgFile(text);
      assert.equal(r.ok, severity === 'warning', JSON.stringify(r.problems));
      return r.problems.filter((p) => p.severity === severity).map((p) => `${where(p)} ${p.message}`);
    };

    it('duplicate project names and duplicate project ids, at the second one', () => {
      assert.deepEqual(rule(lines('version: 1', 'projects:', '  - {name: web, id: proj_1}', '  - {name: api, id: proj_1}', '  - {name: web}')), [
        '4:21 Project id “proj_1” is listed twice in projects (items 0 and 1); each project id may appear once.',
        '5:12 Project “web” is listed twice in projects (items 0 and 2); each project may appear once.',
      ]);
    });

    it('duplicate groups, roles, providers, rules, role assignments and spend-alert thresholds in the organization', () => {
      assert.deepEqual(rule(lines(
        'version: 1',
        'organization:',
        '  spend_alerts: [{threshold_amount: 100, recipients: []}, {threshold_amount: 100, recipients: []}]',
        '  groups: [{name: g}, {name: g, members: [a@example.com, A@Example.com]}]',
        '  roles: [{name: r, permissions: []}, {name: r, permissions: []}]',
        '  role_assignments: [{role: r, user: a@example.com}, {role: r, user: A@example.com}]',
        '  workload_identity_providers:',
        '    - {name: w, issuer: i, audience: a, rules: [{name: x, project: p, service_account: s, attribute_matchers: {}},',
        '                                                {name: x, project: p, service_account: s, attribute_matchers: {}}]}',
        '    - {name: w, issuer: i, audience: a}',
      )), [
        '3:78 Spend alert threshold “100” is listed twice in organization.spend_alerts (items 0 and 1); an alert is identified by its threshold.',
        '4:30 Group “g” is listed twice in organization.groups (items 0 and 1); each group may appear once.',
        '4:58 Member “A@Example.com” is listed twice in organization.groups[1].members (items 0 and 1); each member may appear once.',
        '5:46 Role “r” is listed twice in organization.roles (items 0 and 1); each role may appear once.',
        '6:54 Role assignment “r → A@example.com” is listed twice in organization.role_assignments (items 0 and 1); each role assignment may appear once.',
        '9:56 Rule “x” is listed twice in organization.workload_identity_providers[0].rules (items 0 and 1); each rule may appear once.',
        '10:14 Provider “w” is listed twice in organization.workload_identity_providers (items 0 and 1); each provider may appear once.',
      ]);
    });

    it('duplicate members, groups, service accounts, role assignments, custom roles and spend alerts in a project', () => {
      assert.deepEqual(rule(lines(
        'version: 1',
        'projects:',
        '  - name: p',
        '    members: [{email: a@example.com, role: owner}, {email: A@EXAMPLE.com, role: member}]',
        '    groups: [{group: g, role: r1}, {group: g, role: r2}]',
        '    service_accounts: [{name: ci}, {name: ci, role: owner}]',
        '    role_assignments: [{role: r, group: g}, {role: r, group: g}]',
        '    roles: [{name: auditor, permissions: []}, {name: auditor, permissions: [x]}]',
        '    spend_alerts: [{threshold_amount: 5, recipients: []}, {threshold_amount: 5.0, recipients: []}]',
      )), [
        '4:60 Member “A@EXAMPLE.com” is listed twice in projects[0].members (items 0 and 1); each member may appear once.',
        '5:44 Group “g” is listed twice in projects[0].groups (items 0 and 1); each group may appear once.',
        '6:43 Service account “ci” is listed twice in projects[0].service_accounts (items 0 and 1); each service account may appear once.',
        '7:45 Role assignment “r → g” is listed twice in projects[0].role_assignments (items 0 and 1); each role assignment may appear once.',
        '8:54 Role “auditor” is listed twice in projects[0].roles (items 0 and 1); each role may appear once.',
        '9:78 Spend alert threshold “5” is listed twice in projects[0].spend_alerts (items 0 and 1); an alert is identified by its threshold.',
      ]);
    });

    it('a role assignment with both a user and a group, or with neither', () => {
      assert.deepEqual(rule(lines(
        'version: 1',
        'organization:',
        '  role_assignments:',
        '    - {role: r, user: a@example.com, group: g}',
        '    - role: r',
      )), [
        '4:38 organization.role_assignments[0] names both a user and a group; a role assignment gives the role to exactly one of them.',
        '5:7 organization.role_assignments[1] names neither a user nor a group; add `user: <email>` or `group: <name>`.',
      ]);
    });

    it('a prune that names a section the object does not list is a warning (the file stays valid)', () => {
      assert.deepEqual(rule(lines(
        'version: 1',
        'prune: {projects: true}',
        'organization:',
        '  prune: {groups: true, group_members: true, roles: false}',
        '  workload_identity_providers: [{name: w, issuer: i, audience: a, prune: {rules: true}}]',
      ), 'warning'), [
        '2:9 prune.projects does nothing: the file does not list projects, and a section left out is not managed. To remove every item, list the section empty (projects: []).',
        '4:11 organization.prune.groups does nothing: the file does not list organization.groups, and a section left out is not managed. To remove every item, list the section empty (groups: []).',
        '4:25 organization.prune.group_members does nothing: the file does not list organization.groups, and a section left out is not managed. To remove every item, list the section empty (groups: []).',
        '5:75 organization.workload_identity_providers[0].prune.rules does nothing: the file does not list organization.workload_identity_providers[0].rules, and a section left out is not managed. To remove every item, list the section empty (rules: []).',
      ]);
      assert.deepEqual(rule(lines('version: 1', 'projects: []', 'prune: {projects: true}'), 'warning'), [], 'an empty list is a listed section');
    });

    it('emails that do not look like emails are warnings (the file stays valid)', () => {
      assert.deepEqual(rule(lines(
        'version: 1',
        'organization:',
        '  groups: [{name: g, members: [ada]}]',
        '  spend_alerts: [{threshold_amount: 1, recipients: ["finance at example"]}]',
        '  role_assignments: [{role: r, user: "@example.com"}]',
        'projects:',
        '  - {name: p, members: [{email: "a@b", role: owner}]}',
      ), 'warning'), [
        '3:32 organization.groups[0].members[0]: “ada” does not look like an email address.',
        '4:53 organization.spend_alerts[0].recipients[0]: “finance at example” does not look like an email address.',
        '5:38 organization.role_assignments[0].user: “@example.com” does not look like an email address.',
        '7:33 projects[0].members[0].email: “a@b” does not look like an email address.',
      ]);
    });

    it('repeated items in plain lists (permissions, model ids, recipients, scopes, tiers) are errors at the repeat', () => {
      assert.deepEqual(rule(lines(
        'version: 1',
        'organization:',
        '  roles: [{name: r, permissions: [a, b, a]}]',
        'projects:',
        '  - {name: p, model_permissions: {mode: deny_list, model_ids: [m, m]}}',
      )), [
        '3:41 organization.roles[0].permissions lists “a” twice (items 0 and 2).',
        '5:67 projects[0].model_permissions.model_ids lists “m” twice (items 0 and 1).',
      ]);
    });
  });

  describe('round trip', () => {
    it('any valid OrgFile, written with `yaml`, parses back equal (property)', () => {
      fc.assert(fc.property(orgFile(), (file) => {
        const r = parseOrgFile(stringify(file));
        assert.ok(r.ok, JSON.stringify(r.problems.slice(0, 3)));
        assert.deepEqual(r.file, file);
      }), { numRuns: 150 });
    });
  });

  describe('problemsText (the CLI’s stderr form)', () => {
    it('one line a problem: file:line:column: severity: message, with terminal escapes neutralised', () => {
      const r = parseOrgFile(lines('version: 1', 'projects:', '  - name: a', '    "\u001b[2J": 1', '  - name: b', '    members: [{email: nope, role: owner}]'));
      assert.equal(problemsText('org.openai-org.yaml', r.problems), [
        'org.openai-org.yaml:4:5: error: Unknown field “\\u001b[2J” in projects[0]. Allowed: name, id, residency, members, role_assignments, roles, groups, service_accounts, rate_limits, model_permissions, hosted_tools, service_tier, spend_limit, spend_alerts, data_retention, prune.',
      ].join('\n'));
      const warn = parseOrgFile(lines('version: 1', 'projects:', '  - {name: b, members: [{email: nope, role: owner}]}'));
      assert.equal(problemsText('dir/x.openai-org.yaml', warn.problems), 'dir/x.openai-org.yaml:3:33: warning: projects[0].members[0].email: “nope” does not look like an email address.');
      assert.equal(quote('\u001b[31m'), '“\\u001b[31m”');
    });
  });
});

// Arbitraries for every field of format.ts. Enum values come from exhaustive lists the compiler checks
// against format.ts, and the schema test below checks the schema's enums are the same lists.

/** A list of every member of the union T: the compiler fails when format.ts grows a value the list lacks. */
const every = <T extends string>() => <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)) => values;
const ORG_RETENTION = every<OrganizationRetention>()(['zero_data_retention', 'modified_abuse_monitoring', 'enhanced_zero_data_retention', 'enhanced_modified_abuse_monitoring']);
const PROJECT_RETENTION = every<ProjectRetention>()(['organization_default', 'none', ...ORG_RETENTION]);
const MEMBER_ROLES = every<'owner' | 'member'>()(['owner', 'member']);
const TOOLS = every<HostedToolName>()(['file_search', 'web_search', 'image_generation', 'mcp', 'code_interpreter']);
const DEFAULT_TIERS = every<ServiceTierSpec['default']>()(['standard', 'fast', 'scale']);
const TIERS = every<Exclude<ServiceTierSpec['enabled_tiers'], 'all'>[number]>()(['flex', 'fast', 'ultrafast']);
const MODES = every<NonNullable<ProjectSpec['model_permissions']>['mode']>()(['allow_list', 'deny_list']);

const text = () => fc.oneof(fc.string({ minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 }), fc.constantFrom(...HOSTILE_STRINGS.filter((h) => h !== '')));
const email = () => fc.emailAddress();
const amount = () => fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)));
const flag = () => fc.boolean();
const opt = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: (keyof T)[]) => fc.record(model, { requiredKeys: required as never, noNullPrototype: true }) as unknown as fc.Arbitrary<T>;
const uniqueBy = <T>(arb: fc.Arbitrary<T>, key: (t: T) => unknown, maxLength = 3) => fc.uniqueArray(arb, { selector: key, maxLength });

const spendLimit = () => fc.oneof(fc.constant(null), opt({ threshold_amount: amount(), currency: fc.constant('USD'), interval: fc.constant('month') }, ['threshold_amount']));
const spendAlerts = () => uniqueBy(opt({ threshold_amount: amount(), recipients: fc.uniqueArray(email(), { maxLength: 3 }), subject_prefix: fc.string() }, ['threshold_amount', 'recipients']), (a) => a.threshold_amount);
const assignments = () => uniqueBy(
  fc.oneof(
    fc.record({ role: text(), user: email() }, { noNullPrototype: true }),
    fc.record({ role: text(), group: text() }, { noNullPrototype: true }),
  ) as fc.Arbitrary<RoleAssignmentSpec>,
  (a) => `${a.role}\u0000${a.user ? `u${a.user.toLowerCase()}` : `g${a.group}`}`,
);
const prune = <K extends string>(keys: readonly K[]) => opt<{ [P in K]?: boolean }>(Object.fromEntries(keys.map((k) => [k, flag()])) as { [P in K]: fc.Arbitrary<boolean> }, []);
const rateLimit = () => opt({
  max_requests_per_1_minute: fc.nat(), max_tokens_per_1_minute: fc.nat(), max_images_per_1_minute: fc.nat(),
  max_audio_megabytes_per_1_minute: fc.nat(), max_requests_per_1_day: fc.nat(), batch_1_day_max_input_tokens: fc.nat(),
}, []);

const organization = (): fc.Arbitrary<OrganizationSpec> => opt<OrganizationSpec>({
  spend_limit: spendLimit(),
  spend_alerts: spendAlerts(),
  data_retention: fc.constantFrom(...ORG_RETENTION),
  groups: uniqueBy(opt({ name: text(), members: fc.uniqueArray(email(), { maxLength: 3, selector: (e) => e.toLowerCase() }) }, ['name']), (g) => g.name),
  roles: uniqueBy(opt({ name: text(), description: fc.string(), permissions: fc.uniqueArray(text(), { maxLength: 3 }) }, ['name', 'permissions']), (r) => r.name),
  role_assignments: assignments(),
  workload_identity_providers: uniqueBy(opt({
    name: text(), description: fc.string(), issuer: text(), audience: text(), enabled: flag(), discovery_url: text(),
    attribute_transformations: fc.array(fc.record({ attribute: text(), expression: text() }, { noNullPrototype: true }), { maxLength: 2 }),
    rules: uniqueBy(opt({
      name: text(), description: fc.string(), enabled: flag(), project: text(), service_account: text(),
      attribute_matchers: fc.dictionary(fc.string({ minLength: 1 }), fc.oneof(fc.string(), fc.integer(), flag()), { maxKeys: 3, noNullPrototype: true }),
      scopes: fc.uniqueArray(text(), { maxLength: 3 }),
    }, ['name', 'project', 'service_account', 'attribute_matchers']), (r) => r.name),
    prune: prune(['rules']),
  }, ['name', 'issuer', 'audience']), (p) => p.name),
  prune: prune(['spend_alerts', 'groups', 'group_members', 'roles', 'role_assignments', 'workload_identity_providers']),
}, []);

const project = (): fc.Arbitrary<ProjectSpec> => opt<ProjectSpec>({
  name: text(),
  id: text(),
  residency: text(),
  members: uniqueBy(fc.record({ email: email(), role: fc.constantFrom(...MEMBER_ROLES) }, { noNullPrototype: true }), (m) => m.email.toLowerCase()),
  role_assignments: assignments(),
  groups: uniqueBy(fc.record({ group: text(), role: text() }, { noNullPrototype: true }), (g) => g.group),
  service_accounts: uniqueBy(opt({ name: text(), role: fc.constantFrom(...MEMBER_ROLES) }, ['name']), (s) => s.name),
  rate_limits: fc.dictionary(text(), rateLimit(), { maxKeys: 3, noNullPrototype: true }),
  model_permissions: fc.oneof(fc.constant(null), fc.record({ mode: fc.constantFrom(...MODES), model_ids: fc.uniqueArray(text(), { maxLength: 3 }) }, { noNullPrototype: true })),
  hosted_tools: opt(Object.fromEntries(TOOLS.map((t) => [t, flag()])) as { [K in HostedToolName]: fc.Arbitrary<boolean> }, []),
  service_tier: fc.record({
    default: fc.constantFrom(...DEFAULT_TIERS),
    enabled_tiers: fc.oneof(fc.constant('all' as const), fc.uniqueArray(fc.constantFrom(...TIERS), { maxLength: 3 })),
  }, { noNullPrototype: true }),
  spend_limit: spendLimit(),
  spend_alerts: spendAlerts(),
  data_retention: fc.constantFrom(...PROJECT_RETENTION),
  prune: prune(['members', 'role_assignments', 'groups', 'service_accounts', 'spend_alerts']),
}, ['name']);

function orgFile(): fc.Arbitrary<OrgFile> {
  return opt<OrgFile>({
    version: fc.constant(1 as const),
    organization: organization(),
    projects: fc.uniqueArray(project(), { maxLength: 3, selector: (p) => p.name })
      .filter((ps) => new Set(ps.filter((p) => p.id !== undefined).map((p) => p.id)).size === ps.filter((p) => p.id !== undefined).length),
    prune: prune(['projects']),
  }, ['version']);
}

describe('org file: the JSON Schema', () => {
  type Node = Record<string, unknown>;
  const schema = schemaJson as unknown as Node;
  const defs = schema.definitions as Record<string, Node>;
  const resolve = (n: Node): Node => (typeof n.$ref === 'string' ? { ...defs[n.$ref.replace('#/definitions/', '')]!, ...n } : n);

  /** Every schema node that describes an object with properties, with its path. */
  function objects(node: Node, path: string, out: [string, Node][] = []): [string, Node][] {
    if (node.properties) out.push([path, node]);
    for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Node>)) objects(v, `${path}.${k}`, out);
    if (node.items && typeof node.items === 'object') objects(node.items as Node, `${path}[]`, out);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') objects(node.additionalProperties as Node, `${path}.*`, out);
    for (const b of (node.anyOf ?? []) as Node[]) objects(b, path, out);
    return out;
  }
  const all = [...objects(schema, '$'), ...Object.entries(defs).flatMap(([k, d]) => objects(d, `#${k}`))];

  it('is draft-07 and pins version to 1', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual((schema.properties as Record<string, Node>).version, { description: 'The file format\'s version. Always 1.', const: 1 });
    assert.deepEqual(schema.required, ['version']);
  });

  it('closes every object (additionalProperties: false) and describes every property (hover text in the editor)', () => {
    assert.ok(all.length > 20);
    for (const [path, node] of all) {
      assert.equal(node.additionalProperties, false, `${path} allows unknown fields`);
      for (const [k, v] of Object.entries(node.properties as Record<string, Node>)) {
        assert.equal(typeof resolve(v).description, 'string', `${path}.${k} has no description`);
      }
    }
  });

  it('has the enums of format.ts', () => {
    const project = (defs.project!.properties as Record<string, Node>);
    assert.deepEqual(defs.organizationRetention!.enum, [...ORG_RETENTION]);
    assert.deepEqual(project.data_retention!.enum, [...PROJECT_RETENTION]);
    assert.deepEqual(((project.members!.items as Node).properties as Record<string, Node>).role!.enum, [...MEMBER_ROLES]);
    assert.deepEqual(((project.service_accounts!.items as Node).properties as Record<string, Node>).role!.enum, [...MEMBER_ROLES]);
    assert.deepEqual(Object.keys(project.hosted_tools!.properties as Node), [...TOOLS]);
    const tier = project.service_tier!.properties as Record<string, Node>;
    assert.deepEqual(tier.default!.enum, [...DEFAULT_TIERS]);
    assert.deepEqual(((tier.enabled_tiers!.anyOf as Node[])[1]!.items as Node).enum, [...TIERS]);
    assert.deepEqual((project.model_permissions!.properties as Record<string, Node>).mode!.enum, [...MODES]);
  });
});
