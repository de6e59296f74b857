// Per-model project rate limits. Only the fields a model has can be set, and never above the
// organisation's own limit for that model.
import { badRequest } from '../errors';
import { ORG_LIMIT_FACTOR, RATE_LIMIT_DEFAULTS } from '../models';
import { listA, ordered } from '../pagination';
import type { RateLimitRec } from '../state';
import { opt, parseBody, v } from '../validate';
import { must, requireActiveProject, requireProject } from './common';
import type { RouteDef } from './types';

const FIELDS = [
  'max_requests_per_1_minute',
  'max_tokens_per_1_minute',
  'max_images_per_1_minute',
  'max_audio_megabytes_per_1_minute',
  'max_requests_per_1_day',
  'batch_1_day_max_input_tokens',
] as const;

const view = (rl: RateLimitRec): RateLimitRec => ({ ...rl });

export const rateLimitRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/rate_limits',
    operationId: 'list-project-rate-limits',
    handler: ({ state, params, query }) => {
      const { data } = requireProject(state, params.project_id!);
      return listA(query, ordered(data.rateLimits), view, { defaultLimit: 100, before: true });
    },
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/rate_limits/{rate_limit_id}',
    operationId: 'update-project-rate-limits',
    handler: ({ state, params, body }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      const rl = must(data.rateLimits, params.rate_limit_id!, 'rate limit', 'rate_limit_id');
      const b = parseBody(body, Object.fromEntries(FIELDS.map((f) => [f, opt(v.int({ min: 0 }))])) as Record<(typeof FIELDS)[number], ReturnType<typeof opt<number>>>);
      const defaults = RATE_LIMIT_DEFAULTS.find((d) => d.model === rl.model)?.limits;
      for (const field of FIELDS) {
        const value = b[field];
        if (value === undefined) continue;
        if (rl[field] === undefined) throw badRequest(`'${field}' is not applicable to model '${rl.model}'.`, field, 'invalid_value');
        const ceiling = (defaults?.[field] ?? rl[field]!) * ORG_LIMIT_FACTOR;
        if (value > ceiling) throw badRequest(`'${field}' cannot exceed the organization's limit of ${ceiling} for model '${rl.model}'.`, field, 'rate_limit_exceeds_organization_limit');
      }
      for (const field of FIELDS) if (b[field] !== undefined) rl[field] = b[field];
      state.audit('rate_limit.updated', { id: rl.id, changes_requested: b }, { project: params.project_id, resource: rl.id });
      return view(rl);
    },
  },
];
