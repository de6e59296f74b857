// Data retention controls for the org and per project.
import type { components } from '../../../src/api/schema';
import { parseBody, req, v } from '../validate';
import { requireActiveProject, requireProject } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];

const ORG_TYPES = ['zero_data_retention', 'modified_abuse_monitoring', 'enhanced_zero_data_retention', 'enhanced_modified_abuse_monitoring'] as const;
const PROJECT_TYPES = ['organization_default', 'none', ...ORG_TYPES] as const;

export const dataRetentionRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/data_retention',
    operationId: 'retrieve-organization-data-retention',
    handler: ({ state }): S['OrganizationDataRetention'] => ({ object: 'organization.data_retention', type: state.org.dataRetention }),
  },
  {
    method: 'POST',
    path: '/organization/data_retention',
    operationId: 'update-organization-data-retention',
    handler: ({ state, body }) => {
      state.org.dataRetention = parseBody(body, { retention_type: req(v.enum(ORG_TYPES)) }).retention_type;
      return { object: 'organization.data_retention', type: state.org.dataRetention } satisfies S['OrganizationDataRetention'];
    },
  },
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/data_retention',
    operationId: 'retrieve-project-data-retention',
    handler: ({ state, params }): S['ProjectDataRetention'] => ({ object: 'project.data_retention', type: requireProject(state, params.project_id!).data.dataRetention }),
  },
  {
    method: 'POST',
    path: '/organization/projects/{project_id}/data_retention',
    operationId: 'update-project-data-retention',
    handler: ({ state, params, body }) => {
      const { data } = requireActiveProject(state, params.project_id!);
      data.dataRetention = parseBody(body, { retention_type: req(v.enum(PROJECT_TYPES)) }).retention_type;
      return { object: 'project.data_retention', type: data.dataRetention } satisfies S['ProjectDataRetention'];
    },
  },
];
