// Workload identity providers and their federation rules. A rule names a project and a service
// account by name; either may be created by the same plan, so the rule's step waits for them.
import * as l10n from '@vscode/l10n';
import type { FederationRuleCreateRequest, FederationRuleUpdateRequest, WorkloadIdentityProviderUpdateRequest } from '../../api';
import { workloadIdentityEffects } from '../writeEffects';
import type { FederationRuleSpec, OrganizationSpec, WorkloadIdentityProviderSpec } from './format';
import { sameJson, sameSet } from './order';
import type { PlanContext, Target } from './planContext';
import { callText, show, type Ref } from './steps';
import { quoted } from '../plan/apiKeySteps';

const PROVIDERS = '/organization/workload_identity_providers';

export function planProviders(ctx: PlanContext, desired: OrganizationSpec): void {
  const wanted = desired.workload_identity_providers;
  if (!wanted) return;
  const { index } = ctx.live;
  const live = ctx.live.file.organization?.workload_identity_providers ?? [];
  for (const p of wanted) {
    const heading = l10n.t('Workload identity provider {0}', quoted(p.name));
    const have = live.find((l) => l.name === p.name);
    const liveId = index.providerIdByName.get(p.name);
    let target: Target;
    if (!have || !liveId) {
      const key = `provider:${p.name}`;
      const body = {
        name: p.name, type: 'oidc' as const, issuer: p.issuer, audience: p.audience,
        ...(p.description ? { description: p.description } : {}),
        ...(p.enabled !== undefined ? { enabled: p.enabled } : {}),
        ...(p.attribute_transformations ? { attribute_transformations: p.attribute_transformations.map((t) => ({ ...t })) } : {}),
        ...(p.discovery_url ? { verification: { type: 'discovery' as const, discovery_url: p.discovery_url } } : {}),
      };
      const step = ctx.b.add({
        id: ['create-provider', p.name], group: heading, change: 'create', title: l10n.t('Create workload identity provider {0} ({1})', quoted(p.name), p.issuer),
        call: callText('POST', PROVIDERS, body),
        run: async (c) => {
          const created = await c.client.workloadIdentityProviders.create(body, { signal: c.signal });
          c.created(key, created.id);
          return workloadIdentityEffects.providerSaved(created);
        },
      });
      target = { ref: { key, label: l10n.t('new provider {0}', quoted(p.name)) }, step };
    } else {
      target = { ref: { id: liveId, label: l10n.t('provider {0}', quoted(p.name)) } };
      providerUpdate(ctx, heading, liveId, p, have);
    }
    planRules(ctx, heading, p, target, have?.rules ?? [], liveId ? index.ruleIdByName.get(liveId) : undefined);
  }
  if (!desired.prune?.workload_identity_providers) return;
  const names = new Set(wanted.map((p) => p.name));
  for (const l of live) {
    const id = index.providerIdByName.get(l.name);
    if (names.has(l.name) || !id) continue;
    ctx.b.add({
      id: ['delete-provider', l.name], group: l10n.t('Workload identity provider {0}', quoted(l.name)), change: 'delete',
      title: l10n.t('Delete workload identity provider {0} and its {1} rule(s)', quoted(l.name), (l.rules ?? []).length),
      call: callText('DELETE', `${PROVIDERS}/${id}`),
      run: async (c) => {
        await c.client.workloadIdentityProviders.delete(id, { signal: c.signal });
        return workloadIdentityEffects.providerDeleted(id);
      },
      goneEffects: workloadIdentityEffects.providerDeleted(id),
    });
  }
}

