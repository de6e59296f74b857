// Audit logs, newest first, with the documented filters.
import { listA, orderedSubset } from '../pagination';
import type { AuditLogRec } from '../state';
import type { RouteDef } from './types';

export const auditLogRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/audit_logs',
    operationId: 'list-audit-logs',
    handler: ({ state, query }) => {
      // `effective_at` is a deepObject: effective_at[gt]=…&effective_at[lte]=…
      const gt = query.int('effective_at[gt]');
      const gte = query.int('effective_at[gte]');
      const lt = query.int('effective_at[lt]');
      const lte = query.int('effective_at[lte]');
      // Array params are named with a literal [] in the spec; Query.array accepts both spellings.
      const projects = query.array('project_ids');
      const types = query.array('event_types');
      const actorIds = query.array('actor_ids');
      const actorEmails = query.array('actor_emails')?.map((e) => e.toLowerCase());
      const resources = query.array('resource_ids');
      const tenantOnly = query.bool('tenant_only') ?? false;
      const keep = (r: AuditLogRec) =>
        (gt === undefined || r.effective_at > gt) &&
        (gte === undefined || r.effective_at >= gte) &&
        (lt === undefined || r.effective_at < lt) &&
        (lte === undefined || r.effective_at <= lte) &&
        (!projects || (r.project_id !== null && projects.includes(r.project_id))) &&
        (!types || types.includes(r.log.type)) &&
        (!actorIds || (r.actor_id !== null && actorIds.includes(r.actor_id))) &&
        (!actorEmails || (r.actor_email !== null && actorEmails.includes(r.actor_email.toLowerCase()))) &&
        (!resources || (r.resource_id !== null && resources.includes(r.resource_id))) &&
        (!tenantOnly || r.log.type.startsWith('tenant.'));
      const table = state.auditLogs;
      return listA(query, orderedSubset(table, table.values().filter(keep)), (r) => r.log, {
        defaultLimit: 20,
        order: { param: false, default: 'desc' },
        before: true,
      });
    },
  },
];
