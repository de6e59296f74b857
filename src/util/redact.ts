/**
 * Last line of defence for secrets in text that leaves the process (logs, messages, webviews):
 * anything shaped like an OpenAI key or a bearer credential is cut down to a recognisable stub.
 * Callers still must not pass secrets here on purpose; this catches accidents.
 */
import { secretPattern } from '../api/secretPattern';

const KEY_SHAPE = /\bsk-[A-Za-z0-9_\-]{8,}/g;
const BEARER = /\bBearer\s+[^\s"',;]+/gi;

/** Removes each of `extraSecrets` (as-is, percent- or form-encoded), bearer credentials and key-shaped text. */
export function redact(text: string, extraSecrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret && secret.length >= 6) out = out.replace(secretPattern(secret), '[redacted]');
  }
  return out.replace(BEARER, 'Bearer [redacted]').replace(KEY_SHAPE, (m) => `${m.slice(0, 7)}…[redacted]`);
}