/** Fields the file leaves out (enabled, discovery_url, attribute_transformations) are not managed. */
function providerUpdate(ctx: PlanContext, heading: string, id: string, p: WorkloadIdentityProviderSpec, have: WorkloadIdentityProviderSpec): void {
  const body: WorkloadIdentityProviderUpdateRequest = {};
  const changes: string[] = [];
  if ((p.description ?? '') !== (have.description ?? '')) {
    body.description = p.description ?? null;
    changes.push(l10n.t('description {0} → {1}', quoted(have.description ?? ''), quoted(p.description ?? '')));
  }
  if (p.issuer !== have.issuer) { body.issuer = p.issuer; changes.push(l10n.t('issuer {0} → {1}', have.issuer, p.issuer)); }
  if (p.audience !== have.audience) { body.audience = p.audience; changes.push(l10n.t('audience {0} → {1}', have.audience, p.audience)); }
  if (p.enabled !== undefined && p.enabled !== have.enabled) { body.enabled = p.enabled; changes.push(p.enabled ? 'enable' : 'disable'); }
  if (p.discovery_url !== undefined && p.discovery_url !== have.discovery_url) {
    body.verification = { type: 'discovery', discovery_url: p.discovery_url };
    changes.push(l10n.t('discovery URL {0} → {1}', have.discovery_url ?? l10n.t('none'), p.discovery_url ?? ''));
  }
  if (p.attribute_transformations !== undefined && !sameJson(p.attribute_transformations, have.attribute_transformations ?? [])) {
    body.attribute_transformations = p.attribute_transformations.map((t) => ({ ...t }));
    changes.push(l10n.t('attribute transformations ({0})', p.attribute_transformations.length));
  }
  if (!changes.length) return;
  ctx.b.add({
    id: ['update-provider', p.name], group: heading, change: 'update', title: l10n.t('Change workload identity provider {0}: {1}', quoted(p.name), changes.join('; ')),
    call: callText('POST', `${PROVIDERS}/${id}`, body),
    run: async (c) => workloadIdentityEffects.providerSaved(await c.client.workloadIdentityProviders.update(id, body, { signal: c.signal })),
  });
}

/** The project and service account a rule names, as references (and the steps creating them). */
function ruleTargets(ctx: PlanContext, providerName: string, r: FederationRuleSpec): { project: Target; account: Target } | undefined {
  // `project` is a name, or the id of a project whose name another shares (as export writes it).
  const byId = ctx.live.index.projectNameById.has(r.project);
  const named = [...ctx.projects.values()].filter((t) => (byId ? t.ref.id === r.project : t.name === r.project));
  if (named.length > 1 || (!byId && ctx.live.index.ambiguousProjectNames.has(r.project))) {
    ctx.b.warn(l10n.t('Provider {0}, rule {1}: several projects are named {2}; not planned.', quoted(providerName), quoted(r.name), quoted(r.project)));
    return undefined;
  }
  const planned = named[0];
  let project: Target | undefined = planned;
  let account: Target | undefined = planned?.serviceAccounts.get(r.service_account);
  if (!planned) {
    const id = byId ? r.project : ctx.live.index.projectIdByName.get(r.project);
    const live = id ? ctx.live.index.projects.get(id) : undefined;
    if (id) project = { ref: { id, label: l10n.t('project {0}', quoted(r.project)) } };
    const saId = live?.serviceAccountIdByName.get(r.service_account);
    if (saId) account = { ref: { id: saId, label: l10n.t('service account {0}', quoted(r.service_account)) } };
  }
  if (!project || !account) {
    ctx.b.warn(!project
      ? l10n.t('Provider {0}, rule {1}: no project {2} exists or is created by the file; not planned.', quoted(providerName), quoted(r.name), quoted(r.project))
      : l10n.t('Provider {0}, rule {1}: no service account {2} in project {3} exists or is created by the file; not planned.', quoted(providerName), quoted(r.name), quoted(r.service_account), quoted(r.project)));
    return undefined;
  }
  return { project, account };
}

function permissionsOf(r: FederationRuleSpec) {
  return r.scopes ? { type: 'restricted' as const, scopes: [...r.scopes] } : { type: 'service_account_default' as const };
}

