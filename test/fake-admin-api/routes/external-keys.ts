// Customer-managed KMS keys (EKM). Registering a key does not reach the cloud: whether OpenAI
// could use it is decided once from its id (external.ts) and reported by validate.
import type { components } from '../../../src/api/schema';
import { badRequest, conflict } from '../errors';
import { listA, ordered, orderedSubset } from '../pagination';
import { keyIsReachable } from '../external';
import type { ExternalKeyRec, FakeState } from '../state';
import { opt, req, v, type Check } from '../validate';
import { externalKeyView } from '../views';
import { must } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];
type Purpose = S['ExternalKeyPurpose'];

const PURPOSES = ['ekm', 'psp_decryption'] as const satisfies readonly Purpose[];
const name = req(v.string({ minLength: 1, maxLength: 256 }));
const text = req(v.string({ minLength: 1 }));
const purpose = opt(v.enum(PURPOSES));

export const createExternalKeyBody = v.union({
  aws: v.object({
    type: req(v.enum(['aws'] as const)),
    name,
    kms_arn: req(v.string({ pattern: /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/.+$/ })),
    role_arn: req(v.string({ pattern: /^arn:aws:iam::\d{12}:role\/.+$/ })),
    external_id: text,
    purpose,
  }),
  gcp: v.object({
    type: req(v.enum(['gcp'] as const)),
    name,
    audience: text,
    kms_project_id: text,
    kms_key_location: text,
    kms_key_ring_name: text,
    kms_key_name: text,
    kms_key_version: opt(v.string({ minLength: 1 })),
    workload_identity_pool_id: text,
    workload_identity_project_number: req(v.string({ pattern: /^[0-9]{1,19}$/ })),
    workload_identity_provider_id: text,
    purpose,
  }),
  azure: v.object({
    type: req(v.enum(['azure'] as const)),
    name,
    tenant_id: text,
    vault_uri: req(v.string({ pattern: /^https:\/\/.+/ })),
    key_name: text,
    key_version: opt(v.string({ minLength: 1 })),
    purpose,
  }),
  oci: v.object({
    type: req(v.enum(['oci'] as const)),
    name,
    region: text,
    vault_ocid: text,
    key_ocid: text,
    key_version_ocid: opt(v.string({ minLength: 1 })),
    purpose,
  }),
}) satisfies Check<unknown>;

/** The pinned-version field of each provider: needed for psp_decryption, rejected for ekm. */
const VERSION_FIELD = { aws: null, gcp: 'kms_key_version', azure: 'key_version', oci: 'key_version_ocid' } as const;

function projectsUsing(state: FakeState, keyId: string): string[] {
  return state.projects.values().filter((p) => p.external_key_id === keyId).map((p) => p.id);
}

export const externalKeyRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/external_keys',
    operationId: 'list-external-keys',
    handler: ({ state, query }) => {
      const want = query.oneOf('purpose', PURPOSES);
      const list = want ? orderedSubset(state.externalKeys, state.externalKeys.values().filter((k) => (k.purpose ?? 'ekm') === want)) : ordered(state.externalKeys);
      return listA(query, list, (k) => externalKeyView(state, k), { defaultLimit: 20, minLimit: 0, order: { param: true, default: 'asc' } });
    },
  },
  {
    method: 'POST',
    path: '/organization/external_keys',
    operationId: 'create-external-key',
    handler: ({ state, body }) => {
      const b = createExternalKeyBody(body ?? {}, '');
      const keyPurpose: Purpose = b.purpose ?? 'ekm';
      const versionField = VERSION_FIELD[b.type];
      if (versionField) {
        const version = (b as Record<string, unknown>)[versionField];
        if (keyPurpose === 'ekm' && version !== undefined) throw badRequest(`'${versionField}' is only accepted for 'psp_decryption' keys; EKM keys follow the key's primary version.`, versionField, 'invalid_value');
        if (keyPurpose === 'psp_decryption' && version === undefined) throw badRequest(`Missing required parameter: '${versionField}' (needed for 'psp_decryption' keys).`, versionField, 'missing_required_parameter');
      }
      if (state.externalKeys.find((k) => k.name === b.name)) throw conflict(`An external key named '${b.name}' already exists.`, 'name');
      const id = state.newId('extkey_', 16);
      const key: ExternalKeyRec = { ...b, id, created_at: state.now(), workspace_id: state.org.id, purpose: keyPurpose, reachable: keyIsReachable(id, state.seed) };
      state.externalKeys.insert(key);
      state.audit('external_key.registered', { id, data: { type: b.type, name: b.name, purpose: keyPurpose } }, { resource: id });
      return externalKeyView(state, key);
    },
  },
  {
    method: 'GET',
    path: '/organization/external_keys/{external_key_id}',
    operationId: 'retrieve-external-key',
    handler: ({ state, params }) => externalKeyView(state, must(state.externalKeys, params.external_key_id!, 'external key', 'external_key_id')),
  },
  {
    method: 'DELETE',
    path: '/organization/external_keys/{external_key_id}',
    operationId: 'delete-external-key',
    handler: ({ state, params }) => {
      const key = must(state.externalKeys, params.external_key_id!, 'external key', 'external_key_id');
      // Data encrypted with the key would become unreadable: projects must move off it first.
      const using = projectsUsing(state, key.id);
      if (using.length) throw conflict(`External key '${key.id}' is used by ${using.length} project(s) (${using.join(', ')}); remove it from them first.`, 'external_key_id');
      const view = externalKeyView(state, key);
      state.externalKeys.delete(key.id);
      state.audit('external_key.removed', { id: key.id }, { resource: key.id });
      return view;
    },
  },
  {
    method: 'POST',
    path: '/organization/external_keys/{external_key_id}/validate',
    operationId: 'validate-external-key',
    handler: ({ state, params }) => {
      const key = must(state.externalKeys, params.external_key_id!, 'external key', 'external_key_id');
      return { status: key.reachable ? 'valid' : 'invalid' } satisfies S['ExternalKeyValidateResponse'];
    },
  },
];
