// Admin API keys. Keys created here really authenticate against the fake until deleted. The
// key the fake was started with always authenticates, even if its listed record is deleted,
// so one test cannot lock the rest of a suite out.
import type { components } from '../../../src/api/schema';
import { listA, ordered } from '../pagination';
import type { AdminKeyRec } from '../state';
import { opt, parseBody, req, v } from '../validate';
import { adminKeyView } from '../views';
import { deleted, must } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];

export const adminKeyRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/admin_api_keys',
    operationId: 'admin-api-keys-list',
    handler: ({ state, query }) => listA(query, ordered(state.adminKeys), adminKeyView, { defaultLimit: 20, order: { param: true, default: 'asc' } }),
  },
  {
    method: 'POST',
    path: '/organization/admin_api_keys',
    operationId: 'admin-api-keys-create',
    handler: ({ state, body }) => {
      const b = parseBody(body, { name: req(v.string({ minLength: 1 })), expires_in_seconds: opt(v.int({ min: 1, max: 31_536_000 })) });
      const now = state.now();
      const value = `sk-admin-${state.rng.alnum(48)}`;
      const founder = state.users.values().find((u) => u.role === 'owner') ?? state.users.values()[0];
      const key: AdminKeyRec = {
        id: state.newId('key_', 16),
        name: b.name,
        redacted_value: `sk-admin...${value.slice(-3)}`,
        created_at: now,
        expires_at: b.expires_in_seconds ? now + b.expires_in_seconds : null,
        last_used_at: null,
        owner: { type: 'user', id: founder?.id ?? 'user-unknown', name: founder?.name ?? '', created_at: founder?.added_at ?? now, role: 'owner' },
      };
      state.adminKeys.insert(key);
      state.credentials.set(value, { kind: 'admin', keyId: key.id });
      state.audit('api_key.created', { id: key.id, data: { scopes: ['api.management.read', 'api.management.write'] } }, { resource: key.id });
      return { ...adminKeyView(key), value } satisfies S['AdminApiKeyCreateResponse'];
    },
  },
  {
    method: 'GET',
    path: '/organization/admin_api_keys/{key_id}',
    operationId: 'admin-api-keys-get',
    handler: ({ state, params }) => adminKeyView(must(state.adminKeys, params.key_id!, 'admin API key', 'key_id')),
  },
  {
    method: 'DELETE',
    path: '/organization/admin_api_keys/{key_id}',
    operationId: 'admin-api-keys-delete',
    handler: ({ state, params }) => {
      const key = must(state.adminKeys, params.key_id!, 'admin API key', 'key_id');
      state.adminKeys.delete(key.id);
      state.revokeKey(key.id);
      state.audit('api_key.deleted', { id: key.id }, { resource: key.id });
      return deleted('organization.admin_api_key.deleted', key.id);
    },
  },
];
