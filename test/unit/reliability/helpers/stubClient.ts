// A real AdminClient (method builders, paging, envelopes) whose transport answers from a function
// instead of the network: property tests feed it generated bodies far faster than any server could.
import { createAdminClient, OPERATIONS, type AdminClient, type OperationId } from '../../../../src/api';
import { Transport, type ApiRequest } from '../../../../src/api/transport';

// Literal routes first: /certificates/activate must not be taken for /certificates/{certificate_id}.
const ROUTES = (Object.entries(OPERATIONS) as [OperationId, { method: string; path: string }][])
  .map(([id, { method, path }]) => ({
    id,
    method,
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    placeholders: path.split('{').length - 1,
  }))
  .sort((a, b) => a.placeholders - b.placeholders);

export function operationFor(req: Pick<ApiRequest, 'method' | 'path'>): OperationId {
  const path = req.path.split('?')[0]!;
  const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(path));
  if (!route) throw new Error(`no operation for ${req.method} ${path}`);
  return route.id;
}

export type Answer = (operationId: OperationId, req: ApiRequest) => unknown;

/**
 * Patches Transport.prototype.request for the duration of a test (restore() puts it back). Bodies
 * go through JSON like a real response, so what the model sees is what it could really receive.
 */
export function stubTransport(answer: Answer): { client: () => AdminClient; restore: () => void } {
  const original = Object.getOwnPropertyDescriptor(Transport.prototype, 'request')!;
  Object.defineProperty(Transport.prototype, 'request', {
    ...original,
    value: async function request(req: ApiRequest, options?: { signal?: AbortSignal }) {
      options?.signal?.throwIfAborted();
      const body = answer(operationFor(req), req);
      return body === undefined ? undefined : JSON.parse(JSON.stringify(body));
    },
  });
  return {
    client: () => createAdminClient({ apiKey: 'sk-admin-stub', baseUrl: 'http://127.0.0.1:9/v1', env: {} }),
    restore: () => Object.defineProperty(Transport.prototype, 'request', original),
  };
}
