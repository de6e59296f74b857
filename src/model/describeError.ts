/** One line for an error row or notification: status, the API's message, request id. */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { status?: number; apiMessage?: string; message?: string; networkCode?: unknown };
    // A transport failure's apiMessage is the socket's own words ("read ECONNRESET", "other side
    // closed"); its message says what happened. The request's path is left to the log.
    if (typeof e.networkCode === 'string' && e.message) return e.message.replace(/ on [A-Z]+ \S+: /, ': ');
    const text = e.apiMessage || e.message || String(err);
    return e.status && !text.startsWith(String(e.status)) ? `${e.status} ${text}` : text;
  }
  return String(err);
}
