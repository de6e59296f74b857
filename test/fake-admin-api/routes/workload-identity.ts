// Workload identity: OIDC providers whose tokens project service accounts accept instead of API
// keys, and per provider the federation rules that map token attributes to a service account.
// Deleting a provider deletes its rules; deleting a service account deletes the rules aimed at it.
import type { components } from '../../../src/api/schema';
import { badRequest, conflict, notFound } from '../errors';
import { listA, ordered, orderedSubset } from '../pagination';
import type { FakeState, FederationRuleRec, WorkloadIdentityProviderRec } from '../state';
import { opt, parseBody, req, v } from '../validate';
import { federationRuleView, workloadIdentityProviderView } from '../views';
import { deleted, must, requireActiveProject } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];

const LIST = { defaultLimit: 20, order: { param: true, default: 'asc' as const } };

const issuer = v.string({ pattern: /^https:\/\/[^\s]+$/ });
const transformations = v.array(v.object({ attribute: req(v.string({ minLength: 1 })), expression: req(v.string({ minLength: 1 })) }), { maxItems: 50 });
const verification = v.union({
  discovery: v.object({ type: req(v.enum(['discovery'] as const)), discovery_url: opt(v.nullable(v.string({ pattern: /^https:\/\/[^\s]+$/ }))) }),
  uploaded_jwks: v.object({ type: req(v.enum(['uploaded_jwks'] as const)), jwks: req(v.json()) }),
});
const matchers = v.record(v.scalar(), { minProperties: 1 });
const permissions = v.union({
  service_account_default: v.object({ type: req(v.enum(['service_account_default'] as const)) }),
  restricted: v.object({ type: req(v.enum(['restricted'] as const)), scopes: req(v.array(v.string({ minLength: 1 }), { minItems: 1 })) }),
});

function checkVerification(value: ReturnType<typeof verification>): S['WorkloadIdentityProviderVerification'] {
  if (value.type === 'discovery') return { type: 'discovery', discovery_url: value.discovery_url ?? null };
  if (!Array.isArray(value.jwks.keys)) throw badRequest("Invalid 'verification.jwks': a JSON Web Key Set needs a 'keys' array.", 'verification.jwks.keys', 'invalid_value');
  return { type: 'uploaded_jwks', jwks: value.jwks };
}

function checkUnique(state: FakeState, p: { issuer: string; audience: string }, except?: string): void {
  const twin = state.workloadIdentityProviders.find((x) => x.id !== except && x.issuer === p.issuer && x.audience === p.audience);
  if (twin) throw conflict(`Workload identity provider '${twin.id}' already accepts issuer '${p.issuer}' with audience '${p.audience}'.`, 'issuer');
}

const provider = (state: FakeState, id: string) => must(state.workloadIdentityProviders, id, 'workload identity provider', 'workload_identity_provider_id');

function rule(state: FakeState, providerId: string, ruleId: string): FederationRuleRec {
  provider(state, providerId);
  return must(state.federationRulesOf(providerId), ruleId, 'workload identity federation rule', 'workload_identity_federation_rule_id');
}

const P = '/organization/workload_identity_providers';
const R = `${P}/{workload_identity_provider_id}/federation_rules`;

