// Project service tier settings: the default tier and the optional tiers a project may use.
import type { components } from '../../../src/api/schema';
import { badRequest } from '../errors';
import { checkEnum } from '../query';
import type { ServiceTierSettingsRec } from '../state';
import { opt, parseBody, requireSome, v, type Check } from '../validate';
import { serviceTierSettingsView } from '../views';
import { requireActiveProject, requireProject } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];

const OPTIONAL_TIERS = ['flex', 'fast', 'ultrafast'] as const satisfies readonly S['ProjectOptionalServiceTier'][];
const DEFAULTS = ['standard', 'fast', 'scale'] as const;

/** `"all"` or a list of optional tiers (an empty list allows Standard only). */
const enabledTiers: Check<ServiceTierSettingsRec['enabled_tiers']> = (value, path) => {
  if (typeof value === 'string') return checkEnum(path, value, ['all'] as const);
  return [...new Set(v.array(v.enum(OPTIONAL_TIERS))(value, path))];
};

export const serviceTierRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/service_tier_settings',
    operationId: 'retrieve-project-service-tier-settings',
    handler: ({ state, params }) => serviceTierSettingsView(requireProject(state, params.project_id!).data.serviceTiers),
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/service_tier_settings',
    operationId: 'update-project-service-tier-settings',
    handler: ({ state, params, body }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      requireSome(body, ['default', 'enabled_tiers']);
      const b = parseBody(body, { default: opt(v.enum(DEFAULTS)), enabled_tiers: opt(enabledTiers) });
      const next: ServiceTierSettingsRec = { default: b.default ?? data.serviceTiers.default, enabled_tiers: b.enabled_tiers ?? data.serviceTiers.enabled_tiers };
      // A default of `fast` only makes sense while Fast is enabled (Standard and Scale always are).
      if (next.default === 'fast' && next.enabled_tiers !== 'all' && !next.enabled_tiers.includes('fast')) {
        const param = b.default !== undefined ? 'default' : 'enabled_tiers';
        throw badRequest("The default tier 'fast' must be among 'enabled_tiers'.", param, 'invalid_value');
      }
      data.serviceTiers = next;
      return serviceTierSettingsView(next);
    },
  },
];
