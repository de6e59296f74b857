// The message protocol between a panel's extension-host side and its webview, imported by both
// (src/webviews/panel.ts and media/shared/rpc.ts). No imports: the webview bundle must not pull in
// anything from the host.
//
//   webview → host   { kind: 'request', id, method, params }   answered by
//   host → webview   { kind: 'response', id, result } | { kind: 'response', id, error }
//   either way       { kind: 'event', name, data }              fire-and-forget notifications

/** A panel's methods: one params object in, a JSON-able result (or promise of one) out. */
export type RpcMethods = { [method: string]: (params: never) => unknown };

export type ParamsOf<M extends RpcMethods, K extends keyof M> = Parameters<M[K]>[0];
export type ResultOf<M extends RpcMethods, K extends keyof M> = Awaited<ReturnType<M[K]>>;

/** Event name → payload. */
export type RpcEvents = { [name: string]: unknown };

export interface RpcRequest {
  kind: 'request';
  id: number;
  method: string;
  params?: unknown;
}

/** What the webview may show about a failure: never a stack, never a request's headers. */
export interface RpcError {
  message: string;
  status?: number;
  /** The request was superseded or the panel is going away; not worth showing. */
  cancelled?: boolean;
}

export type RpcResponse = { kind: 'response'; id: number; result: unknown } | { kind: 'response'; id: number; error: RpcError };

export interface RpcEvent {
  kind: 'event';
  name: string;
  data?: unknown;
}

export type RpcMessage = RpcRequest | RpcResponse | RpcEvent;

export function isRpcMessage(value: unknown): value is RpcMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { kind?: unknown; id?: unknown; method?: unknown; name?: unknown };
  switch (m.kind) {
    case 'request':
      return typeof m.id === 'number' && typeof m.method === 'string';
    case 'response':
      return typeof m.id === 'number';
    case 'event':
      return typeof m.name === 'string';
    default:
      return false;
  }
}

/**
 * VS Code's display language and the strings bundle, for the front end's @vscode/l10n and formatters.
 * The host writes it into the page (`<html lang data-l10n>`, src/webviews/panel.ts) so the first
 * render is already in the language; media/shared/l10n.ts reads it.
 */
export interface WebviewL10n {
  /** A BCP 47 tag, `vscode.env.language`. */
  language: string;
  /** `vscode.l10n.bundle`: {} in English, where the code's strings are the text. */
  bundle: Record<string, string | { message: string; comment: string[] }>;
}