function planRules(ctx: PlanContext, heading: string, p: WorkloadIdentityProviderSpec, provider: Target, live: readonly FederationRuleSpec[], liveIds: ReadonlyMap<string, string> | undefined): void {
  if (!p.rules) return;
  const rulesPath = `${PROVIDERS}/${show(provider.ref)}/federation_rules`;
  for (const r of p.rules) {
    const targets = ruleTargets(ctx, p.name, r);
    if (!targets) continue;
    const have = live.find((l) => l.name === r.name);
    const id = liveIds?.get(r.name);
    const moved = have && (have.project !== r.project || have.service_account !== r.service_account);
    let deleted: string | undefined;
    if (have && id && moved) {
      // A rule cannot be pointed at another service account: it is deleted and created again.
      deleted = deleteRuleStep(ctx, heading, p.name, provider.ref, id, r.name, `${quoted(r.project)}/${quoted(r.service_account)}`);
    }
    if (!have || !id || moved) {
      const body = (projectId: string, accountId: string): FederationRuleCreateRequest => ({
        project_id: projectId, service_account_id: accountId, attribute_matchers: { ...r.attribute_matchers }, name: r.name,
        ...(r.description ? { description: r.description } : {}), ...(r.enabled !== undefined ? { enabled: r.enabled } : {}), permissions: permissionsOf(r),
      });
      ctx.b.add({
        id: ['create-rule', p.name, r.name], group: heading, change: 'create',
        title: l10n.t('Create federation rule {0} → {1}/{2}', quoted(r.name), quoted(r.project), quoted(r.service_account)),
        call: callText('POST', rulesPath, body(show(targets.project.ref), show(targets.account.ref))),
        after: [provider.step, targets.project.step, targets.account.step, deleted],
        run: async (c) => {
          const [providerId, projectId, accountId] = [await c.id(provider.ref), await c.id(targets.project.ref), await c.id(targets.account.ref)];
          return workloadIdentityEffects.ruleSaved(await c.client.workloadIdentityProviders.federationRules.create(providerId, body(projectId, accountId), { signal: c.signal }));
        },
      });
      continue;
    }
    const update: FederationRuleUpdateRequest = {};
    const changes: string[] = [];
    if ((r.description ?? '') !== (have.description ?? '')) { update.description = r.description ?? null; changes.push('description'); }
    if (r.enabled !== undefined && r.enabled !== have.enabled) { update.enabled = r.enabled; changes.push(r.enabled ? 'enable' : 'disable'); }
    if (!sameJson(r.attribute_matchers, have.attribute_matchers)) { update.attribute_matchers = { ...r.attribute_matchers }; changes.push(l10n.t('attribute matchers')); }
    if (!(r.scopes === undefined ? have.scopes === undefined : sameSet(r.scopes, have.scopes))) {
      update.permissions = permissionsOf(r);
      changes.push(r.scopes ? l10n.t('scopes {0}', r.scopes.join(', ')) : l10n.t('default permissions'));
    }
    if (!changes.length) continue;
    const providerId = provider.ref.id!;
    ctx.b.add({
      id: ['update-rule', p.name, r.name], group: heading, change: 'update', title: l10n.t('Change federation rule {0}: {1}', quoted(r.name), changes.join('; ')),
      call: callText('POST', `${rulesPath}/${id}`, update),
      run: async (c) => workloadIdentityEffects.ruleSaved(await c.client.workloadIdentityProviders.federationRules.update(providerId, id, update, { signal: c.signal })),
    });
  }
  if (!p.prune?.rules || !liveIds) return;
  const names = new Set(p.rules.map((r) => r.name));
  for (const l of live) {
    const id = liveIds.get(l.name);
    if (names.has(l.name) || !id) continue;
    deleteRuleStep(ctx, heading, p.name, provider.ref, id, l.name);
  }
}

/** `movedTo`: the “project”/“service account” the rule is deleted to be created again for. */
function deleteRuleStep(ctx: PlanContext, heading: string, providerName: string, provider: Ref, id: string, name: string, movedTo?: string): string {
  const providerId = provider.id!;
  return ctx.b.add({
    id: ['delete-rule', providerName, name], group: heading, change: 'delete',
    title: movedTo ? l10n.t('Delete federation rule {0} to point it at {1}', quoted(name), movedTo) : l10n.t('Delete federation rule {0}', quoted(name)),
    call: callText('DELETE', `${PROVIDERS}/${providerId}/federation_rules/${id}`),
    run: async (c) => {
      await c.client.workloadIdentityProviders.federationRules.delete(providerId, id, { signal: c.signal });
      return workloadIdentityEffects.ruleDeleted(providerId, id);
    },
    goneEffects: workloadIdentityEffects.ruleDeleted(providerId, id),
  });
}
