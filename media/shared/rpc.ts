// The webview side of src/webviews/protocol.ts: typed requests to the host (answered by
// src/webviews/panel.ts's RpcHost) and events both ways.
import { isRpcMessage, type ParamsOf, type ResultOf, type RpcError, type RpcEvents, type RpcMethods } from '../../src/webviews/protocol';
import { vscodeApi } from './vscode';

export class RpcCallError extends Error implements RpcError {
  override name = 'RpcCallError';
  readonly status?: number;
  readonly cancelled?: boolean;
  constructor(error: RpcError) {
    super(error.message);
    this.status = error.status;
    this.cancelled = error.cancelled;
  }
}

export interface RpcClient<M extends RpcMethods, In extends RpcEvents, Out extends RpcEvents> {
  call<K extends keyof M & string>(method: K, params: ParamsOf<M, K>): Promise<ResultOf<M, K>>;
  on<K extends keyof In & string>(name: K, handler: (data: In[K]) => void): void;
  emit<K extends keyof Out & string>(name: K, data: Out[K]): void;
}

/** `M`: the host's methods; `In`: events the host sends; `Out`: events this webview sends. */
export function createRpcClient<M extends RpcMethods, In extends RpcEvents = RpcEvents, Out extends RpcEvents = RpcEvents>(): RpcClient<M, In, Out> {
  const api = vscodeApi();
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  const handlers = new Map<string, (data: unknown) => void>();

  window.addEventListener('message', (event: MessageEvent) => {
    const m: unknown = event.data;
    if (!isRpcMessage(m)) return;
    if (m.kind === 'response') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if ('error' in m) p.reject(new RpcCallError(m.error));
      else p.resolve(m.result as never);
    } else if (m.kind === 'event') {
      handlers.get(m.name)?.(m.data);
    }
  });

  return {
    call: (method, params) => new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: never) => void, reject });
      api.postMessage({ kind: 'request', id, method, params });
    }),
    on: (name, handler) => void handlers.set(name, handler as (data: unknown) => void),
    emit: (name, data) => api.postMessage({ kind: 'event', name, data }),
  };
}
