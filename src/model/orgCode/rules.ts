// The rules of an org file that a JSON Schema cannot say: names that identify an item appear once
// in their list, a role assignment names exactly one of user/group, a `prune` names a section the
// object lists (else it does nothing), emails look like emails. Runs on a file the schema accepted,
// so every value has its declared type. Pure: a finding is a path and words; parse.ts places it.
import * as l10n from '@vscode/l10n';
import type { OrgFile, RoleAssignmentSpec, SpendAlertSpec } from './format';
import { pathText, quote } from './problems';

export type Path = (string | number)[];

export interface RuleFinding {
  path: Path;
  message: string;
  severity: 'error' | 'warning';
  /** Point at the key of `path` rather than its value (a `prune` flag). */
  atKey?: boolean;
}

// Deliberately loose: one @, something on each side, a dot in the domain. It catches a name or a
// typo typed where an email belongs; the API is the judge of anything subtler.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkRules(file: OrgFile): RuleFinding[] {
  const out: RuleFinding[] = [];

  /** Second and later items whose key an earlier item of the list already has. */
  const unique = <T>(list: readonly T[] | undefined, listPath: Path, what: string, keyOf: (item: T) => string | number | undefined,
    field?: string, shown: (item: T) => unknown = keyOf, why = l10n.t('each {0} may appear once', what.toLowerCase())) => {
    const first = new Map<string | number, number>();
    list?.forEach((item, i) => {
      const key = keyOf(item);
      if (key === undefined) return;
      const earlier = first.get(key);
      if (earlier === undefined) { first.set(key, i); return; }
      out.push({
        path: field ? [...listPath, i, field] : [...listPath, i], severity: 'error',
        message: l10n.t('{0} {1} is listed twice in {2} (items {3} and {4}); {5}.', what, quote(shown(item)), pathText(listPath), earlier, i, why),
      });
    });
  };

  const email = (value: string, path: Path) => {
    if (!EMAIL.test(value)) out.push({ path, severity: 'warning', message: l10n.t('{0}: {1} does not look like an email address.', pathText(path), quote(value)) });
  };

  const prune = (flags: Record<string, boolean | undefined> | undefined, owner: Record<string, unknown>, ownerPath: Path, needs: Record<string, string> = {}) => {
    for (const [flag, on] of Object.entries(flags ?? {})) {
      const section = needs[flag] ?? flag;
      if (on !== true || owner[section] !== undefined) continue;
      const sectionPath = pathText([...ownerPath, section]);
      out.push({
        path: [...ownerPath, 'prune', flag], atKey: true, severity: 'warning',
        message: l10n.t('{0} does nothing: the file does not list {1}, and a section left out is not managed. To remove every item, list the section empty ({2}: []).',
          pathText([...ownerPath, 'prune', flag]), sectionPath, section),
      });
    }
  };

  const assignments = (list: RoleAssignmentSpec[] | undefined, listPath: Path) => {
    list?.forEach((a, i) => {
      const at = [...listPath, i];
      if (a.user !== undefined && a.group !== undefined) {
        out.push({ path: [...at, 'group'], atKey: true, severity: 'error', message: l10n.t('{0} names both a user and a group; a role assignment gives the role to exactly one of them.', pathText(at)) });
      } else if (a.user === undefined && a.group === undefined) {
        out.push({ path: [...at, 'role'], atKey: true, severity: 'error', message: l10n.t('{0} names neither a user nor a group; add `user: <email>` or `group: <name>`.', pathText(at)) });
      } else if (a.user !== undefined) {
        email(a.user, [...at, 'user']);
      }
    });
    unique(list, listPath, l10n.t('Role assignment'), (a) => (a.user !== undefined) === (a.group !== undefined) ? undefined
      : `${a.role}\u0000${a.user !== undefined ? `user\u0000${a.user.toLowerCase()}` : `group\u0000${a.group}`}`,
    undefined, (a) => `${a.role} → ${a.user ?? a.group}`);
  };

  const alerts = (list: SpendAlertSpec[] | undefined, listPath: Path) => {
    unique(list, listPath, l10n.t('Spend alert threshold'), (a) => a.threshold_amount, 'threshold_amount', undefined, l10n.t('an alert is identified by its threshold'));
    list?.forEach((a, i) => a.recipients.forEach((r, j) => email(r, [...listPath, i, 'recipients', j])));
  };

  prune(file.prune, file as unknown as Record<string, unknown>, []);

  const org = file.organization;
  if (org) {
    const at: Path = ['organization'];
    alerts(org.spend_alerts, [...at, 'spend_alerts']);
    unique(org.groups, [...at, 'groups'], l10n.t('Group'), (g) => g.name, 'name');
    org.groups?.forEach((g, i) => {
      const members: Path = [...at, 'groups', i, 'members'];
      unique(g.members, members, l10n.t('Member'), (m) => m.toLowerCase(), undefined, (m) => m);
      g.members?.forEach((m, j) => email(m, [...members, j]));
    });
    unique(org.roles, [...at, 'roles'], l10n.t('Role'), (r) => r.name, 'name');
    assignments(org.role_assignments, [...at, 'role_assignments']);
    unique(org.workload_identity_providers, [...at, 'workload_identity_providers'], l10n.t('Provider'), (p) => p.name, 'name');
    org.workload_identity_providers?.forEach((p, i) => {
      const providerPath: Path = [...at, 'workload_identity_providers', i];
      unique(p.rules, [...providerPath, 'rules'], l10n.t('Rule'), (r) => r.name, 'name');
      prune(p.prune, p as unknown as Record<string, unknown>, providerPath);
    });
    prune(org.prune, org as unknown as Record<string, unknown>, at, { group_members: 'groups' });
  }

  unique(file.projects, ['projects'], l10n.t('Project'), (p) => p.name, 'name');
  unique(file.projects, ['projects'], l10n.t('Project id'), (p) => p.id, 'id');
  file.projects?.forEach((p, i) => {
    const at: Path = ['projects', i];
    unique(p.members, [...at, 'members'], l10n.t('Member'), (m) => m.email.toLowerCase(), 'email', (m) => m.email);
    p.members?.forEach((m, j) => email(m.email, [...at, 'members', j, 'email']));
    assignments(p.role_assignments, [...at, 'role_assignments']);
    unique(p.roles, [...at, 'roles'], l10n.t('Role'), (r) => r.name, 'name');
    unique(p.groups, [...at, 'groups'], l10n.t('Group'), (g) => g.group, 'group');
    unique(p.service_accounts, [...at, 'service_accounts'], l10n.t('Service account'), (s) => s.name, 'name');
    alerts(p.spend_alerts, [...at, 'spend_alerts']);
    prune(p.prune, p as unknown as Record<string, unknown>, at);
  });

  return out;
}
