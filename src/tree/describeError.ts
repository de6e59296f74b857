/** One line for an error row or notification: status, the API's message, request id. */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { status?: number; apiMessage?: string; message?: string };
    const text = e.apiMessage || e.message || String(err);
    return e.status && !text.startsWith(String(e.status)) ? `${e.status} ${text}` : text;
  }
  return String(err);
}
