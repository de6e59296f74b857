// Service accounts and their keys. A key's secret value is returned exactly once, in the create
// response; afterwards only its redacted form exists anywhere in the fake.
import type { components } from '../../../src/api/schema';
import { badRequest } from '../errors';
import { listA, ordered } from '../pagination';
import type { ApiKeyRec, FakeState, ServiceAccountRec } from '../state';
import { opt, parseBody, req, v } from '../validate';
import { serviceAccountView } from '../views';
import { deleted, must, requireActiveProject, requireProject } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];

/** `expires_in_seconds` bounds of every key-creating or key-updating body (one year at most). */
export const KEY_LIFETIME = { min: 1, max: 31_536_000 };

/** Creates a service-account key; returns the record and the one-time secret. */
export function mintServiceAccountKey(
  state: FakeState,
  projectId: string,
  sa: ServiceAccountRec,
  name: string,
  scopes: string[],
  expiresInSeconds: number | null = null,
): { key: ApiKeyRec; value: string } {
  const value = `sk-svcacct-${state.rng.alnum(64)}`;
  const now = state.now();
  const key: ApiKeyRec = {
    id: state.newId('key_', 16),
    name,
    created_at: now,
    last_used_at: null,
    redacted_value: `sk-svcacct...${value.slice(-4)}`,
    owner: { type: 'service_account', id: sa.id },
    scopes,
    expires_at: expiresInSeconds === null ? null : now + expiresInSeconds,
  };
  state.project(projectId)!.apiKeys.insert(key);
  // A project key is a real credential, just not an admin one: using it gets a 403.
  state.credentials.set(value, { kind: 'project', keyId: key.id });
  return { key, value };
}

function oneTimeKey(key: ApiKeyRec, value: string): S['ServiceAccountApiKeyBody'] {
  return { object: 'organization.project.service_account.api_key', value, name: key.name, created_at: key.created_at, id: key.id, expires_at: key.expires_at ?? null };
}

export const serviceAccountRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/service_accounts',
    operationId: 'list-project-service-accounts',
    handler: ({ state, params, query }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      return listA(query, ordered(data.serviceAccounts), serviceAccountView, { defaultLimit: 20 });
    },
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/service_accounts',
    operationId: 'create-project-service-account',
    handler: ({ state, params, body }) => {
      const { project, data } = requireActiveProject(state, params.project_id!);
      const b = parseBody(body, {
        name: req(v.string({ minLength: 1 })),
        create_service_account_only: opt(v.nullable(v.bool())),
        expires_in_seconds: opt(v.nullable(v.int(KEY_LIFETIME))),
      });
      const only = b.create_service_account_only === true;
      if (only && b.expires_in_seconds != null) {
        throw badRequest("'expires_in_seconds' must be left out or null when 'create_service_account_only' is true (no API key is created).", 'expires_in_seconds', 'invalid_value');
      }
      const sa: ServiceAccountRec = { id: state.newId('svc_acct_'), name: b.name, role: only ? 'none' : 'member', created_at: state.now() };
      data.serviceAccounts.insert(sa);
      const minted = only ? null : mintServiceAccountKey(state, project.id, sa, 'Secret Key', [], b.expires_in_seconds ?? null);
      state.audit('service_account.created', { id: sa.id, data: { role: sa.role } }, { project: project.id, resource: sa.id });
      return {
        object: 'organization.project.service_account',
        id: sa.id,
        name: sa.name,
        role: only ? 'none' : 'member',
        created_at: sa.created_at,
        api_key: minted ? oneTimeKey(minted.key, minted.value) : null,
      } satisfies S['ProjectServiceAccountCreateResponse'];
    },
  },
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/service_accounts/{service_account_id}',
    operationId: 'retrieve-project-service-account',
    handler: ({ state, params }) => {
      const { data } = requireProject(state, params.project_id!);
      return serviceAccountView(must(data.serviceAccounts, params.service_account_id!, 'service account', 'service_account_id'));
    },
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/service_accounts/{service_account_id}',
    operationId: 'update-project-service-account',
    handler: ({ state, params, body }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const sa = must(data.serviceAccounts, params.service_account_id!, 'service account', 'service_account_id');
      const b = parseBody(body, { name: opt(v.string({ minLength: 1 })), role: opt(v.enum(['member', 'owner'] as const)) });
      if (b.name !== undefined) sa.name = b.name;
      if (b.role !== undefined) sa.role = b.role;
      state.audit('service_account.updated', { id: sa.id, changes_requested: { role: sa.role } }, { project: params.project_id, resource: sa.id });
      return serviceAccountView(sa);
    },
  },
  {
    method: 'DELETE',
    path: '/organization/projects/{project_id}/service_accounts/{service_account_id}',
    operationId: 'delete-project-service-account',
    handler: ({ state, params }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const sa = must(data.serviceAccounts, params.service_account_id!, 'service account', 'service_account_id');
      data.serviceAccounts.delete(sa.id);
      for (const key of data.apiKeys.values().filter((k) => k.owner.type === 'service_account' && k.owner.id === sa.id)) {
        data.apiKeys.delete(key.id);
        state.revokeKey(key.id);
      }
      // Federation rules that let tokens act as this account have nothing left to map to.
      for (const rules of state.federationRules.values()) {
        for (const rule of rules.values().filter((r) => r.service_account_id === sa.id)) rules.delete(rule.id);
      }
      state.audit('service_account.deleted', { id: sa.id }, { project: params.project_id, resource: sa.id });
      return deleted('organization.project.service_account.deleted', sa.id);
    },
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys',
    operationId: 'CreateanAPIkeyforaserviceaccount',
    handler: ({ state, params, body }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const sa = must(data.serviceAccounts, params.service_account_id!, 'service account', 'service_account_id');
      const b = parseBody(body, { name: opt(v.string()), scopes: opt(v.array(v.string())), expires_in_seconds: opt(v.nullable(v.int(KEY_LIFETIME))) });
      const { key, value } = mintServiceAccountKey(state, params.project_id!, sa, b.name ?? 'Secret Key', b.scopes ?? [], b.expires_in_seconds ?? null);
      state.audit('api_key.created', { id: key.id, data: { scopes: key.scopes } }, { project: params.project_id, resource: key.id });
      return oneTimeKey(key, value);
    },
  },
];