export const workloadIdentityRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: P,
    operationId: 'list-workload-identity-providers',
    handler: ({ state, query }) => listA(query, ordered(state.workloadIdentityProviders), workloadIdentityProviderView, LIST),
  },
  {
    method: 'POST',
    path: P,
    operationId: 'create-workload-identity-provider',
    handler: ({ state, body }) => {
      const b = parseBody(body, {
        name: req(v.string({ minLength: 1, maxLength: 256 })),
        type: req(v.enum(['oidc'] as const)),
        issuer: req(issuer),
        audience: req(v.string({ minLength: 1 })),
        description: opt(v.string()),
        enabled: opt(v.bool()),
        attribute_transformations: opt(transformations),
        verification: opt(verification),
      });
      checkUnique(state, b);
      const now = state.now();
      const rec: WorkloadIdentityProviderRec = {
        id: state.newId('wip_', 24),
        name: b.name,
        description: b.description ?? null,
        type: 'oidc',
        issuer: b.issuer,
        audience: b.audience,
        enabled: b.enabled ?? true,
        attribute_transformations: b.attribute_transformations ?? [],
        verification: b.verification ? checkVerification(b.verification) : { type: 'discovery', discovery_url: null },
        created_at: now,
        updated_at: now,
      };
      state.workloadIdentityProviders.insert(rec);
      state.audit('workload_identity_provider.created', { id: rec.id, data: { name: rec.name, issuer: rec.issuer, audience: rec.audience } }, { resource: rec.id });
      return workloadIdentityProviderView(rec);
    },
  },
  {
    method: 'GET',
    path: `${P}/{workload_identity_provider_id}`,
    operationId: 'retrieve-workload-identity-provider',
    handler: ({ state, params }) => workloadIdentityProviderView(provider(state, params.workload_identity_provider_id!)),
  },
  {
    method: 'POST',
    path: `${P}/{workload_identity_provider_id}`,
    operationId: 'update-workload-identity-provider',
    handler: ({ state, params, body }) => {
      const rec = provider(state, params.workload_identity_provider_id!);
      // The body is optional; an empty one changes nothing.
      const b = parseBody(body, {
        name: opt(v.string({ minLength: 1, maxLength: 256 })),
        description: opt(v.nullable(v.string())),
        issuer: opt(issuer),
        audience: opt(v.string({ minLength: 1 })),
        enabled: opt(v.bool()),
        attribute_transformations: opt(transformations),
        verification: opt(verification),
      });
      const next = { issuer: b.issuer ?? rec.issuer, audience: b.audience ?? rec.audience };
      checkUnique(state, next, rec.id);
      const verified = b.verification ? checkVerification(b.verification) : rec.verification;
      Object.assign(rec, {
        ...next,
        name: b.name ?? rec.name,
        description: b.description !== undefined ? b.description : rec.description,
        enabled: b.enabled ?? rec.enabled,
        attribute_transformations: b.attribute_transformations ?? rec.attribute_transformations,
        verification: verified,
        updated_at: state.now(),
      });
      state.audit('workload_identity_provider.updated', { id: rec.id, changes_requested: b }, { resource: rec.id });
      return workloadIdentityProviderView(rec);
    },
  },
  {
    method: 'DELETE',
    path: `${P}/{workload_identity_provider_id}`,
    operationId: 'delete-workload-identity-provider',
    handler: ({ state, params }) => {
      const rec = provider(state, params.workload_identity_provider_id!);
      state.workloadIdentityProviders.delete(rec.id);
      state.federationRules.delete(rec.id);
      state.audit('workload_identity_provider.deleted', { id: rec.id, name: rec.name }, { resource: rec.id });
      return deleted('organization.workload_identity_provider.deleted', rec.id) satisfies S['WorkloadIdentityProviderDeletedResource'];
    },
  },
  {
    method: 'GET',
    path: R,
    operationId: 'list-workload-identity-federation-rules',
    handler: ({ state, params, query }) => {
      const providerId = provider(state, params.workload_identity_provider_id!).id;
      const rules = state.federationRulesOf(providerId);
      const sa = query.string('service_account_id');
      const list = sa ? orderedSubset(rules, rules.values().filter((r) => r.service_account_id === sa)) : ordered(rules);
      return listA(query, list, federationRuleView, LIST);
    },
  },
  {
    method: 'POST',
    path: R,
    operationId: 'create-workload-identity-federation-rule',
    handler: ({ state, params, body }) => {
      const providerId = provider(state, params.workload_identity_provider_id!).id;
      const b = parseBody(body, {
        project_id: req(v.string({ minLength: 1 })),
        service_account_id: req(v.string({ minLength: 1 })),
        attribute_matchers: req(matchers),
        name: opt(v.string()),
        description: opt(v.string()),
        enabled: opt(v.bool()),
        permissions: opt(permissions),
      });
      const { data } = requireActiveProject(state, b.project_id);
      if (!data.serviceAccounts.has(b.service_account_id)) throw notFound('service account', b.service_account_id, 'service_account_id');
      const now = state.now();
      const rec: FederationRuleRec = {
        id: state.newId('wifr_', 24),
        workload_identity_provider_id: providerId,
        project_id: b.project_id,
        service_account_id: b.service_account_id,
        name: b.name ?? null,
        description: b.description ?? null,
        enabled: b.enabled ?? true,
        attribute_matchers: b.attribute_matchers,
        permissions: b.permissions ?? { type: 'service_account_default' },
        created_at: now,
        updated_at: now,
      };
      state.federationRulesOf(providerId).insert(rec);
      state.audit('workload_identity_provider_mapping.created', { id: rec.id, identity_provider_id: providerId, data: { project_id: rec.project_id, service_account_id: rec.service_account_id } }, { project: rec.project_id, resource: rec.id });
      return federationRuleView(rec);
    },
  },
  {
    method: 'GET',
    path: `${R}/{workload_identity_federation_rule_id}`,
    operationId: 'retrieve-workload-identity-federation-rule',
    handler: ({ state, params }) => federationRuleView(rule(state, params.workload_identity_provider_id!, params.workload_identity_federation_rule_id!)),
  },
  {
    method: 'POST',
    path: `${R}/{workload_identity_federation_rule_id}`,
    operationId: 'update-workload-identity-federation-rule',
    handler: ({ state, params, body }) => {
      const rec = rule(state, params.workload_identity_provider_id!, params.workload_identity_federation_rule_id!);
      const b = parseBody(body, {
        attribute_matchers: opt(matchers),
        name: opt(v.nullable(v.string())),
        description: opt(v.nullable(v.string())),
        enabled: opt(v.bool()),
        permissions: opt(permissions),
      });
      if (b.attribute_matchers !== undefined) rec.attribute_matchers = b.attribute_matchers;
      if (b.name !== undefined) rec.name = b.name;
      if (b.description !== undefined) rec.description = b.description;
      if (b.enabled !== undefined) rec.enabled = b.enabled;
      if (b.permissions !== undefined) rec.permissions = b.permissions;
      rec.updated_at = state.now();
      state.audit('workload_identity_provider_mapping.updated', { id: rec.id, identity_provider_id: rec.workload_identity_provider_id, changes_requested: b }, { project: rec.project_id, resource: rec.id });
      return federationRuleView(rec);
    },
  },
  {
    method: 'DELETE',
    path: `${R}/{workload_identity_federation_rule_id}`,
    operationId: 'delete-workload-identity-federation-rule',
    handler: ({ state, params }) => {
      const rec = rule(state, params.workload_identity_provider_id!, params.workload_identity_federation_rule_id!);
      state.federationRulesOf(rec.workload_identity_provider_id).delete(rec.id);
      state.audit(
        'workload_identity_provider_mapping.deleted',
        { id: rec.id, identity_provider_id: rec.workload_identity_provider_id, project_id: rec.project_id, service_account_id: rec.service_account_id },
        { project: rec.project_id, resource: rec.id },
      );
      return deleted('organization.workload_identity_federation_rule.deleted', rec.id) satisfies S['WorkloadIdentityFederationRuleDeletedResource'];
    },
  },
];
