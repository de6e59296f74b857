// The route table: every operation of the Administration API, matched by method and path
// template. Templates are the OpenAPI ones, so RequestRecord.route reads like the spec.
import { adminKeyRoutes } from './routes/admin-keys';
import { apiKeyRoutes } from './routes/api-keys';
import { auditLogRoutes } from './routes/audit-logs';
import { certificateRoutes } from './routes/certificates';
import { dataRetentionRoutes } from './routes/data-retention';
import { externalKeyRoutes } from './routes/external-keys';
import { externalStorageRoutes } from './routes/external-storage';
import { groupRoutes } from './routes/groups';
import { inviteRoutes } from './routes/invites';
import { permissionRoutes } from './routes/permissions';
import { projectGroupRoutes } from './routes/project-groups';
import { projectUserRoutes } from './routes/project-users';
import { projectRoutes } from './routes/projects';
import { rateLimitRoutes } from './routes/rate-limits';
import { roleAssignmentRoutes } from './routes/role-assignments';
import { roleRoutesAll } from './routes/roles';
import { serviceAccountRoutes } from './routes/service-accounts';
import { serviceTierRoutes } from './routes/service-tiers';
import { spendRoutesAll } from './routes/spend';
import type { RouteDef } from './routes/types';
import { usageRoutes } from './routes/usage';
import { userRoutes } from './routes/users';
import { workloadIdentityRoutes } from './routes/workload-identity';

export const ROUTES: readonly RouteDef[] = [
  ...adminKeyRoutes,
  ...auditLogRoutes,
  ...certificateRoutes,
  ...usageRoutes,
  ...dataRetentionRoutes,
  ...groupRoutes,
  ...roleAssignmentRoutes,
  ...inviteRoutes,
  ...projectRoutes,
  ...projectUserRoutes,
  ...projectGroupRoutes,
  ...serviceAccountRoutes,
  ...apiKeyRoutes,
  ...rateLimitRoutes,
  ...permissionRoutes,
  ...spendRoutesAll,
  ...roleRoutesAll,
  ...userRoutes,
  ...externalKeyRoutes,
  ...externalStorageRoutes,
  ...workloadIdentityRoutes,
  ...serviceTierRoutes,
];

interface Compiled {
  def: RouteDef;
  regex: RegExp;
  names: string[];
}

// Fewer parameters first, so /organization/certificates/activate wins over
// /organization/certificates/{certificate_id}.
const compiled: Compiled[] = ROUTES.map((def) => {
  const names: string[] = [];
  const source = def.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { def, regex: new RegExp(`^${source}$`), names };
}).sort((a, b) => a.names.length - b.names.length);

export interface Match {
  def: RouteDef;
  params: Record<string, string>;
}

/** Finds the route for a method and a path relative to /v1 (no query). */
export function matchRoute(method: string, path: string): Match | undefined {
  for (const c of compiled) {
    if (c.def.method !== method) continue;
    const m = c.regex.exec(path);
    if (!m) continue;
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    } catch {
      continue; // malformed percent-encoding never matches
    }
    return { def: c.def, params };
  }
  return undefined;
}

/** 'GET /organization/projects/{project_id}' */
export function routeLabel(def: RouteDef): string {
  return `${def.method} ${def.path}`;
}
